import Foundation
import QuorumJournal
import QuorumTestSupport
import XCTest

/// SPEC §11: a crash at any instant loses no committed decision and leaves a journal that opens and resumes.
/// A real `quorum backtest` is killed with SIGKILL at spread-out moments; each time the journal must pass
/// `PRAGMA integrity_check`, hold a prefix of the complete run's records (everything committed, in order,
/// nothing else), and take a new run.
final class CrashSafetyTests: TemporaryFolderTestCase {
    private var config: String {
        """
        version: 1
        plugins: {dirs: [\(TestSupport.pluginFolder)]}
        data:
          - {path: \(Repository.data("GOOG_1d.csv")), symbol: GOOG}
          - {path: \(Repository.data("ORCL_1d.csv")), symbol: ORCL}
          - {path: \(Repository.data("NVDA_1d.csv")), symbol: NVDA}
          - {path: \(Repository.data("YHOO_1d.csv")), symbol: YHOO}
        strategies:
          - {name: sma, plugin: org.quorum.sma-cross, symbols: [GOOG, ORCL, NVDA, YHOO]}
          - {name: rsi, plugin: org.quorum.rsi-reversion, symbols: [ORCL, NVDA]}
          - {name: momentum, plugin: org.quorum.momentum, symbols: [GOOG, NVDA, YHOO]}
          - {name: bollinger, plugin: org.quorum.bollinger-breakout, symbols: [YHOO, ORCL]}
        risk: {limits: {max_drawdown: 0.5}}
        journal: {path: unused.sqlite, level: full}
        """
    }

    private func start(_ journal: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(TestSupport.buildFolder)/quorum")
        process.arguments = ["backtest", "--config", "\(folder!)/crash.yaml", "--journal", journal, "--run-id", "crash"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts a run writing to `journal` and waits until its write-ahead log appears (or the run ends): the
    /// process and that moment.
    private func startWriting(_ journal: String) throws -> (Process, Date) {
        let process = try start(journal)
        while process.isRunning && !FileManager.default.fileExists(atPath: journal + "-wal") { usleep(500) }
        return (process, Date())
    }

    private func records(_ path: String) throws -> [JournalRecord] {
        let reader = try JournalReader(path: path)
        guard try reader.run(id: "crash") != nil else { return [] }
        return try reader.records(run: "crash")
    }

    func testSIGKILLAtAnyMomentLosesNoCommittedDecision() throws {
        try config.write(toFile: "\(folder!)/crash.yaml", atomically: true, encoding: .utf8)
        let reference = "\(folder!)/reference.sqlite"
        // How long a run writes: from the moment its journal's WAL appears to its end, the shortest of three
        // runs. Kills are timed from that moment too, so a slow start (a run that copies and hashes the plugins,
        // a loaded machine) does not push them before the journal exists or after the run has ended.
        var writing = Double.infinity
        for attempt in 0..<3 {
            let path = attempt < 2 ? "\(folder!)/warm-up-\(attempt).sqlite" : reference
            let (complete, started) = try startWriting(path)
            complete.waitUntilExit()
            writing = min(writing, Date().timeIntervalSince(started))
            XCTAssertEqual(complete.terminationStatus, 0)
        }
        let all = try records(reference)
        XCTAssertGreaterThan(all.count, 10_000)

        var interrupted = 0
        for (k, fraction) in [0.05, 0.2, 0.35, 0.5, 0.65, 0.8].enumerated() {
            let path = "\(folder!)/killed-\(k).sqlite"
            let (process, started) = try startWriting(path)
            Thread.sleep(until: started.addingTimeInterval(writing * fraction))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .exit {   // it finished first: then it finished well
                XCTAssertEqual(process.terminationStatus, 0)
            }
            guard FileManager.default.fileExists(atPath: path) else { continue }   // killed before it opened one

            // It opens, and it is intact.
            XCTAssertEqual(try JournalReader(path: path).integrityCheck(), "ok", "kill \(k)")
            // Every record it holds is the complete run's record at the same place: a committed prefix.
            let kept = try records(path)
            XCTAssertLessThanOrEqual(kept.count, all.count)
            XCTAssertTrue(kept == Array(all.prefix(kept.count)), "kill \(k): not a prefix of the complete run")
            if kept.count < all.count { interrupted += 1 }
            // And it resumes: the next run is appended to the same file.
            let next = try start(path)
            next.waitUntilExit()
            XCTAssertEqual(next.terminationStatus, 2, "the run id 'crash' is taken: refused as invalid input, naming it")
            let resumed = Process()
            resumed.executableURL = URL(fileURLWithPath: "\(TestSupport.buildFolder)/quorum")
            resumed.arguments = ["backtest", "--config", "\(folder!)/crash.yaml", "--journal", path, "--run-id", "after"]
            resumed.standardOutput = FileHandle.nullDevice
            resumed.standardError = FileHandle.nullDevice
            try resumed.run()
            resumed.waitUntilExit()
            XCTAssertEqual(resumed.terminationStatus, 0)
            XCTAssertEqual(try JournalReader(path: path).run(id: "after")?.status, .completed)
        }
        XCTAssertGreaterThanOrEqual(interrupted, 2, "most kills should land while the run is writing")
    }
}
