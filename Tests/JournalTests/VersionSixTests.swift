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
        let times = timesWithFractions
        let path = folder.file("v5.sqlite")
        let v5 = try olderJournal(path, version: 5, holding: times.flatMap { oneOfEachKind(at: $0) })
        // The views as version 5 wrote them (this build's version-5 migration already writes the fraction):
        // each time text without it.
        let views = try v5.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'view'").rows { row in
            (row.text(), row.text())
        }
        let fraction = try NSRegularExpression(pattern: #" \|\| CASE WHEN length\(r\.time_format\) = 10 THEN '' .*? END"#)
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
        XCTAssertEqual(try db.userVersion(), JournalSchema.version)   // 6, and the versions after it
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
