import Foundation
@testable import QuorumJournal
import QuorumTestSupport
import XCTest

/// Ctrl-C (SIGINT) or SIGTERM stops a real `quorum backtest` at its next chunk of bars: the journal's run is
/// marked failed, "interrupted by SIGINT", with what it committed, and the process ends by the signal. (Both
/// signals used to end it at once, leaving the run `running` as after a crash, without a word.)
final class InterruptTests: TemporaryFolderTestCase {
    /// org.test.slow: on its 50th bar it creates READY (the test then knows the run is under way), and from
    /// there it takes 100 µs a bar — or, with `HANG`, never returns.
    static let source = singleStrategyPluginHead(id: "org.test.slow", summary: "takes its time", fields: "long bars;")
        + #"""
        #include <stdio.h>
        #include <time.h>
        static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
           (void)e; (void)o;
           inst_t *i = (inst_t *)s->plugin_data;
           if (++i->bars == 50) {
              FILE *ready = fopen(READY, "w");
              if (ready) fclose(ready);
           }
           if (i->bars >= 50) {
              struct timespec pause = {0, 100000};
        #ifdef HANG
              for (;;) nanosleep(&pause, NULL);
        #endif
              nanosleep(&pause, NULL);
           }
           return QUORUM_OK;
        }
        """# + singleStrategyPluginTail

    /// A started `quorum backtest` of org.test.slow over 20,000 one-minute bars, its output drained as it comes.
    private final class Run: @unchecked Sendable {
        let process = Process()
        private let done = DispatchGroup()
        private var output = Data(), errors = Data()

        init(_ arguments: [String], folder: String) throws {
            process.executableURL = URL(fileURLWithPath: "\(TestSupport.buildFolder)/quorum")
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["XDG_CACHE_HOME"] = folder + "/cache"
            process.environment = environment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            DispatchQueue.global().async(group: done) { self.output = out.fileHandleForReading.readDataToEndOfFile() }
            DispatchQueue.global().async(group: done) { self.errors = err.fileHandleForReading.readDataToEndOfFile() }
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits at most `seconds` for the process to end (killing it then); how it ended and what it wrote.
        func end(within seconds: Double) -> (ended: Bool, reason: Process.TerminationReason, status: Int32,
                                             stdout: String, stderr: String) {
            let ended = done.wait(timeout: .now() + seconds) == .success
            if !ended {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
            }
            process.waitUntilExit()
            return (ended, process.terminationReason, process.terminationStatus,
                    String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
        }
    }

    /// Writes the data, the configuration and the plugin (with `defines`), starts the backtest and waits until
    /// the plugin has seen 50 bars.
    private func start(defines: [String] = []) throws -> Run {
        let ready = folder + "/ready"
        let plugins = try buildPlugin(Self.source, name: "slow",
                                      defines: ["READY=\"\(ready)\"", "_POSIX_C_SOURCE=200809L"] + defines)
        var rows = ["timestamp,open,high,low,close,volume"]
        for k in 0..<20_000 {
            rows.append(String(format: "2020-01-%02dT%02d:%02d:00,10,11,9,10,1000", 1 + k / 1440, k / 60 % 24, k % 60))
        }
        try rows.joined(separator: "\n").write(toFile: folder + "/M.csv", atomically: true, encoding: .utf8)
        try """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [{path: M.csv, symbol: M}]
        strategies:
          - {name: slow, plugin: org.test.slow, symbols: [M]}
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: none}
        journal: {path: journal.sqlite}
        """.write(toFile: folder + "/strategies.yaml", atomically: true, encoding: .utf8)
        let run = try Run(["backtest", "--config", folder + "/strategies.yaml", "--json"], folder: folder)
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: ready) && run.process.isRunning && Date() < deadline {
            usleep(5_000)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: ready), "the run did not get under way")
        return run
    }

    func testASignalStopsTheRunAndTheJournalSaysSo() throws {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            let run = try start()
            run.signal(number)
            let ended = run.end(within: 30)
            XCTAssertTrue(ended.ended, "\(name): the run went on")
            XCTAssertEqual(ended.reason, .uncaughtSignal, "\(name): ended by the signal, as a shell expects")
            XCTAssertEqual(ended.status, number)
            XCTAssertEqual(ended.stdout, "", "\(name): no result, the run did not finish")
            XCTAssertTrue(ended.stderr.contains("interrupted by \(name) at 2020-01-0"), ended.stderr)
            XCTAssertTrue(ended.stderr.contains(
                " bars in: the run stopped; its journal (\(folder!)/journal.sqlite) marks it failed"), ended.stderr)
            let journal = try JournalReader(path: folder + "/journal.sqlite")
            let latest = try XCTUnwrap(journal.latestRun())
            XCTAssertEqual(latest.status, .failed, name)
            XCTAssertEqual(latest.message, "interrupted by \(name)")
            try FileManager.default.removeItem(atPath: folder + "/ready")
        }
    }

    /// A run that cannot stop (a plugin call that never returns) ends at the second Ctrl-C, by the default
    /// action the first one put back; its journal's run stays `running`, as after a crash.
    func testASecondSignalEndsTheProcessAtOnce() throws {
        let run = try start(defines: ["HANG"])
        run.signal(SIGINT)
        usleep(300_000)
        XCTAssertTrue(run.process.isRunning, "the first Ctrl-C waits for the run to stop")
        run.signal(SIGINT)
        let ended = run.end(within: 30)
        XCTAssertTrue(ended.ended)
        XCTAssertEqual(ended.reason, .uncaughtSignal)
        XCTAssertEqual(ended.status, SIGINT)
        XCTAssertEqual(try JournalReader(path: folder + "/journal.sqlite").latestRun()?.status, .running)
    }
}
