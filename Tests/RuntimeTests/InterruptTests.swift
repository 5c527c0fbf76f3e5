import Foundation
import Quorum
@testable import QuorumJournal
import QuorumModel
import QuorumTestSupport
import XCTest

/// Ctrl-C (SIGINT) or SIGTERM stops a real `quorum backtest` at its next chunk of bars: the journal's run is
/// marked failed, "interrupted by SIGINT", with what it committed, and the process ends by the signal. (Both
/// signals used to end it at once, leaving the run `running` as after a crash, without a word.)
final class InterruptTests: TemporaryFolderTestCase {
    /// org.test.slow: a stance on every bar (long, then flat, in turn); on its 50th bar it creates READY (the test
    /// then knows the run is under way), and from there it takes 100 µs a bar — or, with `HANG`, never returns.
    static let source = singleStrategyPluginHead(id: "org.test.slow", summary: "takes its time", fields: "long bars;")
        + #"""
        #include <stdio.h>
        #include <time.h>
        static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
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
           return qps_emit(o, e->symbol_index, i->bars % 2 ? QUORUM_DIRECTION_LONG : QUORUM_DIRECTION_FLAT, 1, "turn");
        }
        """# + singleStrategyPluginTail

    /// A started `quorum backtest`, its output drained as it comes.
    private final class Run: @unchecked Sendable {
        let process = Process()
        private let done = DispatchGroup()
        private var output = Data(), errors = Data()

        /// With `ignoringSIGINT`, quorum starts with SIGINT ignored, as a script's `command &` starts it.
        init(_ arguments: [String], folder: String, ignoringSIGINT: Bool) throws {
            let quorum = "\(TestSupport.buildFolder)/quorum"
            process.executableURL = URL(fileURLWithPath: ignoringSIGINT ? "/bin/sh" : quorum)
            process.arguments = ignoringSIGINT ? ["-c", "trap '' INT; exec \"$0\" \"$@\"", quorum] + arguments : arguments
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

    /// Writes the data — M and N, 20,000 one-minute bars each but N's second, so that chunks of 4,096 bars end
    /// within a time step — the configuration (org.test.slow on both, journal level `full`) and the plugin (with
    /// `defines`), starts the backtest and waits until the plugin has seen 50 bars.
    private func start(defines: [String] = [], ignoringSIGINT: Bool = false) throws -> Run {
        let ready = folder + "/ready"
        let plugins = try buildPlugin(Self.source, name: "slow",
                                      defines: ["READY=\"\(ready)\"", "_POSIX_C_SOURCE=200809L"] + defines)
        for symbol in ["M", "N"] {
            var rows = ["timestamp,open,high,low,close,volume"]
            for k in 0..<20_000 where symbol == "M" || k != 1 {
                rows.append(String(format: "2020-01-%02dT%02d:%02d:00,10,11,9,10,1000", 1 + k / 1440, k / 60 % 24, k % 60))
            }
            try rows.joined(separator: "\n").write(toFile: "\(folder!)/\(symbol).csv", atomically: true, encoding: .utf8)
        }
        try """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [{path: M.csv, symbol: M}, {path: N.csv, symbol: N}]
        strategies:
          - {name: slow, plugin: org.test.slow, symbols: [M, N]}
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: none}
        journal: {path: journal.sqlite, level: full}
        """.write(toFile: folder + "/strategies.yaml", atomically: true, encoding: .utf8)
        let run = try Run(["backtest", "--config", folder + "/strategies.yaml", "--json"], folder: folder,
                          ignoringSIGINT: ignoringSIGINT)
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
            // It stopped at the end of a time step: every record of the last step is there (each symbol's signal
            // and both books' equity), and none of a step after it. (It stopped at the end of a chunk of bars,
            // which may end within a step: a signal of M at a time whose step had no equity point.)
            let database = try Database(path: folder + "/journal.sqlite", access: .readOnly)
            let latestRun = "run_id = (SELECT max(run_id) FROM runs)"
            let lastStep = try XCTUnwrap(try database.scalar("SELECT max(ts) FROM equity WHERE \(latestRun)"), name)
            XCTAssertEqual(try database.scalar("SELECT max(ts) FROM signals WHERE \(latestRun)"), lastStep, name)
            for (table, rows) in [("signals", 2), ("equity", 3)] {   // M's and N's; the ensemble's and two shadows'
                let sql = "SELECT count(*) FROM \(table) WHERE \(latestRun) AND ts = \(lastStep)"
                XCTAssertEqual(try database.scalar(sql), Int64(rows), "\(name): \(table)")
            }
            XCTAssertTrue(ended.stderr.contains(
                "interrupted by \(name) at \(Timestamps.format(lastStep, TimeFormat(pattern: "YYYY-MM-DDTHH:MM:SS")!)),"),
                ended.stderr)
            try FileManager.default.removeItem(atPath: folder + "/ready")
        }
    }

    /// A run that cannot stop (a plugin call that never returns) ends at the second signal, of either kind, by
    /// the default action the first one put back; its journal's run stays `running`, as after a crash. (A
    /// SIGTERM after a SIGINT was recorded and ignored.)
    func testASecondSignalEndsTheProcessAtOnce() throws {
        for (first, second) in [(SIGINT, SIGINT), (SIGINT, SIGTERM), (SIGTERM, SIGINT)] {
            let run = try start(defines: ["HANG"])
            run.signal(first)
            usleep(300_000)
            XCTAssertTrue(run.process.isRunning, "the first signal waits for the run to stop")
            run.signal(second)
            let ended = run.end(within: 30)
            XCTAssertTrue(ended.ended, "\(first), \(second)")
            XCTAssertEqual(ended.reason, .uncaughtSignal)
            XCTAssertEqual(ended.status, second)
            XCTAssertEqual(try JournalReader(path: folder + "/journal.sqlite").latestRun()?.status, .running)
            try FileManager.default.removeItem(atPath: folder + "/ready")
        }
    }

    /// Started with SIGINT ignored (`quorum backtest … &` in a script), quorum leaves it ignored: Ctrl-C on the
    /// script's terminal is not for it. (It installed its handler over it, so the run stopped.) SIGTERM still
    /// stops it.
    func testASIGINTTheProcessWasStartedIgnoringStaysIgnored() throws {
        let run = try start(ignoringSIGINT: true)
        run.signal(SIGINT)
        usleep(300_000)
        run.signal(SIGTERM)
        let ended = run.end(within: 30)
        XCTAssertEqual(ended.reason, .uncaughtSignal)
        XCTAssertEqual(ended.status, SIGTERM)
        XCTAssertTrue(ended.stderr.contains("interrupted by SIGTERM at "), ended.stderr)
        // It stays ignored after a first SIGTERM too (which puts back the default of the signals it handles).
        try FileManager.default.removeItem(atPath: folder + "/ready")
        let hung = try start(defines: ["HANG"], ignoringSIGINT: true)
        hung.signal(SIGTERM)
        usleep(200_000)
        hung.signal(SIGINT)
        usleep(200_000)
        XCTAssertTrue(hung.process.isRunning, "SIGINT is still ignored")
        hung.signal(SIGTERM)
        let killed = hung.end(within: 30)
        XCTAssertEqual(killed.reason, .uncaughtSignal)
        XCTAssertEqual(killed.status, SIGTERM)
    }

    /// The last questions: a signal while the last chunk of bars was evaluated stops the run (it was never asked
    /// about); one after the run ended is said, the run complete in its journal (it was lost: the run went on to
    /// print its results and exit 0).
    func testASignalNearTheEndIsNotLost() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
        func run(signalFromQuestion first: Int) throws -> (questions: Int, error: RuntimeError?) {
            var options = BacktestOptions()
            options.journalPath = "\(folder!)/late.sqlite"
            var questions = 0
            options.interruption = {
                questions += 1
                return questions >= first ? SIGINT : nil
            }
            do {
                _ = try BacktestRunner.run(try TestSupport.workspace(yaml), options: options, logger: TestSupport.logger)
                return (questions, nil)
            } catch let error as RuntimeError {
                return (questions, error)
            }
        }
        let asked = try run(signalFromQuestion: .max).questions   // the engine's, then the runner's last
        let late = try run(signalFromQuestion: asked)
        guard case .interrupted(SIGINT, let message)? = late.error else {
            return XCTFail("\(String(describing: late.error))")
        }
        XCTAssertEqual(message, "interrupted by SIGINT as the run ended: it completed (its journal, "
                       + "\(folder!)/late.sqlite, holds it whole), but its results are not printed")
        XCTAssertEqual(try JournalReader(path: folder + "/late.sqlite").latestRun()?.status, .completed)
        let lastChunk = try run(signalFromQuestion: asked - 1)
        guard case .interrupted(SIGINT, let stopped)? = lastChunk.error else {
            return XCTFail("\(String(describing: lastChunk.error))")
        }
        XCTAssertTrue(stopped.hasPrefix("interrupted by SIGINT at 2004-08-19, 1 bar in: the run stopped"), stopped)
        XCTAssertEqual(try JournalReader(path: folder + "/late.sqlite").latestRun()?.status, .failed)
    }
}
