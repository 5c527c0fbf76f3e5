import Foundation
import QuorumModel
import XCTest
@testable import QuorumJournal

/// Schema version 6: a time of day keeps its fraction of a second in every view's text, as
/// `Timestamps.format` writes it (the views dropped it, so bars less than a second apart read the same time).
final class VersionSixTests: JournalTestCase {
    /// Records a quarter of a second and a nanosecond past whole seconds, and a date-only run: a version-5 file
    /// holding them reads the fractions only once upgraded, and then exactly as the host formats them.
    func testAVersionFiveJournalsViewsGainTheFractionOfASecond() throws {
        let times = [t0 + nanosecondsPerSecond / 4, t0 + nanosecondsPerSecond + 1, t0 + 2 * nanosecondsPerSecond]
        let records = times.flatMap { oneOfEachKind(at: $0) }
        let source = folder.file("v6.sqlite")
        let writer = try JournalWriter(path: source, run: runInfo(), batchSize: 5)
        records.forEach(writer.append)
        try writer.close(final: completed)

        let path = folder.file("v5.sqlite")
        let v5 = try JournalFile.openForWriting(
            path: path, busyTimeoutMilliseconds: 100,
            migrator: Migrator(Array(JournalSchema.migrator.migrations.prefix(5))))
        XCTAssertEqual(try v5.userVersion(), 5)
        _ = try v5.insertRun(runInfo())
        try v5.execute("""
            ATTACH '\(source)' AS source;
            INSERT INTO record_blocks SELECT * FROM source.record_blocks;
            INSERT INTO equity_blocks SELECT * FROM source.equity_blocks;
            UPDATE journal_sequence SET next_seq = (SELECT next_seq FROM source.journal_sequence);
            DETACH source;
            """)
        // The views as version 5 wrote them (this build's version-5 migration already writes the fraction):
        // each time text without it.
        let views = try v5.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'view'").rows { row in
            (row.text(), row.text())
        }
        let fraction = try NSRegularExpression(pattern: #" \|\| CASE WHEN r\.time_format = 'date' OR .*? END"#)
        for (name, sql) in views where sql.contains("strftime") {
            let old = fraction.stringByReplacingMatches(in: sql, range: NSRange(sql.startIndex..., in: sql),
                                                        withTemplate: "")
            XCTAssertNotEqual(old, sql, name)
            try v5.execute("DROP VIEW \(name); \(old);")
        }
        let whole = times.map { String(Timestamps.format($0, .dateTime).prefix(19)) }
        XCTAssertEqual(try texts(v5, "SELECT DISTINCT time FROM fills ORDER BY ts"), whole, "version 5 drops them")
        v5.close()
        try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100).close()

        let db = try rawDatabase(path)
        XCTAssertEqual(try db.userVersion(), 6)
        let expected = times.map { Timestamps.format($0, .dateTime) }
        XCTAssertEqual(expected.map { $0.dropFirst(19) }, [".25", ".000000001", ""])
        for kind in PackedRecords.kinds {
            XCTAssertEqual(try texts(db, "SELECT DISTINCT time FROM \(kind.table) ORDER BY ts"), expected, kind.table)
        }
        XCTAssertEqual(try texts(db, "SELECT DISTINCT time FROM equity ORDER BY ts"), expected)
        let entries = try db.prepare("SELECT entry_ts, entry_time FROM trades").rows { row in (row.int64(), row.text()) }
        XCTAssertEqual(entries.map(\.1), entries.map { Timestamps.format($0.0, .dateTime) })
        XCTAssertEqual(try db.integrityCheck(), "ok")
    }

    /// A run of dates writes no fraction, and whole seconds none either.
    func testDatesAndWholeSecondsHaveNoFraction() {
        let midnight = Timestamps.days(year: 2024, month: 3, day: 1) * nanosecondsPerDay
        XCTAssertEqual(Timestamps.format(midnight + 123_456_789, .date), "2024-03-01")
        XCTAssertEqual(Timestamps.format(midnight + 120_000_000, .dateTime), "2024-03-01T00:00:00.12")
        XCTAssertEqual(Timestamps.format(-1, .dateTime), "1969-12-31T23:59:59.999999999")
        XCTAssertEqual(Timestamps.format(midnight, .dateTime), "2024-03-01T00:00:00")
    }

    private func texts(_ db: Database, _ sql: String) throws -> [String] {
        try db.prepare(sql).rows { row in row.text() }
    }
}
