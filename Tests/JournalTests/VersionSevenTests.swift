import QuorumModel
import XCTest
@testable import QuorumJournal

/// Schema version 7: `runs.time_format` holds the data's pattern (`YYYY-MM-DD HH:MM:SS.fff`) and the views
/// write times as the data did. The runs of an older file, `date` and `datetime`, read exactly as before.
final class VersionSevenTests: JournalTestCase {
    /// A version-6 file with a run of times (fractions of a second among them) and a run of dates, their
    /// `time_format` as version 6 wrote it: once upgraded, each names its pattern, and every view and the reader
    /// write its times as version 6 did.
    func testAVersionSixJournalsRunsReadAsBefore() throws {
        let times = timesWithFractions
        let path = folder.file("v6.sqlite")
        let v6 = try olderJournal(path, version: 6, holding: times.flatMap { oneOfEachKind(at: $0) })
        _ = try v6.insertRun(runInfo(id: "dates", timeFormat: .date))
        try v6.execute("""
            UPDATE runs SET time_format = CASE id WHEN 'dates' THEN 'date' ELSE 'datetime' END;
            INSERT INTO record_blocks SELECT NULL, 2, kind, base_seq, first_ts, ts_unit, entries, data
                FROM record_blocks;
            INSERT INTO equity_blocks SELECT NULL, 2, book, base_seq, first_ts, first_equity_raw, first_cash_raw,
                first_exposure_raw, points, data, format, ts_unit FROM equity_blocks;
            """)
        v6.close()
        try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100).close()

        let db = try rawDatabase(path)
        XCTAssertEqual(try db.userVersion(), 7)
        XCTAssertEqual(try texts(db, "SELECT time_format FROM runs ORDER BY run_id"),
                       ["YYYY-MM-DDTHH:MM:SS", "YYYY-MM-DD"])
        for (run, format) in [(1, TimeFormat.dateTime), (2, .date)] {
            let expected = times.map { Timestamps.format($0, format) }
            XCTAssertEqual(Set(expected).count, format == .date ? 1 : 3)
            for kind in PackedRecords.kinds {
                XCTAssertEqual(try texts(db, "SELECT DISTINCT time FROM \(kind.table) WHERE run_id = \(run) ORDER BY ts"),
                               Array(Set(expected)).sorted(), "\(kind.table) of run \(run)")
            }
            XCTAssertEqual(try texts(db, "SELECT DISTINCT time FROM equity WHERE run_id = \(run) ORDER BY ts"),
                           Array(Set(expected)).sorted())
        }
        XCTAssertEqual(try texts(db, "SELECT DISTINCT time FROM fills WHERE run_id = 1 ORDER BY ts"),
                       ["2024-03-01T09:30:00.25", "2024-03-01T09:30:01.000000001", "2024-03-01T09:30:02"])
        let reader = try JournalReader(path: path)
        XCTAssertEqual(try reader.run(id: "run-1")?.info.timeFormat, .dateTime)
        XCTAssertEqual(try reader.run(id: "dates")?.info.timeFormat, .date)
        XCTAssertEqual(try db.integrityCheck(), "ok")
    }

    /// `compare` and `report` read a version-6 journal as it is (version 7 changed nothing they read), leaving
    /// it at version 6; a version-5 one still needs upgrading by a writer first.
    func testAVersionSixJournalIsReadAsItIs() throws {
        let path = folder.file("v6.sqlite")
        let v6 = try olderJournal(path, version: 6, holding: timesWithFractions.flatMap { oneOfEachKind(at: $0) })
        try v6.execute("UPDATE runs SET time_format = 'datetime'")
        v6.close()
        let reader = try JournalReader(path: path)
        let run = try XCTUnwrap(reader.latestRun())
        XCTAssertEqual(run.info.timeFormat, .dateTime)
        XCTAssertEqual(try reader.equity(run: run.info.id, book: ensembleBook).map(\.time),
                       timesWithFractions.map { Timestamps.format($0, .dateTime) })
        XCTAssertEqual(try reader.records(run: run.info.id, kinds: [.fill]).count, timesWithFractions.count)
        XCTAssertEqual(try rawDatabase(path).userVersion(), 6, "reading changes nothing")

        let v5path = folder.file("v5.sqlite")
        try olderJournal(v5path, version: 5).close()
        XCTAssertThrowsError(try JournalReader(path: v5path)) {
            XCTAssertEqual($0 as? JournalError, .olderSchema(path: v5path, version: 5, current: JournalSchema.version))
        }
    }

    /// A run whose data writes a space and milliseconds keeps both in `runs.time_format` and in its views.
    func testARunWritesItsTimesAsItsDataDoes() throws {
        let (_, format) = try XCTUnwrap(Timestamps.parse("2024-03-01 00:00:00.000"))
        let writer = try JournalWriter(path: journalPath, run: runInfo(timeFormat: format))
        [t0, t0 + nanosecondsPerSecond / 4, t0 + 1].flatMap { oneOfEachKind(at: $0) }.forEach(writer.append)
        try writer.close(final: completed)
        let db = try rawDatabase(journalPath)
        XCTAssertEqual(try texts(db, "SELECT time_format FROM runs"), ["YYYY-MM-DD HH:MM:SS.fff"])
        let expected = ["2024-03-01 09:30:00.000", "2024-03-01 09:30:00.000000001", "2024-03-01 09:30:00.250"]
        for kind in PackedRecords.kinds {
            XCTAssertEqual(try texts(db, "SELECT DISTINCT time FROM \(kind.table) ORDER BY ts"), expected, kind.table)
        }
        XCTAssertEqual(try texts(db, "SELECT DISTINCT time FROM equity ORDER BY ts"), expected)
        XCTAssertEqual(try texts(db, "SELECT DISTINCT time FROM faults ORDER BY ts"), expected, "a table of rows")
        XCTAssertEqual(try JournalReader(path: journalPath).latestRun()?.info.timeFormat, format)
    }

    private func texts(_ db: Database, _ sql: String) throws -> [String] {
        try db.prepare(sql).rows { row in row.text() }
    }
}
