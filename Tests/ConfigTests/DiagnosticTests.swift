import QuorumModel
import XCTest
@testable import QuorumConfig

final class DiagnosticTests: XCTestCase {
    func testUnknownKeyWithSuggestion() {
        XCTAssertEqual(diagnostics(minimalYAML + "judge:\n  qourum: 2\n"), [
            "strategies.yaml:9:3: unknown key 'qourum' in 'judge'; did you mean 'quorum'?",
        ])
    }

    func testUnknownTopLevelKeyAndPrefixSuggestion() {
        XCTAssertEqual(diagnostics(minimalYAML + "strat: []\nzzz: 1\n"), [
            "strategies.yaml:8:1: unknown top-level key 'strat'; did you mean 'strategies'?",
            "strategies.yaml:9:1: unknown top-level key 'zzz'",
        ])
    }

    func testWrongTypesAndRanges() {
        let yaml = """
        version: 1
        data:
          - {path: data/GOOG_1d.csv}
        starting_cash: -5
        judge:
          mode: weigted
          quorum: "2"
          threshold: 1.5
          deadline_ms: 0
        strategies:
          - name: a
            plugin: org.quorum.sma-cross
            weight: -1
            symbols: [GOOG]
            enabled: yes
          - name: b
            plugin: org.quorum.sma-cross
            weight: .inf
            symbols: GOOG
        risk:
          sizing: {mode: fraction_of_cash, fraction: 0}
          limits: {max_positions: 2.5, max_order_value: abc}
        execution:
          commission: {bps: -1}
          time_in_force: gtd
        journal:
          level: [full]

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:4:16: starting_cash must be an amount > 0, found -5",
            "strategies.yaml:6:9: judge.mode must be one of vote, weighted, hedge, found 'weigted'; did you mean 'weighted'?",
            "strategies.yaml:7:11: judge.quorum must be an integer ≥ 1, found \"2\" (a quoted string)",
            "strategies.yaml:8:14: judge.threshold must be a number in [0, 1], found 1.5",
            "strategies.yaml:9:16: judge.deadline_ms must be an integer from 1 to 60000, found 0",
            "strategies.yaml:13:13: strategies[0].weight must be a finite number ≥ 0, found -1",
            "strategies.yaml:15:14: strategies[0].enabled must be true or false, found 'yes'",
            "strategies.yaml:18:13: strategies[1].weight must be a finite number ≥ 0, found .inf",
            "strategies.yaml:19:14: strategies[1].symbols must be a list, found 'GOOG'",
            "strategies.yaml:21:46: risk.sizing.fraction must be a fraction in (0, 1], found 0",
            "strategies.yaml:22:27: risk.limits.max_positions must be an integer ≥ 1, found 2.5",
            "strategies.yaml:22:49: risk.limits.max_order_value must be an amount > 0, found 'abc'",
            "strategies.yaml:24:21: execution.commission.bps must be a number ≥ 0, found -1",
            "strategies.yaml:25:18: execution.time_in_force must be one of day, gtc, ioc, found 'gtd'; did you mean 'gtc'?",
            "strategies.yaml:27:10: journal.level must be one of full, decisions, summary, found a list",
        ])
    }

    /// A whole number too large for an integer says so (a review: "must be an integer > 0, found
    /// 9223372036854775808"); a hedge key beside an invalid mode is not said to be ignored for the mode the file
    /// did not write (the default it fell back to).
    func testMessagesSayWhatIsWrongNotWhatTheDefaultWouldBe() {
        let yaml = minimalYAML + """
        judge: {mode: Vote, quorum: 9223372036854775808, hedge: {eta: 1}}
        risk:
          sizing: {mode: fixed_quantity, quantity: -9223372036854775809}

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:8:15: judge.mode must be one of vote, weighted, hedge, found 'Vote'; did you mean 'vote'?",
            "strategies.yaml:8:29: judge.quorum must be an integer ≥ 1, found 9223372036854775808, beyond the largest "
                + "integer (9223372036854775807)",
            "strategies.yaml:10:44: risk.sizing.quantity must be an integer > 0, found -9223372036854775809, beyond the "
                + "largest integer (9223372036854775807)",
        ])
    }

    /// Values that size a buffer or a time in nanoseconds are bounded: without the bound, one
    /// `max_orders_per_minute: 1000000000000` took the host down allocating 8 TB.
    func testSizesAndDurationsAreBounded() {
        let yaml = minimalYAML + """
        judge:
          mode: hedge
          deadline_ms: 60001
          hedge: {window: 100001}
        risk:
          sizing: {mode: volatility_target, atr_period: 4294967296}
          limits: {max_orders_per_minute: 1000000000000, min_order_interval_ms: 86400001}

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:10:16: judge.deadline_ms must be an integer from 1 to 60000, found 60001",
            "strategies.yaml:11:19: judge.hedge.window must be an integer from 1 to 100000 (bars), found 100001",
            "strategies.yaml:13:49: risk.sizing.atr_period must be an integer from 1 to 10000 (bars), found 4294967296",
            "strategies.yaml:14:35: risk.limits.max_orders_per_minute must be an integer from 1 to 100000, found 1000000000000",
            "strategies.yaml:14:73: risk.limits.min_order_interval_ms must be an integer from 0 to 86400000, found 86400001",
        ])
        let largest = minimalYAML + """
        judge: {mode: hedge, deadline_ms: 60000, hedge: {window: 100000}}
        risk:
          sizing: {mode: volatility_target, atr_period: 10000}
          limits: {max_orders_per_minute: 100000, min_order_interval_ms: 86400000}

        """
        guard case .success(let config) = ConfigLoader.load(text: largest) else { return XCTFail("the largest values load") }
        XCTAssertEqual(config.judge.deadlineMs, 60_000)
        XCTAssertEqual(config.risk.limits?.maxOrdersPerMinute, 100_000)
    }

    func testMissingRequiredKeysAreReportedAtTheParentMapping() {
        let yaml = """
        data:
          - {symbol: GOOG}
        strategies:
          - name: a
            symbols: [GOOG]
          - plugin: org.quorum.sma-cross
            symbols: []
        risk:
          sizing:
            mode: fixed_notional

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:1:1: missing required key 'version'",
            "strategies.yaml:2:5: missing required key 'path' in 'data[0]'",
            "strategies.yaml:4:5: missing required key 'plugin' in 'strategies[0]'",
            "strategies.yaml:5:15: no data entry provides symbol 'GOOG'",
            "strategies.yaml:6:5: missing required key 'name' in 'strategies[1]'",
            "strategies.yaml:7:14: strategies[1].symbols must list at least one symbol",
            "strategies.yaml:10:5: missing required key 'notional' in 'risk.sizing' (mode fixed_notional needs it)",
        ])
    }

    func testVersionMustBeOne() {
        XCTAssertEqual(diagnostics(minimalYAML.replacingOccurrences(of: "version: 1", with: "version: 2")),
                       ["strategies.yaml:1:10: version must be 1 (the only schema version), found 2"])
    }

    /// A strategy on several symbols runs one copy per symbol named NAME/SYMBOL, so a name with '/' could
    /// collide with such a copy: it is refused where it is written.
    /// `ensemble` names the ensemble's row in compare and report: a strategy of that name was taken for it.
    func testNoStrategyMayBeNamedEnsemble() {
        let yaml = minimalYAML.replacingOccurrences(of: "name: a", with: "name: ensemble")
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:5:11: strategy name 'ensemble' is the ensemble's (its row in compare and report)",
        ])
    }

    func testStrategyNamesMustNotContainASlash() {
        let yaml = minimalYAML.replacingOccurrences(of: "name: a", with: "name: sma/GOOG")
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:5:11: strategy name 'sma/GOOG' must not contain '/' (a strategy listed on several "
                + "symbols runs one copy per symbol, named NAME/SYMBOL)",
        ])
    }

    /// A failed load still gives a sound `plugins:` section, so that a host can check the strategies against
    /// the plugins too; not when that section has errors, or is absent beside an unknown top-level key (which may
    /// be the section misspelt).
    func testAFailedLoadKeepsASoundPluginsSection() throws {
        func plugins(_ yaml: String) -> PluginsConfig? {
            guard case .failure(let errors) = ConfigLoader.load(text: yaml) else {
                XCTFail("expected errors")
                return nil
            }
            return errors.plugins
        }
        let yaml = minimalYAML + "judge: {quorum: 0}\nplugins: {dirs: [here]}\n"
        XCTAssertEqual(plugins(yaml)?.dirs, ["here"])
        // An invalid `trust` is read as `strict`, the stricter rule; an error in `dirs` or `pins`, or an unknown key
        // that may be one of them misspelt, leaves which plugins to load in doubt.
        XCTAssertEqual(plugins(yaml.replacingOccurrences(of: "dirs: [here]", with: "dirs: [here], trust: some"))?.trust,
                       .strict)
        XCTAssertEqual(plugins(yaml.replacingOccurrences(of: "dirs: [here]", with: "dirs: [here], trust: any, trsut: any"))?
                        .trust, .any)
        XCTAssertNil(plugins(yaml.replacingOccurrences(of: "dirs: [here]", with: "dirs: here")))
        XCTAssertNil(plugins(yaml.replacingOccurrences(of: "dirs: [here]", with: "dirs: [here], pins: {a.so: x}")))
        XCTAssertNil(plugins(yaml.replacingOccurrences(of: "dirs: [here]", with: "dirs: [here], pin: {}")))
        XCTAssertNil(plugins(yaml.replacingOccurrences(of: "plugins: {dirs: [here]}", with: "plugins: [here]")))
        XCTAssertEqual(plugins(minimalYAML + "judge: {quorum: 0}\njudg: {}\n")?.dirs, ["plugins"],
                       "an unknown key that is not `plugins` misspelt")
        XCTAssertEqual(plugins(yaml + "plugin: {}\n")?.dirs, ["here"], "the section itself is there")
        XCTAssertNil(plugins(minimalYAML + "judge: {quorum: 0}\nplugin: {dirs: [here]}\n"))
        XCTAssertEqual(plugins(yaml + "judge: {quorum: 1}\n")?.dirs, ["here"], "beside a duplicate key")
        XCTAssertNil(plugins(yaml + "strategies: [\n"))
    }

    func testPluginIDMustBeReverseDNSWithoutCatalog() {
        XCTAssertEqual(diagnostics(minimalYAML.replacingOccurrences(of: "org.quorum.sma-cross", with: "sma cross")), [
            "strategies.yaml:6:13: strategies[0].plugin must be a reverse-DNS strategy id such as 'org.quorum.sma-cross', found 'sma cross'",
        ])
    }

    func testPluginsSection() {
        let yaml = minimalYAML + """
        plugins:
          trust: paranoid
          pins:
            libQuorumSMACross.so: ABC
            libQuorumPairs.so: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:9:10: plugins.trust must be one of strict, any, found 'paranoid'",
            "strategies.yaml:11:27: plugins.pins.libQuorumSMACross.so must be a sha256 digest (64 lowercase hex digits), found 'ABC'",
        ])
    }

    func testHedgeBlockOutsideHedgeModeWarnsAndMinAboveMaxFails() {
        let config = loadOK(minimalYAML + "judge:\n  hedge: {eta: 2}\n")
        XCTAssertEqual(config?.warnings.map(\.description), [
            "strategies.yaml:9:3: warning: judge.hedge is ignored because judge.mode is weighted, not hedge",
        ])
        XCTAssertEqual(diagnostics(minimalYAML + "judge:\n  mode: hedge\n  hedge: {min_weight: 0.5, max_weight: 0.2, eta: 0}\n"), [
            "strategies.yaml:10:23: judge.hedge.min_weight (0.5) must not exceed max_weight (0.2)",
            "strategies.yaml:10:50: judge.hedge.eta must be a finite number > 0, found 0",
        ])
    }

    func testLimitsNoneIsAWarningOnly() throws {
        let config = try XCTUnwrap(loadOK(minimalYAML + "risk:\n  limits: none\n"))
        XCTAssertNil(config.risk.limits)
        XCTAssertEqual(config.warnings.count, 1)
        XCTAssertEqual(config.warnings[0].severity, .warning)
        XCTAssertEqual(config.warnings[0].description, "strategies.yaml:9:11: warning: risk limits are off (research only)")
    }

    func testWithoutALimitsKeyEveryLimitHasItsDefault() throws {
        let config = try XCTUnwrap(loadOK(minimalYAML))
        let limits = try XCTUnwrap(config.risk.limits)
        XCTAssertEqual(limits.maxPosition, Ratio(0.2)!)
        XCTAssertEqual(limits.maxSectorExposure, Ratio(0.3)!)
        XCTAssertEqual(limits.maxPositions, 10)
        XCTAssertEqual(limits.maxOrderValue, Money(units: 10_000))
        XCTAssertEqual(limits.minCashReserve, Ratio(0.1)!)
        XCTAssertEqual(limits.dailyLossLimit, Ratio(0.02)!)
        XCTAssertEqual(limits.maxDrawdown, Ratio(0.2)!)
        XCTAssertTrue(limits.stopLossRequired)
        XCTAssertEqual(limits.defaultStop, Ratio(0.05)!)
        XCTAssertEqual(limits.maxOrdersPerMinute, 10)
        XCTAssertEqual(limits.minOrderIntervalMs, 100)
        XCTAssertEqual(limits.marketHours, MarketHours(openMinute: 570, closeMinute: 960, timeZone: "America/New_York"))
        XCTAssertNil(limits.autoResume)
        XCTAssertTrue(config.warnings.isEmpty)
    }

    func testExecutionOrderSettings() throws {
        let config = try XCTUnwrap(loadOK(minimalYAML + """
        execution:
          time_in_force: gtc
          trailing_stop: 0.04
          max_participation: 0.1
          rebalance_threshold: 0.25

        """))
        XCTAssertEqual(config.execution.timeInForce, .gtc)
        XCTAssertEqual(config.execution.trailingStop, Ratio(0.04)!)
        XCTAssertEqual(config.execution.maxParticipation, Ratio(0.1)!)
        XCTAssertEqual(config.execution.rebalanceThreshold, Ratio(0.25)!)
        XCTAssertEqual(diagnostics(minimalYAML + "execution:\n  trailing_stop: 2\n"),
                       ["strategies.yaml:9:18: execution.trailing_stop must be a fraction in (0, 1], found 2"])
    }

    /// Slippage of 100% or more would fill sells at zero or below; a commission beyond the notional is a typo.
    func testSlippageAndCommissionBasisPointsAreBounded() {
        XCTAssertEqual(diagnostics(minimalYAML + "execution: {slippage_bps: 15000, commission: {bps: 20000}}\n"),
                       ["strategies.yaml:8:27: execution.slippage_bps must be below 10000 (100%), found 15000",
                        "strategies.yaml:8:52: execution.commission.bps must be at most 10000 (100% of the notional), "
                        + "found 20000"])
        XCTAssertNotNil(loadOK(minimalYAML + "execution: {slippage_bps: 9999.5, commission: {bps: 10000}}\n"))
    }

    func testSizingKeyIgnoredByModeWarns() throws {
        let config = try XCTUnwrap(loadOK(minimalYAML + "risk:\n  sizing: {mode: fixed_quantity, quantity: 5, fraction: 0.5}\n"))
        XCTAssertEqual(config.risk.sizing, .fixedQuantity(5))
        XCTAssertEqual(config.warnings.map(\.description),
                       ["strategies.yaml:9:47: warning: risk.sizing.fraction is ignored when mode is fixed_quantity"])
    }

    /// An amount past the fixed-point range is refused for its size, naming the largest, not as "must be > 0".
    func testAmountsBeyondTheRangeSayWhatTheLargestIs() {
        XCTAssertEqual(diagnostics(minimalYAML + "starting_cash: 100000000000\n"), [
            "strategies.yaml:8:16: starting_cash is beyond the largest number it can hold, 92233720368.54775807, found 100000000000",
        ])
        XCTAssertEqual(diagnostics(minimalYAML + "starting_cash: -100000000000\n"), [
            "strategies.yaml:8:16: starting_cash must be an amount > 0, found -100000000000",
        ])
    }

    func testTooPreciseMoneyIsAnErrorNotRounded() {
        XCTAssertEqual(diagnostics(minimalYAML + "starting_cash: 100.123456789\n"),
                       ["strategies.yaml:8:16: starting_cash must have at most 8 decimal places, found 100.123456789"])
    }

    func testLiveModeNeedsALiveBroker() {
        XCTAssertEqual(diagnostics(minimalYAML + "execution: {mode: live}\n"),
                       ["strategies.yaml:8:19: execution.mode live needs a live broker (execution.broker: alpaca)"])
    }

    func testManyErrorsAtOnceAreSortedAndPrintedOnePerLine() {
        let yaml = """
        version: 1
        judge: {quorum: 0, mode: vot}
        strategies:
          - {name: x, plugin: org.quorum.sma-cross, symbols: [A], wieght: 2}
        jornal: {}

        """
        guard case .failure(let errors) = ConfigLoader.load(text: yaml) else { return XCTFail("expected errors") }
        XCTAssertEqual(errors.description, """
        strategies.yaml:2:17: judge.quorum must be an integer ≥ 1, found 0
        strategies.yaml:2:26: judge.mode must be one of vote, weighted, hedge, found 'vot'; did you mean 'vote'?
        strategies.yaml:4:59: unknown key 'wieght' in 'strategies[0]'; did you mean 'weight'?
        strategies.yaml:5:1: unknown top-level key 'jornal'; did you mean 'journal'?
        """)
        XCTAssertEqual(errors.errors.count, 4)
        XCTAssertEqual(errors.warnings.count, 0)
    }

    func testEmptyFile() {
        XCTAssertEqual(diagnostics(""), ["strategies.yaml:1:1: the configuration is empty"])
        XCTAssertEqual(diagnostics("- a\n"), ["strategies.yaml:1:1: the configuration must be a mapping, found a list"])
    }

    func testDataEntries() throws {
        let yaml = """
        version: 1
        data:
          - {path: data/GOOG_1d.csv, on_bad_row: skip}
          - {path: other/GOOG_5m.csv}
          - {path: x.csv, on_bad_row: ignore, symbl: X}
          - data/ORCL_1d.csv
        strategies: []

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:4:12: symbol 'GOOG' is already provided by the data entry at line 3",
            "strategies.yaml:5:31: data[2].on_bad_row must be one of error, skip, found 'ignore'",
            "strategies.yaml:5:39: unknown key 'symbl' in 'data[2]'; did you mean 'symbol'?",
            "strategies.yaml:6:5: data[3] must be a mapping, found 'data/ORCL_1d.csv'",
            "strategies.yaml:7:13: warning: no strategies are configured",
        ])
        let config = try XCTUnwrap(loadOK("version: 1\ndata: [{path: a/MSFT_1d.csv, on_bad_row: skip}]\nstrategies: []\n"))
        XCTAssertEqual(config.data.first?.symbol, "MSFT")
        XCTAssertEqual(config.data.first?.onBadRow, .skip)
    }

    func testNestedUnknownKeysAndLimitRanges() {
        let yaml = minimalYAML + """
        risk:
          limits:
            max_postion: 0.2
            max_drawdown: 1.2
            min_cash_reserve: 0
            market_hours: {open: "9:30", close: "16:00"}
            auto_resume: {after_days: 0}
          sectors: [tech]

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:10:5: unknown key 'max_postion' in 'risk.limits'; did you mean 'max_position'?",
            "strategies.yaml:11:19: risk.limits.max_drawdown must be a fraction in (0, 1], found 1.2",
            "strategies.yaml:13:26: risk.limits.market_hours.open must be a time HH:MM (24-hour), found '9:30'",
            "strategies.yaml:14:31: risk.limits.auto_resume.after_days must be an integer ≥ 1, found 0",
            "strategies.yaml:15:12: risk.sectors must be a mapping of symbol to sector name, found a list",
        ])
    }

    func testSuggestions() {
        XCTAssertEqual(Suggestions.closest(to: "qorum", among: ["mode", "quorum"]), "quorum")
        XCTAssertEqual(Suggestions.closest(to: "quroum", among: ["mode", "quorum"]), "quorum")   // transposition
        XCTAssertEqual(Suggestions.closest(to: "deadline", among: ["deadline_ms", "mode"]), "deadline_ms")   // prefix
        XCTAssertNil(Suggestions.closest(to: "xyz", among: ["mode", "quorum"]))
        XCTAssertEqual(Suggestions.distance(Array("ca"), Array("ac")), 1)
    }
}
