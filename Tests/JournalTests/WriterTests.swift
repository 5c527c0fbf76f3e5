import Foundation
import QuorumModel
import XCTest
@testable import QuorumJournal

final class WriterTests: JournalTestCase {
    func testLevelsWriteWhatTheyPromise() throws {
        XCTAssertEqual(JournalLevel.allCases.map { level in JournalRecord.Kind.allCases.filter(level.includes).count },
                       [14, 13, 7])
        for level in JournalLevel.allCases {
            let path = folder.file("\(level).sqlite")
            let writer = try JournalWriter(path: path, run: runInfo(level: level))
            oneOfEachKind().forEach(writer.append)
            try writer.close(final: completed)
            let counts = try JournalReader(path: path).counts(run: "run-1")
            let expected = Set(JournalRecord.Kind.allCases.filter { $0.level == .summary || $0.level == level
                || (level == .full) })
            XCTAssertEqual(Set(counts.keys), expected, "\(level)")
            XCTAssertEqual(try JournalReader(path: path).records(run: "run-1"),
                           oneOfEachKind().filter { level.includes($0.kind) })
        }
        XCTAssertFalse(JournalLevel.decisions.includes(.signal))
        XCTAssertTrue(JournalLevel.decisions.includes(.fill))
        XCTAssertFalse(JournalLevel.summary.includes(.verdict))
        XCTAssertTrue(JournalLevel.summary.includes(.equity))
    }

    func testRecordsAreCommittedInBatchesAndOnCommit() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(), batchSize: 100)
        func equity(_ i: Int) -> JournalRecord {
            .equity(EquityRecord(time: t0 + Int64(i), book: ensembleBook, equity: Money(raw: Int64(i)), cash: .zero,
                                 exposure: .zero))
        }
        func committed() throws -> Int { try JournalReader(path: journalPath).counts(run: "run-1")[.equity] ?? 0 }

        for i in 0..<50 { writer.append(equity(i)) }
        XCTAssertEqual(try committed(), 0, "a partial batch stays with the producer until commit")
        for i in 50..<1_050 { writer.append(equity(i)) }
        writer.commit()
        try writer.flush()
        XCTAssertEqual(try committed(), 1_050)
        XCTAssertEqual(try JournalReader(path: journalPath).latestRun()?.status, .running)

        for i in 1_050..<1_234 { writer.append(equity(i)) }
        try writer.close(final: completed)
        let curve = try JournalReader(path: journalPath).equity(run: "run-1", book: ensembleBook)
        XCTAssertEqual(curve.map(\.equity.raw), (0..<1_234).map(Int64.init))
        XCTAssertNoThrow(try writer.close(final: completed), "closing twice is harmless")
    }

    /// A paced commit hands off a partial batch only once the interval since the last hand-off has passed.
    /// Every book's point of a step goes in at once, even past the end of a batch's room (7 books, batches of 10
    /// records): no point is lost or reordered, and each batch holds whole steps.
    func testEveryBooksPointsOfAStepGoInAtOnce() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(), batchSize: 10)
        let books = 7
        var values = [BookValue](repeating: BookValue(equity: .zero, cash: .zero, exposure: .zero), count: books)
        for step in 0..<300 {
            for book in 0..<books {
                values[book] = BookValue(equity: Money(raw: Int64(step * 10 + book)), cash: Money(raw: Int64(step)),
                                         exposure: .zero)
            }
            values.withUnsafeBufferPointer { writer.appendEquity($0, time: t0 + Int64(step) * nanosecondsPerSecond) }
            if step % 7 == 3 {  // an odd record between steps
                writer.append(.position(PositionRecord(time: t0 + Int64(step) * nanosecondsPerSecond, symbol: 0,
                                                       quantity: Int64(step), costBasis: .zero, realizedPnL: .zero)))
            }
        }
        try writer.close(final: completed)
        let reader = try JournalReader(path: journalPath)
        for book in 0..<books {
            let curve = try reader.equity(run: "run-1", book: book)
            XCTAssertEqual(curve.map(\.equity.raw), (0..<300).map { Int64($0 * 10 + book) }, "book \(book)")
            XCTAssertEqual(curve.map(\.cash.raw), (0..<300).map(Int64.init), "book \(book)")
        }
        XCTAssertEqual(try reader.positions(run: "run-1").map(\.quantity), (0..<300).filter { $0 % 7 == 3 }.map(Int64.init))
    }

    func testPacedCommitsWaitForTheirInterval() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(), batchSize: 100)
        func committed() throws -> Int { try JournalReader(path: journalPath).counts(run: "run-1")[.equity] ?? 0 }
        func point(_ i: Int) -> EquityRecord {
            EquityRecord(time: t0 + Int64(i), book: ensembleBook, equity: Money(raw: Int64(i)), cash: .zero, exposure: .zero)
        }
        for i in 0..<10 { writer.append(point(i)) }
        writer.commit(atMostEvery: 3_600 * 1_000_000_000)   // an hour has not passed since the writer opened
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(try committed(), 0, "the partial batch stays with the producer")
        writer.commit(atMostEvery: 100_000_000)              // 0.2 s > 0.1 s: handed off
        var seen = try committed()
        for _ in 0..<100 where seen < 10 {
            Thread.sleep(forTimeInterval: 0.05)
            seen = try committed()
        }
        XCTAssertEqual(seen, 10, "handed off without a flush")
        try writer.close(final: completed)
    }

    func testCommittedRecordsSurviveWhenTheProcessDiesWithoutClosing() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(), batchSize: 64)
        let records = (0..<20).flatMap { oneOfEachKind(at: t0 + Int64($0) * nanosecondsPerDay) }
        records.forEach(writer.append)
        try writer.flush()
        writer.append(records[0])  // appended, not committed

        // What a SIGKILL leaves now: the files as they are on disk, WAL not checkpointed, writer still open.
        let crashed = TempFolder()
        defer { crashed.remove() }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: journalPath + suffix) {
            try FileManager.default.copyItem(atPath: journalPath + suffix, toPath: crashed.file("q.sqlite" + suffix))
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: crashed.file("q.sqlite-wal")))
        let reader = try JournalReader(path: crashed.file("q.sqlite"))
        XCTAssertEqual(try reader.records(run: "run-1"), records)
        XCTAssertEqual(try reader.run(id: "run-1")?.status, .running)

        // It opens for writing again: a resumed daemon adds its run, and the file checks out.
        let resumed = try JournalWriter(path: crashed.file("q.sqlite"),
                                        run: runInfo(id: "run-2", resumedFrom: "run-1"))
        try resumed.close(final: completed)
        XCTAssertEqual(try rawDatabase(crashed.file("q.sqlite")).integrityCheck(), "ok")
        try writer.close(final: completed)
    }

    func testCloseWritesTheRunsEndAndFinals() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        try writer.close(final: completed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journalPath + "-wal"), "closed and checkpointed")
        let run = try XCTUnwrap(JournalReader(path: journalPath).latestRun())
        XCTAssertEqual(run.status, .completed)
        XCTAssertEqual(run.endedAt, "2025-01-01T12:05:00Z")
        XCTAssertEqual(run.finalEquity, hugeMoney)
        XCTAssertEqual(run.finalCash, Money(raw: 2_410_943_000_000))
        XCTAssertNil(run.message)
        XCTAssertEqual(run.info, runInfo())

        let failing = try JournalWriter(path: journalPath, run: runInfo(id: "run-2"))
        try failing.close(final: RunOutcome(status: .failed, endedAt: "2025-01-02T00:00:00Z", message: "feed lost"))
        let failed = try XCTUnwrap(JournalReader(path: journalPath).run(id: "run-2"))
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.message, "feed lost")
        XCTAssertNil(failed.finalEquity)
    }

    func testReopeningAFileAddsAnotherRun() throws {
        let first = try JournalWriter(path: journalPath, run: runInfo(id: "a"))
        oneOfEachKind().forEach(first.append)
        try first.close(final: completed)
        let second = try JournalWriter(path: journalPath, run: runInfo(id: "b", symbols: ["ORCL", "GOOG"]))
        oneOfEachKind(at: t0 + nanosecondsPerDay).prefix(3).forEach(second.append)
        try second.close(final: completed)

        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.runs().map(\.info.id), ["a", "b"])
        XCTAssertEqual(try reader.latestRun()?.info.id, "b")
        XCTAssertEqual(try reader.records(run: "a"), oneOfEachKind())
        XCTAssertEqual(try reader.records(run: "b"), Array(oneOfEachKind(at: t0 + nanosecondsPerDay).prefix(3)))

        XCTAssertThrowsError(try JournalWriter(path: journalPath, run: runInfo(id: "a"))) {
            XCTAssertEqual($0 as? JournalError, .duplicateRun(path: journalPath, id: "a"))
        }
        XCTAssertEqual(try reader.runs().count, 2)
    }

    /// A journal path that is a folder is said to be one, for writing and reading (SQLite said "disk I/O error"
    /// or "unable to open database file").
    func testAFolderIsNotAJournal() throws {
        let path = folder.file("a-folder")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let expected = JournalError.isAFolder(path: path)
        XCTAssertEqual("\(expected)", "\(path): it is a folder, not a journal file")
        XCTAssertThrowsError(try JournalWriter(path: path, run: runInfo())) { XCTAssertEqual($0 as? JournalError, expected) }
        XCTAssertThrowsError(try JournalReader(path: path)) { XCTAssertEqual($0 as? JournalError, expected) }
    }

    /// A journal being created is built under `NAME.creating-PID-N` beside it: a copy left by a process killed
    /// meanwhile is removed when the next journal is created there; one of a process still running is not.
    func testCopiesOfKilledCreationsAreRemoved() throws {
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        try FileManager.default.createDirectory(atPath: folder.file("runs"), withIntermediateDirectories: true)
        let abandoned = journalPath + ".creating-\(ended.processIdentifier)-7"
        let running = journalPath + ".creating-\(getpid())-8"
        let other = folder.file("runs/other.sqlite.creating-\(ended.processIdentifier)-9")
        for file in [abandoned, abandoned + "-wal", running, other] {
            XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        }
        try JournalWriter(path: journalPath, run: runInfo()).close(final: completed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned))
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned + "-wal"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: running), "its process still runs")
        XCTAssertTrue(FileManager.default.fileExists(atPath: other), "another journal's")
    }

    func testAWriterThreadFailureSurfacesFromClose() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(), batchSize: 10, busyTimeoutMilliseconds: 20)
        oneOfEachKind().prefix(5).forEach(writer.append)
        try writer.flush()

        // Another connection holds the write lock longer than the writer waits.
        let other = try rawDatabase(journalPath)
        try other.execute("BEGIN EXCLUSIVE")
        oneOfEachKind().forEach(writer.append)
        writer.commit()
        XCTAssertThrowsError(try writer.flush()) { error in
            guard case .sqlite(journalPath, _, let message, _)? = error as? JournalError else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(message.contains("locked"), message)
        }
        XCTAssertNotNil(writer.failure)
        try other.execute("ROLLBACK")

        oneOfEachKind().forEach(writer.append)  // after a failure, nothing more is written
        XCTAssertThrowsError(try writer.close(final: completed)) { XCTAssertEqual($0 as? JournalError, writer.failure) }
        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.records(run: "run-1"), Array(oneOfEachKind().prefix(5)), "the committed prefix")
        let run = try XCTUnwrap(reader.latestRun())
        XCTAssertEqual(run.status, .failed)
        XCTAssertTrue(run.message?.hasPrefix("journal incomplete: \(journalPath): database is locked") == true,
                      run.message ?? "nil")
    }

    func testARecordNamingAnUnknownSymbolStopsTheJournal() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(symbols: ["GOOG"]))
        writer.append(.fill(FillRecord(time: t0, clientOrderID: "Q-1", symbol: 3, quantity: 1, price: oddPrice,
                                       commission: .zero)))
        XCTAssertThrowsError(try writer.close(final: completed)) { error in
            XCTAssertEqual(error as? JournalError, .invalidData(
                path: journalPath, message: "a fill record refers to symbol index 3; the run has 1 symbols"))
        }
        XCTAssertEqual(try JournalReader(path: journalPath).latestRun()?.status, .failed)
        XCTAssertThrowsError(try JournalWriter(path: journalPath, run: runInfo(id: "x", symbols: ["A"]))
            .strategies([StrategyRow(instance: 0, name: "s", plugin: "p", weight: 1, symbols: [1])]))
    }

    func testWriterDropsExcludedRecordsWithoutWritingThem() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(level: .summary), batchSize: 1)
        XCTAssertFalse(writer.wants(.signal))
        XCTAssertTrue(writer.wants(.trade))
        for _ in 0..<1_000 { writer.append(oneOfEachKind()[0]) }
        try writer.flush()
        XCTAssertEqual(try JournalReader(path: journalPath).counts(run: "run-1"), [:])
        try writer.close(final: completed)
    }
}
