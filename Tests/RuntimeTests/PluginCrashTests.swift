import Foundation
@testable import QuorumJournal
import QuorumTestSupport
import XCTest

/// Plugins run inside the quorum process: one that crashes ends the run. The process says which strategy it
/// was (the backtrace names only the private copy of the library, a file named by its hash), and the journal
/// shows the run as still running.
final class PluginCrashTests: TemporaryFolderTestCase {
    /// org.test.ID, crashing on its CRASH_ON-th bar: a bad pointer, or with `ABORT` abort(), with `RAISE` a
    /// SIGBUS it raises itself, with `RECURSE` a stack overflow.
    static func source(id: String = "boom") -> String {
        singleStrategyPluginHead(id: "org.test.\(id)", summary: "crashes on its CRASH_ON-th bar", fields: "long bars;")
            + #"""
            #include <signal.h>
            #ifdef RECURSE
            static int deeper(volatile int *depth) {
               volatile char frame[4096];
               frame[0] = (char)*depth;
               *depth += 1;
               if (*depth > 0) return deeper(depth) + frame[0];
               return 0;
            }
            #endif
            static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
               (void)e; (void)o;
               inst_t *i = (inst_t *)s->plugin_data;
               if (++i->bars == CRASH_ON) {
            #if defined(ABORT)
                  abort();
            #elif defined(RAISE)
                  raise(SIGBUS);
            #elif defined(RECURSE)
                  volatile int depth = 1;
                  return deeper(&depth);
            #else
                  *(volatile int *)(uintptr_t)8 = 1;
            #endif
               }
               return QUORUM_OK;
            }
            """# + singleStrategyPluginTail
    }

    /// Builds org.test.`id` for each of `plugins` (with its defines) and writes `X.csv` (20 daily bars) and
    /// `strategies.yaml` running each as strategy `id`; returns the plugin folder.
    private func writeRun(_ plugins: [(id: String, defines: [String])]) throws -> String {
        var folderOfPlugins = ""
        for plugin in plugins {
            folderOfPlugins = try buildPlugin(Self.source(id: plugin.id), name: plugin.id, defines: plugin.defines)
        }
        let rows = (1...20).map { String(format: "2020-01-%02d,10,11,9,10,1000", $0) }
        try (["Date,Open,High,Low,Close,Volume"] + rows).joined(separator: "\n")
            .write(toFile: folder + "/X.csv", atomically: true, encoding: .utf8)
        try ("""
        version: 1
        plugins: {dirs: [\(folderOfPlugins)]}
        data: [{path: X.csv, symbol: X}]
        strategies:

        """ + plugins.map { "  - {name: \($0.id), plugin: org.test.\($0.id), symbols: [X]}\n" }.joined() + """
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: none}
        journal: {path: journal.sqlite}
        """).write(toFile: folder + "/strategies.yaml", atomically: true, encoding: .utf8)
        return folderOfPlugins
    }

    /// Runs quorum with `arguments`; how it ended and what it wrote (both streams drained as they come: a
    /// backtrace fills a pipe). A run still going after 60 s is killed and fails the test (a crash must end the
    /// process, not hang it).
    private func quorum(_ arguments: [String], environment extra: [String: String] = [:])
        throws -> (reason: Process.TerminationReason, status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(TestSupport.buildFolder)/quorum")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = folder + "/cache"
        environment.merge(extra) { $1 }
        process.environment = environment
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        final class Drained: @unchecked Sendable { var stdout = Data(), stderr = Data() }
        let drained = Drained(), done = DispatchGroup()
        DispatchQueue.global().async(group: done) { drained.stdout = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: done) { drained.stderr = errors.fileHandleForReading.readDataToEndOfFile() }
        if done.wait(timeout: .now() + 60) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            XCTFail("quorum \(arguments.joined(separator: " ")) did not end within 60 s after a crash")
            done.wait()
        }
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus,
                String(decoding: drained.stdout, as: UTF8.self), String(decoding: drained.stderr, as: UTF8.self))
    }

    private func note(_ id: String, _ plugins: String) -> String {
        "quorum: strategy '\(id)' (org.test.\(id), in \(plugins)/lib\(id).so) was running on this thread when the "
            + "signal below ended the process"
    }

    /// A bad pointer, abort(), a signal the plugin raises itself and a stack overflow on a worker thread (which
    /// needs an alternate signal stack to be reported at all) each end the run, naming the strategy.
    func testACrashInOnBarNamesTheStrategyAndEndsTheRun() throws {
        for defines in [["CRASH_ON=3"], ["CRASH_ON=3", "ABORT"], ["CRASH_ON=3", "RAISE"], ["CRASH_ON=3", "RECURSE"]] {
            let plugins = try writeRun([("boom", defines)])
            let ended = try quorum(["backtest", "--config", folder + "/strategies.yaml"])
            XCTAssertEqual(ended.reason, .uncaughtSignal, "\(defines): \(ended.status)")
            XCTAssertTrue(ended.stderr.contains(note("boom", plugins)), "\(defines): \(ended.stderr)")
            XCTAssertEqual(ended.stdout, "", "\(defines): no summary, the run did not go on")
            let run = try XCTUnwrap(JournalReader(path: folder + "/journal.sqlite").latestRun())
            XCTAssertEqual(run.status, .running, "\(defines)")
            try FileManager.default.removeItem(atPath: folder + "/journal.sqlite")
        }
    }

    /// Two strategies crashing at once on two threads (a bad pointer, abort()): the process ends, naming the one
    /// whose crash ended it (the other is named too when it crashed before the end). Without Swift's backtracer:
    /// two crashes at once can hang it (its helper waits on the second), with or without these notes.
    func testTwoStrategiesCrashingAtOnceEndTheRun() throws {
        for _ in 0..<3 {
            let plugins = try writeRun([("one", ["CRASH_ON=3"]), ("two", ["CRASH_ON=3", "ABORT"])])
            let ended = try quorum(["backtest", "--config", folder + "/strategies.yaml"],
                                   environment: ["SWIFT_BACKTRACE": "enable=no"])
            XCTAssertEqual(ended.reason, .uncaughtSignal, "\(ended.status)")
            XCTAssertTrue(ended.stderr.contains(note("one", plugins)) || ended.stderr.contains(note("two", plugins)),
                          ended.stderr)
            try FileManager.default.removeItem(atPath: folder + "/journal.sqlite")
        }
    }

    /// `plugins validate` says each check as it makes it: the checks made before the crash are on the screen,
    /// and the crash names the strategy.
    func testValidatingAPluginThatCrashesShowsTheChecksBeforeTheCrash() throws {
        let plugins = try writeRun([("boom", ["CRASH_ON=3"])])
        let ended = try quorum(["plugins", "validate", plugins + "/libboom.so", "--data", folder + "/X.csv"])
        XCTAssertEqual(ended.reason, .uncaughtSignal)
        XCTAssertTrue(ended.stdout.contains("PASS  org.test.boom: descriptor"), ended.stdout)
        XCTAssertTrue(ended.stderr.contains("quorum: strategy 'org.test.boom' (org.test.boom, in \(plugins)/libboom.so)"),
                      ended.stderr)
    }
}
