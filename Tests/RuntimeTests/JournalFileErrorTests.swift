import Foundation
import Quorum
@testable import QuorumJournal
import QuorumModel
import QuorumTestSupport
import XCTest

/// What a journal's path, file and run id accept, and what a journal that cannot be written says. Every command
/// that takes a journal answers a path that is no journal it can use with the same exit code (SPEC §13): 2,
/// invalid input, for a file that is not a journal or was written by a newer Quorum, a run id taken or not
/// plain; 1, a failure, for one it cannot open, saying why. (`backtest` said 1 where `compare` and `report`
/// said 2.) A run whose journal fails ends saying what the file holds.
final class JournalFileErrorTests: TemporaryFolderTestCase {
    private func status(of arguments: [String]) throws -> (status: Int32, output: String) {
        try runCommand(["\(TestSupport.buildFolder)/quorum"] + arguments)
    }

    func testEveryCommandGivesTheSameCodeForAPathThatIsNoJournal() throws {
        let config = folder + "/config.yaml"
        try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let text = folder + "/notes.txt"
        try "not a database".write(toFile: text, atomically: true, encoding: .utf8)
        let newer = folder + "/newer.sqlite"
        try Database(path: newer, access: .readWrite).execute(
            "CREATE TABLE runs (run_id INTEGER PRIMARY KEY); PRAGMA user_version = 99;")
        let cases: [(path: String, says: String, backtest: Bool)] = [
            (text, "not a Quorum journal", true),
            (newer, "is newer than this build of Quorum supports", true),
            (text + "/under.sqlite", "", true),                     // under a file: no such file, or no folder
            (folder + "/missing.sqlite", "no such file", false),    // a backtest creates it
        ]
        for (path, says, backtest) in cases {
            var commands = [["compare", path], ["report", path, "-o", folder + "/r.html"],
                            ["resume", path, "--reason", "x"]]
            if backtest { commands.append(["backtest", "--config", config, "--journal", path]) }
            for arguments in commands {
                let ended = try status(of: arguments)
                XCTAssertEqual(ended.status, 2, "\(arguments): \(ended.output)")
                XCTAssertTrue(ended.output.contains(path + ": "), "\(arguments): \(ended.output)")
                XCTAssertTrue(says.isEmpty || ended.output.contains(says), "\(arguments): \(ended.output)")
            }
        }
    }

    /// A journal this user may not read is a failure to open it (1), not a wrong path.
    func testAJournalThatCannotBeOpenedIsAFailure() throws {
        try XCTSkipUnless(getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                          "needs root and setpriv to run as another user")
        let config = folder + "/config.yaml"
        try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let journal = folder + "/journal.sqlite"
        _ = try shell(["\(TestSupport.buildFolder)/quorum", "backtest", "--config", config, "--journal", journal])
        chmod(journal, 0o600)
        chmod(folder, 0o755)
        let ended = try runCommand(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                    "\(TestSupport.buildFolder)/quorum", "compare", journal])
        XCTAssertEqual(ended.status, 1, ended.output)
        XCTAssertTrue(ended.output.contains(journal), ended.output)
    }

    /// A journal on a read-only mount says why it cannot be written (it said only SQLite's "unable to open
    /// database file (in: PRAGMA user_version)"). Needs root to mount.
    func testAJournalOnAReadOnlyMountSaysWhyItCannotBeWritten() throws {
        let config = folder + "/config.yaml"
        try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let source = folder + "/source", mounted = folder + "/mounted"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: mounted, withIntermediateDirectories: false)
        _ = try shell(["\(TestSupport.buildFolder)/quorum", "backtest", "--config", config, "--journal", source + "/j.sqlite"])
        let bound = try runCommand(["mount", "--bind", source, mounted])
        try XCTSkipUnless(bound.status == 0, "cannot mount here: \(bound.output)")
        defer { _ = try? runCommand(["umount", mounted]) }
        try XCTSkipUnless(try runCommand(["mount", "-o", "remount,ro,bind", mounted]).status == 0, "cannot remount")
        let ended = try status(of: ["backtest", "--config", config, "--journal", mounted + "/j.sqlite"])
        XCTAssertEqual(ended.status, 1, ended.output)
        XCTAssertTrue(ended.output.contains("\(mounted)/j.sqlite: cannot open the journal: this user cannot write it: "
                                            + "Read-only file system"), ended.output)
    }

    /// A journal that stops taking writes — here at every size a file-size limit can stop it at, from the
    /// first page of the run's start to the last of its end — ends the command saying what the journal holds:
    /// no record of the run, the run marked failed, or the run still shown as running because even that could not
    /// be written; the journal then holds exactly that, and the runs before stay as they were. (Failing before the
    /// run started, or while recording how it ended, said only SQLite's error.)
    func testAJournalThatStopsTakingWritesSaysWhatItHolds() throws {
        let config = folder + "/config.yaml"
        try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let first = folder + "/first.sqlite", journal = folder + "/j.sqlite"
        _ = try shell(["\(TestSupport.buildFolder)/quorum", "backtest", "--config", config, "--journal", first])
        var seen: Set<String> = []
        for blocks in stride(from: 48, through: 1_600, by: 40) {   // of 512 bytes
            for file in [journal, journal + "-wal", journal + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
            try FileManager.default.copyItem(atPath: first, toPath: journal)
            let ended = try runCommand(["sh", "-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\"",
                                        "\(TestSupport.buildFolder)/quorum", "backtest", "--config", config,
                                        "--journal", journal])
            let runs = try JournalReader(path: journal).runs()
            XCTAssertEqual(runs.first?.status, .completed, "\(blocks): the earlier run")
            let said = "\(blocks) blocks: \(ended.output)"
            if ended.status == 0 {
                seen.insert("completed")
                XCTAssertEqual(runs.map(\.status), [.completed, .completed], said)
                continue
            }
            XCTAssertEqual(ended.status, 1, said)
            if ended.output.contains(": the run was not started, and the journal holds no record of it") {
                seen.insert("no record")
                XCTAssertEqual(runs.count, 1, said)
            } else if ended.output.contains("still shows it as running") {
                seen.insert("running")
                XCTAssertEqual(runs.last?.status, .running, said)
            } else {
                seen.insert("failed")
                XCTAssertEqual(runs.last?.status, .failed, said)
                XCTAssertTrue(ended.output.contains("; the journal marks it failed"), said)
            }
        }
        XCTAssertEqual(seen, ["no record", "running", "failed", "completed"])
    }

    /// A run journal (id `name`, batches of 10, a busy timeout of 20 ms) whose file another connection holds
    /// locked (`BEGIN EXCLUSIVE`; `ROLLBACK` on `other` releases it).
    private func lockedJournal(_ name: String) throws -> (path: String, writer: JournalWriter, journal: RunJournal,
                                                           other: Database) {
        let path = "\(folder!)/\(name).sqlite"
        let writer = try JournalWriter(path: path, run: RunInfo(
            id: name, kind: "backtest", startedAt: "2026-11-21T00:00:00Z", level: .decisions,
            startingCash: Money(units: 100_000), timeFormat: .date, quorumVersion: "test", symbols: ["X"]),
            batchSize: 10, busyTimeoutMilliseconds: 20)
        let journal = RunJournal(writer: writer, symbols: ["X"], instances: 1)
        let other = try Database(path: path, access: .readWrite)
        try other.execute("BEGIN EXCLUSIVE")
        return (path, writer, journal, other)
    }

    /// The writer failed during a run (another connection held the write lock past its timeout): the run ends
    /// failed, saying so, not 'running' (writing the book statistics threw, and the run was never closed).
    func testARunWhoseWriterFailedEndsFailed() throws {
        let (path, writer, journal, other) = try lockedJournal("locked")
        for day in 0..<20 {
            writer.append(.equity(EquityRecord(time: Int64(day) * nanosecondsPerDay, book: ensembleBook,
                                               equity: Money(units: 100_000), cash: Money(units: 100_000), exposure: .zero)))
        }
        writer.commit()
        XCTAssertThrowsError(try writer.flush())
        try other.execute("ROLLBACK")
        XCTAssertThrowsError(try journal.complete(ensemblePnL: .zero, finalEquity: Money(units: 100_000),
                                                  finalCash: Money(units: 100_000)))
        let run = try XCTUnwrap(JournalReader(path: path).run(id: "locked"))
        XCTAssertEqual(run.status, .failed)
        XCTAssertTrue(run.message?.hasPrefix("journal incomplete: \(path): database is locked") == true,
                      run.message ?? "nil")
    }

    /// When the run cannot even be marked failed (the lock is still held when it ends), the error says so: the
    /// row still reads `running`, which would otherwise pass for a crash while the process said only "locked".
    func testARunThatCannotBeMarkedFailedSaysSo() throws {
        let (path, writer, journal, other) = try lockedJournal("held")
        writer.append(.equity(EquityRecord(time: 0, book: ensembleBook, equity: Money(units: 100_000),
                                           cash: Money(units: 100_000), exposure: .zero)))
        XCTAssertThrowsError(try journal.complete(ensemblePnL: .zero, finalEquity: Money(units: 100_000),
                                                  finalCash: Money(units: 100_000))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("\(path): database is locked"), text)
            XCTAssertTrue(text.contains("; the run could not be marked failed either (\(path): database is locked"), text)
            XCTAssertTrue(text.hasSuffix("), so \(path) still shows it as running"), text)
        }
        try other.execute("ROLLBACK")
        XCTAssertEqual(try JournalReader(path: path).run(id: "held")?.status, .running)
    }

    /// A run id the journal already holds, or a journal path that is a folder or under a file, is invalid input
    /// (exit 2), as every other bad value given (and as `compare` says of a folder).
    func testARunIDTheJournalHoldsIsInvalidInput() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
        _ = try backtest(yaml, runID: "again")
        XCTAssertThrowsError(try backtest(yaml, runID: "again")) { error in
            guard case RuntimeError.invalidInput(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasSuffix("the journal already holds a run with id 'again'"), message)
        }
        var options = BacktestOptions()
        options.journalPath = folder!
        XCTAssertThrowsError(try BacktestRunner.run(try TestSupport.workspace(yaml), options: options,
                                                    logger: TestSupport.logger)) { error in
            guard case RuntimeError.invalidInput(let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(message, "\(folder!): it is a folder, not a journal file")
        }
        let file = folder + "/a-file"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        options.journalPath = file + "/quorum.sqlite"
        XCTAssertThrowsError(try BacktestRunner.run(try TestSupport.workspace(yaml), options: options,
                                                    logger: TestSupport.logger)) { error in
            guard case RuntimeError.invalidInput(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasSuffix("\(file) is a file, not a folder"), message)
        }
    }

    /// A finished journal another user owns, in a folder of theirs, is read by `compare` run as `nobody` (SQLite
    /// cannot create its `-shm` there: "attempt to write a readonly database").
    func testAJournalThisUserCannotWriteIsRead() throws {
        try XCTSkipUnless(getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                          "needs root and setpriv to run as another user")
        let (_, path) = try backtest(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
        let shared = NSTemporaryDirectory() + "quorum-shared-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: shared) }
        try FileManager.default.copyItem(atPath: path, toPath: shared + "/journal.sqlite")
        let (status, output) = try runCommand(["/usr/bin/setpriv",
            "--reuid=65534", "--regid=65534", "--clear-groups", "\(TestSupport.buildFolder)/quorum", "compare",
            shared + "/journal.sqlite", "--format", "csv"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.hasPrefix("name,"), output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: shared + "/journal.sqlite-shm"))
    }

    /// A run's id starts every client order id: only what brokers accept, and short enough for the rest.
    func testARunIDMustBeShortAndPlain() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
        for bad in ["", "my run", "a/b", #"q"uote"#, "ünï", String(repeating: "x", count: 65)] {
            XCTAssertThrowsError(try backtest(yaml, runID: bad), bad) { error in
                guard case RuntimeError.invalidInput(let message) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(message.hasPrefix("run id '\(bad)': a run id"), message)
            }
        }
        XCTAssertNoThrow(try backtest(yaml, runID: "nightly_2026-11-21.v2" + String(repeating: "x", count: 43)))
        let (result, _) = try backtest(yaml, runID: "ok")
        XCTAssertEqual(result.trades.count, 32)
    }
}
