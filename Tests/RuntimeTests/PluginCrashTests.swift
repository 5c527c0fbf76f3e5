import Foundation
@testable import QuorumJournal
import QuorumTestSupport
import XCTest

/// Plugins run inside the quorum process: one that crashes ends the run. The process says which strategy it
/// was (the backtrace names only the private copy of the library, a file named by its hash), and the journal
/// shows the run as still running.
final class PluginCrashTests: TemporaryFolderTestCase {
    static let source = singleStrategyPluginHead(id: "org.test.boom", summary: "crashes on its CRASH_ON-th bar",
                                                 fields: "long bars;") + #"""
    static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
       (void)e; (void)o;
       inst_t *i = (inst_t *)s->plugin_data;
       if (++i->bars == CRASH_ON) {
    #ifdef ABORT
          abort();
    #else
          *(volatile int *)(uintptr_t)8 = 1;
    #endif
       }
       return QUORUM_OK;
    }
    """# + singleStrategyPluginTail

    /// Runs `quorum backtest` with org.test.boom (built with `defines`) beside nothing else, on 20 daily bars;
    /// returns how the process ended and what it wrote to stderr.
    private func crash(_ defines: [String]) throws -> (reason: Process.TerminationReason, status: Int32, stderr: String) {
        _ = try writeRun(defines)
        let ended = try quorum(["backtest", "--config", folder + "/strategies.yaml"])
        return (ended.reason, ended.status, ended.stderr)
    }

    /// Builds org.test.boom with `defines` and writes `X.csv` (20 daily bars) and `strategies.yaml` running it;
    /// returns the plugin folder.
    private func writeRun(_ defines: [String]) throws -> String {
        let plugins = try buildPlugin(Self.source, name: "boom", defines: defines)
        let rows = (1...20).map { String(format: "2020-01-%02d,10,11,9,10,1000", $0) }
        try (["Date,Open,High,Low,Close,Volume"] + rows).joined(separator: "\n")
            .write(toFile: folder + "/X.csv", atomically: true, encoding: .utf8)
        try """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [{path: X.csv, symbol: X}]
        strategies:
          - {name: boom, plugin: org.test.boom, symbols: [X]}
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: none}
        journal: {path: journal.sqlite}
        """.write(toFile: folder + "/strategies.yaml", atomically: true, encoding: .utf8)
        return plugins
    }

    /// Runs quorum with `arguments`; how it ended and what it wrote.
    private func quorum(_ arguments: [String])
        throws -> (reason: Process.TerminationReason, status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(TestSupport.buildFolder)/quorum")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = folder + "/cache"
        process.environment = environment
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, said, text)
    }

    func testACrashInOnBarNamesTheStrategyAndItsFile() throws {
        for defines in [["CRASH_ON=3"], ["CRASH_ON=3", "ABORT"]] {
            let (reason, status, stderr) = try crash(defines)
            XCTAssertFalse(reason == .exit && status == 0, "\(defines): the run ended \(reason) \(status)")
            let note = "quorum: strategy 'boom' (org.test.boom, in \(folder!)/plugins/libboom.so) was running on "
                + "this thread when the signal below ended the process"
            XCTAssertTrue(stderr.contains(note), "\(defines): \(stderr)")
            let run = try XCTUnwrap(JournalReader(path: folder + "/journal.sqlite").latestRun())
            XCTAssertEqual(run.status, .running, "\(defines)")
            try FileManager.default.removeItem(atPath: folder + "/journal.sqlite")
        }
    }

    /// `plugins validate` says each check as it makes it: the checks made before the crash are on the screen,
    /// and the crash names the strategy.
    func testValidatingAPluginThatCrashesShowsTheChecksBeforeTheCrash() throws {
        let plugins = try writeRun(["CRASH_ON=3"])
        let ended = try quorum(["plugins", "validate", plugins + "/libboom.so", "--data", folder + "/X.csv"])
        XCTAssertFalse(ended.reason == .exit && ended.status == 0)
        XCTAssertTrue(ended.stdout.contains("PASS  org.test.boom: descriptor"), ended.stdout)
        XCTAssertTrue(ended.stderr.contains("quorum: strategy 'org.test.boom' (org.test.boom, in \(plugins)/libboom.so)"),
                      ended.stderr)
    }
}
