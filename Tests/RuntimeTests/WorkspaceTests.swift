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
    }
}
