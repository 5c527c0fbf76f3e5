import Foundation
import Quorum
import XCTest

/// Loading a workspace: the configuration checked against the plugins it names.
final class WorkspaceTests: TemporaryFolderTestCase {
    /// The errors of `yaml` (written as `e.yaml`) as `Workspace.load` returns them, one per line.
    private func errors(_ yaml: String, environment: [String: String] = [:]) throws -> [String] {
        let path = "\(folder!)/e.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        switch Workspace.load(configPath: path, environment: environment.merging(["HOME": folder]) { $1 },
                              logger: TestSupport.logger) {
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
        // The plugin's own reason, which it logs, ends the message.
        let expected = [
            "\(workspace.configPath):6:5: sma: org.quorum.sma-cross refused creation with these parameters (status -2): "
                + "sma-cross: fast (30) must be less than slow (10)",
            "\(workspace.configPath):8:5: also: org.quorum.sma-cross refused creation with these parameters (status -2): "
                + "sma-cross: fast (5) must be less than slow (5)",
        ]
        let errors = workspace.instanceErrors(logger: TestSupport.logger)
        XCTAssertEqual(errors.map(\.description), expected)
        XCTAssertEqual(errors.map(\.exitCode), [2, 2])
        // A backtest says every refusal at once too.
        XCTAssertThrowsError(try BacktestRunner.run(workspace, options: BacktestOptions(), logger: TestSupport.logger)) {
            XCTAssertEqual(($0 as? RuntimeError)?.description, expected.joined(separator: "\n"))
            XCTAssertEqual(($0 as? RuntimeError)?.exitCode, 2)
        }
        XCTAssertTrue(try TestSupport.workspace(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
            .instanceErrors(logger: TestSupport.logger).isEmpty)
    }

    /// SPEC §6: every error at once, in one round — those of the file, those found against the plugins' schemas,
    /// and the plugins' refusals of the entries that are sound — also when `plugins:` has an error that leaves
    /// which plugins to load and how to check them clear (a misspelt `trust`, read as `strict`), or an unknown
    /// top-level key is not `plugins` misspelt.
    func testTheFilesThePluginsSchemasAndThePluginsRefusalsComeInOneRound() throws {
        let yaml = """
        version: 1
        plugins:
          dirs: [\(TestSupport.pluginFolder)]
          trsut: strict
        data: [{path: t.csv, symbol: T}]
        strategies:
          - {name: s, plugin: org.quorum.sma-cros, symbols: [T]}
          - {name: t, plugin: org.quorum.sma-cross, symbols: [T], params: {fast: 0, slwo: 3}}
          - {name: u, plugin: org.quorum.sma-cross, symbols: [T], params: {fast: 30, slow: 10}}
        """
        let checked = [
            "e.yaml:7:23: unknown strategy id 'org.quorum.sma-cros'; did you mean 'org.quorum.sma-cross'?",
            "e.yaml:8:74: strategies[1].params.fast must be an integer between 2 and 1000, found 0",
            "e.yaml:8:77: unknown parameter 'slwo' for 'org.quorum.sma-cross'; did you mean 'slow'?",
            "e.yaml:9:5: u: org.quorum.sma-cross refused creation with these parameters (status -2): "
                + "sma-cross: fast (30) must be less than slow (10)",
        ]
        XCTAssertEqual(try errors(yaml), ["e.yaml:4:3: unknown key 'trsut' in 'plugins'; did you mean 'trust'?"] + checked)
        let judg = yaml.replacingOccurrences(of: "plugins:\n  dirs: [\(TestSupport.pluginFolder)]\n  trsut: strict\n",
                                             with: "judg: {}\n")
        XCTAssertEqual(try errors(judg, environment: ["QUORUM_PLUGIN_PATH": TestSupport.pluginFolder]),
                       ["e.yaml:2:1: unknown top-level key 'judg'; did you mean 'judge'?"]
                           + checked.map { $0.replacingOccurrences(of: "e.yaml:7:", with: "e.yaml:5:")
                               .replacingOccurrences(of: "e.yaml:8:", with: "e.yaml:6:")
                               .replacingOccurrences(of: "e.yaml:9:", with: "e.yaml:7:") },
                       "the plugins of the default folder and QUORUM_PLUGIN_PATH")
        // A misspelt `dirs` leaves which plugins to load in doubt: nothing is checked against them.
        XCTAssertEqual(try errors(yaml.replacingOccurrences(of: "  dirs:", with: "  dir:")
                                      .replacingOccurrences(of: "trsut", with: "trust")),
                       ["e.yaml:3:3: unknown key 'dir' in 'plugins'; did you mean 'dirs'?"])
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
