import Foundation
import Quorum
import XCTest

/// Loading a workspace: the configuration checked against the plugins it names.
final class WorkspaceTests: TemporaryFolderTestCase {
    /// The errors of `yaml` (written as `e.yaml`) as `Workspace.load` returns them, one per line.
    private func errors(_ yaml: String) throws -> [String] {
        let path = "\(folder!)/e.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        switch Workspace.load(configPath: path, environment: ["HOME": folder], logger: TestSupport.logger) {
        case .success:
            XCTFail("expected errors")
            return []
        case .failure(let error):
            return "\(error)".split(separator: "\n").map { String($0).replacingOccurrences(of: "\(folder!)/", with: "") }
        }
    }

    /// SPEC §6: every error at once. An error found without the plugins (judge.quorum) does not hide those
    /// found with them (an unknown strategy id, an unknown parameter).
    func testErrorsFoundWithAndWithoutThePluginsAreReportedTogether() throws {
        let yaml = """
        version: 1
        plugins: {dirs: [\(TestSupport.pluginFolder)]}
        data: [{path: t.csv, symbol: T}]
        judge: {quorum: 0}
        strategies:
          - {name: a, plugin: org.quorum.sma-cros, symbols: [T]}
          - {name: b, plugin: org.quorum.sma-cross, symbols: [T], params: {fast: 2, slwo: 3}}
        """
        XCTAssertEqual(try errors(yaml), [
            "e.yaml:4:17: judge.quorum must be an integer ≥ 1, found 0",
            "e.yaml:6:23: unknown strategy id 'org.quorum.sma-cros'; did you mean 'org.quorum.sma-cross'?",
            "e.yaml:7:77: unknown parameter 'slwo' for 'org.quorum.sma-cross'; did you mean 'slow'?",
        ])
        // When the plugin folders themselves are in doubt (a misspelt `plugins:`), the strategies are not
        // checked against whatever plugins the default folder holds: no follow-on errors.
        XCTAssertEqual(try errors(yaml.replacingOccurrences(of: "plugins: {", with: "plugin: {")), [
            "e.yaml:2:1: unknown top-level key 'plugin'; did you mean 'plugins'?",
            "e.yaml:4:17: judge.quorum must be an integer ≥ 1, found 0",
        ])
        // Another unknown top-level key, or a duplicate key, beside a sound `plugins:` does not hide them (they
        // came only once that error was fixed).
        let checked = [
            "e.yaml:6:23: unknown strategy id 'org.quorum.sma-cros'; did you mean 'org.quorum.sma-cross'?",
            "e.yaml:7:77: unknown parameter 'slwo' for 'org.quorum.sma-cross'; did you mean 'slow'?",
        ]
        let notes = yaml.replacingOccurrences(of: "judge: {quorum: 0}", with: "judge: {quorum: 1}") + "\nnotes: x"
        XCTAssertEqual(try errors(notes), checked + ["e.yaml:8:1: unknown top-level key 'notes'"])
        let duplicate = yaml.replacingOccurrences(of: "judge: {quorum: 0}", with: "judge: {quorum: 1}")
            + "\njudge: {quorum: 1}"
        XCTAssertEqual(try errors(duplicate),
                       checked + ["e.yaml:8:1: duplicate key 'judge' (first defined at line 4, column 1)"])
    }

    /// A plugin that refuses the combination of an entry's parameters (sma-cross with fast ≥ slow) makes the
    /// configuration invalid, at the entry: `validate` finds it (every such entry), and a backtest exits 2.
    func testAPluginRefusingAnEntryIsInvalidInputAtTheEntry() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 30, slow: 10)
            .replacingOccurrences(of: "\nrisk:", with: """

              - {name: ok, plugin: org.quorum.sma-cross, symbols: [GOOG]}
              - {name: also, plugin: org.quorum.sma-cross, symbols: [GOOG], params: {fast: 5, slow: 5}}
            risk:
            """)
        let workspace = try TestSupport.workspace(yaml)
        let expected = [
            "\(workspace.configPath):6:5: sma: org.quorum.sma-cross refused creation with these parameters (status -2)",
            "\(workspace.configPath):8:5: also: org.quorum.sma-cross refused creation with these parameters (status -2)",
        ]
        let errors = workspace.instanceErrors(logger: TestSupport.logger)
        XCTAssertEqual(errors.map(\.description), expected)
        XCTAssertEqual(errors.map(\.exitCode), [2, 2])
        XCTAssertThrowsError(try BacktestRunner.run(workspace, options: BacktestOptions(), logger: TestSupport.logger)) {
            XCTAssertEqual(($0 as? RuntimeError)?.description, expected[0])
            XCTAssertEqual(($0 as? RuntimeError)?.exitCode, 2)
        }
        XCTAssertTrue(try TestSupport.workspace(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
            .instanceErrors(logger: TestSupport.logger).isEmpty)
    }

    /// `validate` and `backtest` agree on the number of symbols: a pairs strategy on one symbol is an error of the
    /// file, at its symbols.
    func testSymbolCountsAreCheckedWhenTheWorkspaceLoads() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .replacingOccurrences(of: "{name: sma, plugin: org.quorum.sma-cross, symbols: [GOOG], params: {fast: 10, slow: 30}}",
                                  with: "{name: p, plugin: org.quorum.pairs, symbols: [GOOG]}")
        XCTAssertEqual(try errors(yaml).first, "e.yaml:6:50: strategies[0].symbols: 'org.quorum.pairs' takes 2 symbols per instance, found 1")
    }
}
