import QuorumModel
import XCTest
@testable import QuorumJournal

/// Schema version 5: the records of every decision packed per kind in `record_blocks` (``PackedRecords``),
/// each kind read through a view that gives back its old table column for column.
final class VersionFiveTests: JournalTestCase {
    /// Text a plugin may put in a reason: quotes, backslashes, control characters, non-ASCII.
    let awkwardText = "tab\there\nline\r\u{01}\u{1F} back\\slash \"quoted\" /é — 😀"

    /// A version-4 file whose record tables hold rows is upgraded: its rows move into blocks, and each view
    /// gives back exactly the rows its table held (every column, its type, the bits of every double).
    func testAVersionFourJournalsRowsMoveIntoBlocksUnchanged() throws {
        let records = oneOfEachKind() + oneOfEachKind(at: t0 + nanosecondsPerSecond)
            + oneOfEachKind(at: -nanosecondsPerDay - 1)
            + [.orderEvent(OrderEventRecord(time: t0, clientOrderID: .text(awkwardText), from: "new", to: "submitted",
                                            filledQuantity: 0, reason: awkwardText))]
        let source = folder.file("v5.sqlite")
        try writeJournal(source, records)
        let written = try rawDatabase(source)
        var expected: [String: [String]] = [:]
        for kind in PackedRecords.kinds { expected[kind.table] = try typedRows(written, kind.table) }
        written.close()

        let path = folder.file("v4.sqlite")
        let v4 = try olderJournal(path, version: 4)
        _ = try v4.insertRun(runInfo())
        try v4.execute("ATTACH '\(source)' AS source")
        for kind in PackedRecords.kinds {
            try v4.execute("INSERT INTO \(kind.table) SELECT * FROM source.\(kind.table)")
            XCTAssertEqual(try typedRows(v4, kind.table), expected[kind.table],
                           "the view of \(kind.table) has the columns and values of the table it replaced")
        }
        try v4.execute("""
            INSERT INTO equity_blocks SELECT * FROM source.equity_blocks;
            INSERT INTO weights SELECT * FROM source.weights;
            INSERT INTO faults SELECT * FROM source.faults;
            INSERT INTO quarantines SELECT * FROM source.quarantines;
            INSERT INTO transition_errors SELECT * FROM source.transition_errors;
            UPDATE journal_sequence SET next_seq = (SELECT next_seq FROM source.journal_sequence);
            DETACH source;
            """)
        v4.close()
        try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100).close()

        let reader = try JournalReader(path: path)
        XCTAssertEqual(try reader.records(run: "run-1"), records)
        let db = try rawDatabase(path)
        XCTAssertEqual(try db.userVersion(), JournalSchema.version)
        for kind in PackedRecords.kinds {
            XCTAssertEqual(try db.scalarText("SELECT type FROM sqlite_master WHERE name = '\(kind.table)'"), "view")
            XCTAssertEqual(try typedRows(db, kind.table), expected[kind.table], kind.table)
        }
        XCTAssertEqual(try db.count("SELECT sum(entries) FROM record_blocks"),
                       records.filter { PackedRecords.slot(of: $0.kind) != nil }.count)
        XCTAssertEqual(try db.integrityCheck(), "ok")
    }

    /// Times are counted in whole seconds from a block's first entry; a time that is not (sub-second data), or
    /// whose distance does not fit in 64 bits, starts a new block, and every record still reads back exactly.
    func testTimesThatDoNotFitTheBlockStartANewOne() throws {
        let times: [Timestamp] = [t0, t0 + nanosecondsPerSecond, t0 + 3 * nanosecondsPerSecond / 2,
                                  t0 + 2 * nanosecondsPerSecond, .min + 1, .max]
        let records = times.enumerated().map { i, time in
            JournalRecord.orderEvent(OrderEventRecord(time: time, clientOrderID: .text("Q-\(i)"), from: "new",
                                                      to: "submitted", filledQuantity: Int64(i),
                                                      reason: i == 2 ? awkwardText : nil))
        }
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        records.forEach(writer.append)
        try writer.close(final: completed)

        XCTAssertEqual(try JournalReader(path: journalPath).records(run: "run-1"), records)
        let db = try rawDatabase(journalPath)
        XCTAssertEqual(try db.prepare("SELECT ts_unit, entries FROM record_blocks ORDER BY block_id").rows {
            (r: inout Row) in "\(r.int64())×\(r.int())" }, ["1000000000×2", "1×2", "1×1", "1×1"])
        XCTAssertEqual(try db.prepare("SELECT ts FROM order_events ORDER BY seq").rows { (r: inout Row) in r.int64() },
                       times)
        XCTAssertEqual(try db.scalarText("SELECT reason FROM order_events WHERE client_order_id = 'Q-2'"),
                       awkwardText)
        XCTAssertEqual(try db.count("SELECT count(*) FROM record_blocks WHERE NOT json_valid(data)"), 0)
    }

    /// A batch's records of one kind are one block: `[seq - base_seq, (ts - first_ts) / ts_unit, value…]`,
    /// with amounts as raw integers and absent values as null.
    func testAnEntryHoldsItsValuesInColumnOrder() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        writer.append(.fill(FillRecord(time: t0, clientOrderID: "Q-1", symbol: 1, quantity: -40, price: oddPrice,
                                       commission: Money(raw: 1))))
        writer.append(.weights(WeightsRecord(time: t0, weights: [1])))
        writer.append(.fill(FillRecord(time: t0 + 60 * nanosecondsPerSecond, clientOrderID: "Q-\"2\"", symbol: 0,
                                       quantity: 3, price: Price(raw: 5), commission: .zero)))
        writer.append(.verdict(VerdictRecord(time: t0, symbol: 0, direction: .long, conviction: 0.1 + 0.2,
                                             net: -1e-300, stances: 2, nonFlat: 1, targetWeight: nil,
                                             stopLoss: nil, takeProfit: Price(raw: 7))))
        try writer.close(final: completed)

        let db = try rawDatabase(journalPath)
        let blocks = try db.prepare("""
            SELECT kind, base_seq, first_ts, ts_unit, entries, data FROM record_blocks ORDER BY block_id
            """).rows { (r: inout Row) in
            "\(r.text()) \(r.int64()) \(r.int64()) \(r.int64()) \(r.int()) \(r.text())"
        }
        XCTAssertEqual(blocks, [
            "fill 1 \(t0) 1000000000 2 [[0,0,\"Q-1\",\"ORCL\",-40,\(oddPrice.raw),1],[2,60,\"Q-\\\"2\\\"\",\"GOOG\",3,5,0]]",
            "verdict 4 \(t0) 1000000000 1 [[0,0,\"GOOG\",1,0.30000000000000004,-1e-300,2,1,null,null,7]]",
        ])
    }

    /// Every column of `table`'s rows in `seq` order, with its SQLite type; doubles by their bits.
    private func typedRows(_ db: Database, _ table: String) throws -> [String] {
        let columns = try db.prepare("SELECT name FROM pragma_table_info('\(table)')").rows {
            (r: inout Row) in r.text() }
        XCTAssertFalse(columns.isEmpty, table)
        let select = columns.map { "typeof(\($0)), \($0)" }.joined(separator: ", ")
        return try db.prepare("SELECT \(select) FROM \(table) ORDER BY seq").rows { (r: inout Row) in
            columns.map { name in
                switch r.text() {
                case "integer": return "\(name)=\(r.int64())"
                case "real": return "\(name)=r\(r.double().bitPattern)"
                case "text": return "\(name)='\(r.text())'"
                default: return "\(name)=\(r.optionalText() ?? "NULL")"
                }
            }.joined(separator: " ")
        }
    }
}
