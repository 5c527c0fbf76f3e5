import QuorumModel
import XCTest
@testable import QuorumJournal

/// Schema version 4: equity blocks packed as differences from the previous point (``EquityBlockFormat``),
/// read alike by ``JournalReader`` and by the `equity` view, beside the version-3 blocks of older files.
final class VersionFourTests: JournalTestCase {
    /// Every kind of step — flat, held long or short, cash moving, sub-second and pre-1970 times, swings to
    /// the ends of Int64 — over many batches and three books reads back exactly, and the `equity` view (what
    /// a `sqlite3` user reads) gives the same rows as the reader.
    func testTheViewAndTheReaderGiveBackEveryPointExactly() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(), batchSize: 7)
        var appended: [JournalRecord] = []
        var time = -3 * nanosecondsPerDay + 1  // 1969-12-29, one nanosecond past midnight; the first step adds a day
        var equity: Int64 = 10_000_000_000_000
        var cash = equity
        for step in 0..<120 {
            time += step % 11 == 10 ? 1 : step % 5 == 0 ? nanosecondsPerDay : 60 * nanosecondsPerSecond
            let move = Int64((step * 7_919) % 301) - 150
            if step % 13 == 0 { cash -= 3_333 }  // a fill
            equity += step % 3 == 0 ? 0 : move * 1_000_000
            let extreme = step == 60 ? Int64.max : step == 61 ? Int64.min : nil
            if step % 7 == 3 {  // records before the points, two in a row: at every place in a batch of 7
                for n in 0..<2 { appended.append(.fault(FaultRecord(time: time, instance: 1, message: "b\(step).\(n)"))) }
            }
            for book in [ensembleBook, 0, 1] {
                let exposure = book == 1 ? (cash - equity) : equity - cash  // book 1 short: exposure moves against
                appended.append(.equity(EquityRecord(
                    time: time, book: book, equity: Money(raw: extreme ?? equity + Int64(book)),
                    cash: Money(raw: extreme.map { ~$0 } ?? cash), exposure: Money(raw: exposure))))
            }
            if step % 17 == 0 { appended.append(.fault(FaultRecord(time: time, instance: 0, message: "f\(step)"))) }
        }
        appended.forEach(writer.append)
        try writer.close(final: completed)

        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.records(run: "run-1"), appended)
        XCTAssertEqual(try reader.records(run: "run-1", kinds: [.equity]), appended.filter { $0.kind == .equity })
        let db = try rawDatabase(journalPath)
        for book in [ensembleBook, 0, 1] {
            let expected = appended.compactMap { record -> EquityRecord? in
                guard case .equity(let point) = record, point.book == book else { return nil }
                return point
            }
            let curve = try reader.equity(run: "run-1", book: book)
            XCTAssertEqual(curve.map(\.ts), expected.map(\.time))
            XCTAssertEqual(curve.map(\.equity), expected.map(\.equity))
            XCTAssertEqual(curve.map(\.cash), expected.map(\.cash))
            XCTAssertEqual(curve.map(\.exposure), expected.map(\.exposure))
            XCTAssertEqual(curve.first?.time, "1969-12-30T00:00:00.000000001")   // a fraction of a second is kept
            XCTAssertEqual(try viewRows(db, book: book), try readerRows(reader, book: book))
        }
        // The view numbers every point where it was appended among the other records.
        let log = try db.prepare("""
            SELECT seq, kind, coalesce((SELECT book FROM equity e WHERE e.seq = v.seq), 99) FROM events v ORDER BY seq
            """).rows { (r: inout Row) in "\(r.int64()) \(r.text()) \(r.int())" }
        XCTAssertEqual(log, appended.enumerated().map { i, record in
            if case .equity(let point) = record { return "\(i + 1) equity \(point.book)" }
            return "\(i + 1) \(record.kind.rawValue) 99"
        })
        XCTAssertEqual(try db.count("SELECT count(*) FROM equity_blocks WHERE format <> 1"), 0)
        XCTAssertGreaterThan(try db.count("SELECT count(*) FROM equity_blocks WHERE ts_unit = 1"), 0)
        XCTAssertGreaterThan(try db.count("SELECT count(*) FROM equity_blocks WHERE ts_unit = 1000000000"), 0)
    }

    /// The steps of a book are written as short differences from the previous point, leaving out what the
    /// format lets a reader infer.
    func testStepsAreDifferencesFromThePreviousPoint() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        let minute = 60 * nanosecondsPerSecond
        let points: [(equity: Int64, cash: Int64, exposure: Int64)] = [
            (100, 100, 0),  // first point
            (100, 100, 0),  // flat
            (105, 40, 65),  // a buy: cash and exposure move apart
            (112, 40, 72),  // held: exposure moves with equity
            (112, 40, 72),  // unchanged
            (112, 52, 60),  // cash moves, equity does not
            (90, 52, 38),   // held, falling
        ]
        for (i, p) in points.enumerated() {
            writer.append(.equity(EquityRecord(time: t0 + Int64(i) * minute, book: 0, equity: Money(raw: p.equity),
                                               cash: Money(raw: p.cash), exposure: Money(raw: p.exposure))))
        }
        try writer.close(final: completed)
        let db = try rawDatabase(journalPath)
        let data = try db.prepare("SELECT data FROM equity_blocks").rows { (r: inout Row) in r.text() }
        XCTAssertEqual(data, ["[[0,0],[1,60],[1,60,5,-60,65],[1,60,7],[1,60],[1,60,0,12,-12],[1,60,-22]]"])
        let curve = try JournalReader(path: journalPath).equity(run: "run-1", book: 0)
        XCTAssertEqual(curve.map(\.equity.raw), points.map(\.equity))
        XCTAssertEqual(curve.map(\.cash.raw), points.map(\.cash))
        XCTAssertEqual(curve.map(\.exposure.raw), points.map(\.exposure))
    }

    /// A flat step that repeats the one before it (same steps, nothing else changed) is written as the same
    /// bytes, copied rather than printed: the entries are what they would be printed, and read back exactly.
    /// Repeats stop at a record between points (a longer seq step), at a longer time step, at a change of
    /// value, and are not used for an entry longer than 8 bytes.
    func testRepeatedFlatStepsAreWrittenAsThePrintedOnes() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        let minute = 60 * nanosecondsPerSecond
        var time = t0
        var appended: [JournalRecord] = []
        func point(_ equity: Int64, cash: Int64? = nil, step: Int64 = minute) {
            time += step
            appended.append(.equity(EquityRecord(time: time, book: 0, equity: Money(raw: equity),
                                                 cash: Money(raw: cash ?? equity), exposure: Money(raw: equity - (cash ?? equity)))))
        }
        point(100)
        for _ in 0..<3 { point(100) }                       // [1,60] three times
        appended.append(.fault(FaultRecord(time: time, instance: 0, message: "between")))
        point(100)                                          // [2,60]: a record came between
        point(100)                                          // [1,60]
        point(100, step: 2 * minute)                        // [1,120]
        point(100, step: 2 * minute)                        // [1,120] again
        point(130, cash: 100)                               // a change
        point(130, cash: 100)                               // held, unchanged: [1,60]
        point(130, cash: 100)
        point(130, cash: 100, step: 123_456_789)            // not whole seconds: a new block in nanoseconds
        point(130, cash: 100, step: 123_456_789)            // [1,123456789]: 14 bytes, printed each time
        point(130, cash: 100, step: 123_456_789)
        appended.forEach(writer.append)
        try writer.close(final: completed)

        let db = try rawDatabase(journalPath)
        let data = try db.prepare("SELECT data FROM equity_blocks ORDER BY block_id").rows { (r: inout Row) in r.text() }
        XCTAssertEqual(data, ["[[0,0],[1,60],[1,60],[1,60],[2,60],[1,60],[1,120],[1,120],[1,60,30],[1,60],[1,60]]",
                              "[[0,0],[1,123456789],[1,123456789]]"])
        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.records(run: "run-1"), appended)
        XCTAssertEqual(try viewRows(db, book: 0), try readerRows(reader, book: 0))
    }

    /// A version-3 file keeps its blocks (format 0) as they were; after the upgrade a new run writes format-1
    /// blocks beside them, and both read back alike through the reader and the view.
    func testAVersionThreeJournalKeepsItsBlocks() throws {
        let path = folder.file("v3.sqlite")
        let v3 = try JournalFile.openForWriting(
            path: path, busyTimeoutMilliseconds: 100,
            migrator: Migrator([JournalSchema.version1, JournalSchema.version2, JournalSchema.version3]))
        let runID = try v3.insertRun(runInfo(id: "old", timeFormat: .date))
        let day = nanosecondsPerDay
        try v3.execute("""
            INSERT INTO equity_blocks (run_id, book, base_seq, first_ts, first_equity_raw, first_cash_raw,
                                       first_exposure_raw, points, data)
                VALUES (\(runID), -1, 1, \(t0), 500, 400, 100, 3, '[[0,0,0,0,0],[2,\(day),9,0,9],[5,\(2 * day),-1,-3,2]]'),
                       (\(runID), 0, 2, \(t0), 7, 7, 0, 1, '[[0,0,0,0,0]]');
            UPDATE journal_sequence SET next_seq = 7;
            """)
        v3.close()

        let writer = try JournalWriter(path: path, run: runInfo(id: "new"))
        for i in 0..<3 {
            writer.append(.equity(EquityRecord(time: t0 + Int64(i) * day, book: ensembleBook,
                                               equity: Money(raw: 10 + Int64(i)), cash: Money(raw: 10),
                                               exposure: Money(raw: Int64(i)))))
        }
        try writer.close(final: completed)

        let reader = try JournalReader(path: path)
        let old = try reader.equity(run: "old", book: ensembleBook)
        XCTAssertEqual(old.map(\.equity.raw), [500, 509, 499])
        XCTAssertEqual(old.map(\.cash.raw), [400, 400, 397])
        XCTAssertEqual(old.map(\.exposure.raw), [100, 109, 102])
        XCTAssertEqual(old.map(\.time), ["2024-03-01", "2024-03-02", "2024-03-03"])
        XCTAssertEqual(try reader.equity(run: "new", book: ensembleBook).map(\.equity.raw), [10, 11, 12])
        let db = try rawDatabase(path)
        XCTAssertEqual(try db.prepare("SELECT format FROM equity_blocks ORDER BY block_id").rows {
            (r: inout Row) in r.int() }, [0, 0, 1])
        XCTAssertEqual(try db.prepare("SELECT seq FROM equity WHERE book = -1 ORDER BY seq").rows {
            (r: inout Row) in r.int64() }, [1, 3, 6, 7, 8, 9])
        for run in ["old", "new"] {
            XCTAssertEqual(try viewRows(db, book: ensembleBook, run: run),
                           try readerRows(reader, book: ensembleBook, run: run))
        }
        XCTAssertEqual(try db.integrityCheck(), "ok")
    }

    /// A block that is not what its format describes is an error naming the block, not a wrong curve.
    func testAMalformedBlockIsAnErrorNamingIt() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        writer.append(.equity(EquityRecord(time: t0, book: 0, equity: Money(raw: 1), cash: .zero, exposure: .zero)))
        try writer.close(final: completed)
        let cases: [(format: Int, points: Int, data: String, message: String)] = [
            (1, 2, "[[0,0],[1]]", "an entry has 1 values, not 2 to 5"),
            (1, 2, "[[0,0],[1,2,3,4,5,6]]", "an entry has 6 values, not 2 to 5"),
            (0, 1, "[[0,0]]", "an entry has 2 values, not 5"),
            (7, 1, "[[0,0]]", "unknown format 7"),
            (1, 2, "[[0,0],[1,x]]", "expected a number at byte 10"),
            (1, 2, "[[0,0] [1,1]]", "expected ',' between entries at byte 7"),
            (1, 1, "[[0,0]", "data ends inside the array"),
            (1, 2, "[[0,0],[1,99999999999999999999]]", "a number overflows 64 bits"),
            (1, 3, "[[0,0],[1,1,9223372036854775807],[1,1,1]]", "a value overflows 64 bits"),
            (1, 5, "[[0,0],[1,1]]", "2 points, not the 5 it counts"),
        ]
        for (format, points, data, message) in cases {
            let db = try rawDatabase(journalPath)
            try db.execute("UPDATE equity_blocks SET format = \(format), points = \(points), data = '\(data)'")
            db.close()
            XCTAssertThrowsError(try JournalReader(path: journalPath).equity(run: "run-1", book: 0), data) {
                XCTAssertEqual("\($0)", "\(JournalError.invalidData(path: journalPath, message: "equity_blocks row 1: \(message)"))")
            }
        }
    }

    // MARK: Helpers

    /// The `equity` view's rows of one book, without `seq`, in `seq` order.
    private func viewRows(_ db: Database, book: Int, run: String = "run-1") throws -> [String] {
        try db.prepare("""
            SELECT e.ts, e.time, e.equity_raw, e.cash_raw, e.exposure_raw, e.equity
            FROM equity e JOIN runs r ON r.run_id = e.run_id WHERE r.id = '\(run)' AND e.book = \(book)
            ORDER BY e.seq
            """).rows { (r: inout Row) in
            "\(r.int64()) \(r.text()) \(r.int64()) \(r.int64()) \(r.int64()) \(r.double())"
        }
    }

    /// The same, from ``JournalReader/equity(run:book:)``.
    private func readerRows(_ reader: JournalReader, book: Int, run: String = "run-1") throws -> [String] {
        try reader.equity(run: run, book: book).map {
            "\($0.ts) \($0.time) \($0.equity.raw) \($0.cash.raw) \($0.exposure.raw) \($0.equity.doubleValue)"
        }
    }
}
