import QuorumModel
import XCTest
@testable import QuorumJournal

/// Schema version 3: `events` as a view over the typed tables, record numbers from `journal_sequence`, and
/// equity packed in blocks behind the `equity` view.
final class VersionThreeTests: JournalTestCase {
    /// A real version-2 file with records in `events`, `equity` and `fills` is upgraded in place: its rows
    /// keep their numbers and values, and a new run numbers its records after them.
    func testAVersionTwoJournalWithRecordsIsUpgraded() throws {
        let path = folder.file("v2.sqlite")
        let v2 = try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100,
                                                migrator: Migrator([JournalSchema.version1, JournalSchema.version2]))
        let runID = try v2.insertRun(runInfo(id: "old", timeFormat: .date))
        let day = nanosecondsPerDay
        try v2.execute("""
            INSERT INTO events (seq, run_id, ts, time, kind) VALUES
                (1, \(runID), \(t0), 'x', 'equity'), (2, \(runID), \(t0), 'x', 'fill'),
                (3, \(runID), \(t0 + day), 'x', 'equity'), (4, \(runID), \(t0 + day), 'x', 'equity');
            INSERT INTO equity VALUES
                (1, \(runID), \(t0), '2024-03-01', -1, 1.0, \(hugeMoney.raw), 2.0, 200000000, 0.0, 0),
                (3, \(runID), \(t0 + day), '2024-03-02', -1, 1.0, 100000001, 2.0, -7, 0.5, 50000000),
                (4, \(runID), \(t0 + day), '2024-03-02', 0, 1.0, 5, 2.0, 6, 0.0, 7);
            INSERT INTO fills VALUES (2, \(runID), \(t0), '2024-03-01', 'Q-1', 'GOOG', 10, 1.5, 150000000, 0.0, 1);
            """)
        v2.close()

        let writer = try JournalWriter(path: path, run: runInfo(id: "new"))
        writer.append(.equity(EquityRecord(time: t0, book: ensembleBook, equity: Money(units: 3), cash: .zero,
                                           exposure: .zero)))
        writer.append(.fault(FaultRecord(time: t0, instance: 0, message: "late")))
        try writer.close(final: completed)

        let reader = try JournalReader(path: path)
        let old = try reader.equity(run: "old", book: ensembleBook)
        XCTAssertEqual(old.map(\.equity.raw), [hugeMoney.raw, 100_000_001])
        XCTAssertEqual(old.map(\.cash.raw), [200_000_000, -7])
        XCTAssertEqual(old.map(\.exposure.raw), [0, 50_000_000])
        XCTAssertEqual(old.map(\.time), ["2024-03-01", "2024-03-02"])
        XCTAssertEqual(try reader.equity(run: "old", book: 0).map(\.cash.raw), [6])
        XCTAssertEqual(try reader.fills(run: "old").map(\.price.raw), [150_000_000])
        XCTAssertEqual(try reader.counts(run: "old"), [.equity: 3, .fill: 1])

        let db = try rawDatabase(path)
        let log = try db.prepare("SELECT seq, kind FROM events ORDER BY seq").rows { (r: inout Row) in
            "\(r.int64()) \(r.text())"
        }
        XCTAssertEqual(log, ["1 equity", "2 fill", "3 equity", "4 equity", "5 equity", "6 fault"])
        XCTAssertEqual(try db.scalar("SELECT next_seq FROM journal_sequence"), 7)
        XCTAssertEqual(try db.count("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%REFERENCES events%'"), 0)
        XCTAssertEqual(try db.integrityCheck(), "ok")
        XCTAssertEqual(try db.count("SELECT count(*) FROM pragma_foreign_key_check"), 0)
    }

    /// Several batches (so several blocks per book) read back as one curve, interleaved with other records in
    /// the order they were appended; `time` in the view is the run's format, rounded down before 1970 too.
    func testEquityBlocksReadBackInOrderAcrossBatches() throws {
        let start = -Int64(36) * 3_600 * nanosecondsPerSecond - 1  // 1969-12-30T11:59:59.999999999
        let writer = try JournalWriter(path: journalPath, run: runInfo(), batchSize: 5)
        var appended: [JournalRecord] = []
        for step in 0..<40 {
            let time = start + Int64(step) * 3_600 * nanosecondsPerSecond
            for book in [ensembleBook, 0] {
                appended.append(.equity(EquityRecord(
                    time: time, book: book, equity: Money(raw: Int64(step * step) * 1_000_003 - 17 * Int64(book)),
                    cash: step % 7 == 0 ? Money(raw: -Int64(step)) : Money(units: 100_000),
                    exposure: Money(raw: Int64.max / 4 - Int64(step)))))
            }
            if step % 9 == 0 { appended.append(.fault(FaultRecord(time: time, instance: 0, message: "f\(step)"))) }
        }
        appended.forEach(writer.append)
        try writer.close(final: completed)

        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.records(run: "run-1"), appended)
        let curve = try reader.equity(run: "run-1", book: 0)
        XCTAssertEqual(curve.count, 40)
        XCTAssertEqual(curve.map(\.time), curve.map { Timestamps.format($0.ts, .dateTime) })
        XCTAssertEqual(curve.first?.time, "1969-12-30T11:59:59.999999999")
        let db = try rawDatabase(journalPath)
        XCTAssertGreaterThan(try db.count("SELECT count(*) FROM equity_blocks WHERE book = 0"), 5)
        XCTAssertEqual(try db.count("SELECT count(*) FROM events WHERE kind = 'equity'"), 80)
    }

    /// Two writers appending to one file at once never give two records the same number.
    func testTwoWritersOnOneFileNumberTheirRecordsApart() throws {
        let first = try JournalWriter(path: journalPath, run: runInfo(id: "a"), batchSize: 3)
        let second = try JournalWriter(path: journalPath, run: runInfo(id: "b"), batchSize: 3)
        for i in 0..<30 {
            let writer = i % 4 < 2 ? first : second
            writer.append(.fault(FaultRecord(time: t0 + Int64(i), instance: 0, message: "\(i)")))
            writer.append(.equity(EquityRecord(time: t0 + Int64(i), book: 0, equity: Money(raw: Int64(i)),
                                               cash: .zero, exposure: .zero)))
            if i % 5 == 0 { try writer.flush() }
        }
        try first.close(final: completed)
        try second.close(final: completed)
        let db = try rawDatabase(journalPath)
        XCTAssertEqual(try db.count("SELECT count(*) FROM events"), 60)
        XCTAssertEqual(try db.count("SELECT count(DISTINCT seq) FROM events"), 60)
        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.faults(run: "a").count + reader.faults(run: "b").count, 30)
    }

    /// Points too far apart to be written as differences from their block's first point start a new block.
    func testExtremeSwingsStayExact() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        let values: [Int64] = [.max, .min, 0, .min, .max, -1, .max]
        for (i, value) in values.enumerated() {
            writer.append(.equity(EquityRecord(time: t0 + Int64(i), book: 2, equity: Money(raw: value),
                                               cash: Money(raw: ~value), exposure: Money(raw: value / 3))))
        }
        try writer.close(final: completed)
        let curve = try JournalReader(path: journalPath).equity(run: "run-1", book: 2)
        XCTAssertEqual(curve.map(\.equity.raw), values)
        XCTAssertEqual(curve.map(\.cash.raw), values.map { ~$0 })
        XCTAssertEqual(curve.map(\.exposure.raw), values.map { $0 / 3 })
        XCTAssertEqual(curve.map(\.ts), values.indices.map { t0 + Int64($0) })
    }

    func testDecimalTextOfEveryMagnitude() {
        let values: [Int64] = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1_000, 65_536, 999_999_999, 1_000_000_000,
                               999_999_999_999_999_999, 1_000_000_000_000_000_000, .max, .min, -1, -10, -99,
                               -100, -1_000_000_000_000_000_000, 123_456_789_012_345]
        let text = TextBuilder(capacity: 8)  // small, so it grows on the way
        for (i, value) in values.enumerated() {
            if i > 0 { text.append(UInt8(ascii: ",")) }
            text.append(value)
        }
        XCTAssertEqual(String(decoding: text.bytes, as: UTF8.self), values.map(String.init).joined(separator: ","))
    }
}
