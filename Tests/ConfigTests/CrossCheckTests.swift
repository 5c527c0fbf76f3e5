import QuorumModel
import XCTest
@testable import QuorumConfig

/// Checks that hold a configuration's entries against each other, the data and the plugins' schemas: names,
/// symbols, weights, the quorum, risk symbols, hedge bounds (SPEC §6).
final class CrossCheckTests: XCTestCase {
    /// Weights each finite whose sum is not (the judge divides by it) are an error at the weight that overflows
    /// it (a review: two weights of 1e308 turned a run's result upside down); a disabled entry does not vote.
    func testTheWeightsMustAddUpToAFiniteNumber() {
        let yaml = minimalYAML + """
            weight: 1e308
          - {name: b, plugin: org.quorum.sma-cross, symbols: [GOOG], weight: 8e307, enabled: false}
          - {name: c, plugin: org.quorum.sma-cross, symbols: [GOOG], weight: 1e308}
          - {name: d, plugin: org.quorum.sma-cross, symbols: [GOOG], weight: 1e308}

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:10:70: the strategies' weights add up to more than the largest number (~1.8e308): "
                + "scale them down (only their ratios count)",
        ])
        let finite = minimalYAML + """
            weight: 1e308
          - {name: c, plugin: org.quorum.sma-cross, symbols: [GOOG], weight: 7e307}
          - {name: d, plugin: org.quorum.sma-cross, symbols: [GOOG]}

        """
        XCTAssertEqual(loadOK(finite)?.strategies.map(\.weight), [1e308, 7e307, 1], "1e308 + 7e307 + 1 is finite")
    }

    /// A quorum above a symbol's voting strategies is warned about, naming the symbols it leaves always flat (a
    /// weight-0 or disabled entry does not vote); one that every symbol can meet is not.
    func testAQuorumNoVerdictCanMeetIsWarnedAbout() {
        let yaml = minimalYAML.replacingOccurrences(of: "data/GOOG_1d.csv}", with: "data/GOOG_1d.csv}\n  - {path: data/ORCL_1d.csv}") + """
          - {name: b, plugin: org.quorum.sma-cross, symbols: [GOOG, ORCL], weight: 0}
          - {name: c, plugin: org.quorum.sma-cross, symbols: [ORCL]}
          - {name: d, plugin: org.quorum.sma-cross, symbols: [ORCL], enabled: false}
        judge: {quorum: 2}

        """
        XCTAssertEqual(loadOK(yaml)?.warnings.map(\.description), [
            "strategies.yaml:12:17: warning: judge.quorum is 2, more than the voting strategies of GOOG 1, ORCL 1: "
                + "their verdicts are always flat",
        ])
        XCTAssertEqual(loadOK(yaml.replacingOccurrences(of: "[GOOG, ORCL], weight: 0", with: "[GOOG, ORCL]"))?.warnings, [])
    }

    /// A symbol of `risk.sectors` or `restricted_symbols` that reads as a misspelt data symbol, which the list
    /// leaves out, is warned about (GOOG would trade unrestricted, or without a sector); a wider universe naming
    /// the data's symbols as they are is not.
    func testRiskSymbolsThatMisspellADataSymbolAreWarnedAbout() {
        let yaml = minimalYAML + """
        risk:
          sectors: {GOGL: tech, MSFT: tech}
          limits: {restricted_symbols: [GOGL, IBM]}

        """
        XCTAssertEqual(loadOK(yaml)?.warnings.map(\.description), [
            "strategies.yaml:9:13: warning: 'GOGL' is not a symbol of the data; did you mean 'GOOG'? (GOOG has no sector)",
            "strategies.yaml:10:33: warning: 'GOGL' is not a symbol of the data; did you mean 'GOOG'? (GOOG is not restricted)",
        ])
        let universe = yaml.replacingOccurrences(of: "{GOGL: tech, MSFT: tech}", with: "{GOGL: tech, GOOG: tech}")
            .replacingOccurrences(of: "[GOGL, IBM]", with: "[GOGL, GOOG]")
        XCTAssertEqual(loadOK(universe)?.warnings, [])
    }

    func testDuplicateStrategyNamesAndUnknownSymbols() {
        let yaml = minimalYAML + """
          - name: a
            plugin: org.quorum.sma-cross
            symbols: [GOGL, GOOG, GOOG]

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:8:11: duplicate strategy name 'a' (first used at line 5)",
            "strategies.yaml:10:15: no data entry provides symbol 'GOGL'; did you mean 'GOOG'?",
            "strategies.yaml:10:27: symbol 'GOOG' is listed twice in strategies[1].symbols",
        ])
    }

    /// The number of symbols is checked against the plugin's descriptor where the symbols are written; a
    /// one-symbol strategy may be listed on several (one instance per symbol).
    func testSymbolCountsAreCheckedAgainstTheCatalog() {
        let yaml = minimalYAML.replacingOccurrences(of: "data/GOOG_1d.csv}", with: "data/GOOG_1d.csv}\n  - {path: data/ORCL_1d.csv}") + """
          - {name: p, plugin: org.quorum.pairs, symbols: [GOOG]}
          - {name: q, plugin: org.quorum.pairs, symbols: [GOOG, ORCL]}
          - {name: s, plugin: org.quorum.sma-cross, symbols: [GOOG, ORCL]}

        """
        XCTAssertEqual(diagnostics(yaml, catalog: fakeCatalog), [
            "strategies.yaml:9:50: strategies[1].symbols: 'org.quorum.pairs' takes 2 symbols per instance, found 1",
        ])
        XCTAssertEqual(StrategySchema(id: "x", params: [], symbols: 2...4).symbolCountProblem(5),
                       "'x' takes 2 to 4 symbols per instance, found 5")
    }

    /// Hedge weights sum to 1 over the voting instances (enabled, weight above 0; a one-symbol strategy counts
    /// once per symbol): bounds that cannot hold for that many are an error at the bound, not silently 1/n each.
    func testHedgeBoundsMustBeAbleToHoldForTheVotingInstances() {
        let yaml = minimalYAML.replacingOccurrences(of: "data/GOOG_1d.csv}", with: "data/GOOG_1d.csv}\n  - {path: data/ORCL_1d.csv}") + """
          - {name: b, plugin: org.quorum.sma-cross, symbols: [GOOG, ORCL]}
          - {name: c, plugin: org.quorum.pairs, symbols: [GOOG, ORCL], weight: 0}
          - {name: d, plugin: org.quorum.pairs, symbols: [GOOG, ORCL], enabled: false}
        judge:
          mode: hedge
          hedge: {min_weight: MIN, max_weight: MAX}

        """
        func check(min: String, max: String) -> [String] {
            diagnostics(yaml.replacingOccurrences(of: "MIN", with: min).replacingOccurrences(of: "MAX", with: max),
                        catalog: fakeCatalog)
        }
        // a, b/GOOG, b/ORCL vote: three.
        XCTAssertEqual(check(min: "0", max: "0.3"), [
            "strategies.yaml:14:38: judge.hedge.max_weight (0.3) cannot hold for 3 voting strategy instances: their "
                + "weights sum to 1, so one gets at least 1/3 = 0.3333333333333333; raise max_weight to 0.3333333333333333 or more",
        ])
        XCTAssertEqual(check(min: "0.34", max: "1"), [
            "strategies.yaml:14:23: judge.hedge.min_weight (0.34) cannot hold for 3 voting strategy instances: their "
                + "weights sum to 1, so one gets at most 1/3 = 0.3333333333333333; lower min_weight to 0.3333333333333333 or less",
        ])
        XCTAssertNotNil(loadOK(yaml.replacingOccurrences(of: "MIN", with: "0.2").replacingOccurrences(of: "MAX", with: "0.4"),
                               catalog: fakeCatalog))
        // A bound within rounding of 1/n holds (49 × (1/49) < 1 in binary), and an error elsewhere in the file
        // does not hide this one.
        XCTAssertEqual(CrossCheckTests.boundsProblem(voters: 49, max: 1.0 / 49), nil)
        XCTAssertEqual(check(min: "0", max: "0.3").count, 1)
        XCTAssertEqual(diagnostics(yaml.replacingOccurrences(of: "MIN", with: "0").replacingOccurrences(of: "MAX", with: "0.3")
                                   + "starting_cash: -5\n", catalog: fakeCatalog).count, 2)
        // Without the plugins' catalog the instances are not known: nothing is said.
        XCTAssertNotNil(loadOK(yaml.replacingOccurrences(of: "MIN", with: "0").replacingOccurrences(of: "MAX", with: "0.3")))
    }

    private static func boundsProblem(voters: Int, max: Double) -> String? {
        HedgeConfig(maxWeight: max).boundsProblem(voters: voters)?.message
    }
}
