import QuorumData
import QuorumModel
import QuorumTestSupport
import XCTest

final class SkipPolicyTests: XCTestCase {
    let files = TemporaryFiles()

    func testSkipsBadRowsAndCountsThemByReason() throws {
        let path = files.write("s.csv", """
        timestamp,open,high,low,close,volume
        2020-01-01,10,11,9,10.5,100
        2020-01-02,10,8,9,10.5,100
        2020-01-02,10,11,9,10.5,100
        2020-01-02,10,11,9,10.5,100
        2020-01-03,x,11,9,10.5,100
        2020-01-03,10,11,9,10.5
        2020-01-01,10,11,9,10.5,100
        2020-01-04,10,9,8,10.5,100
        2020-01-05,10,11,9,10.5,-3
        2020-01-06,10,11,9,10.5,100
        """)
        var reader = try CSVBarReader(path: path, options: BarReaderOptions(badRows: .skip, keptSkipErrors: 3))
        var times: [String] = []
        while let bar = try reader.next() { times.append(Timestamps.format(bar.time, .date)) }
        // The row skipped for high < low does not count as "previous", so 2020-01-02 on line 4 is fine.
        XCTAssertEqual(times, ["2020-01-01", "2020-01-02", "2020-01-06"])
        let skipped = reader.skipped
        XCTAssertEqual(skipped.total, 7)
        XCTAssertEqual(skipped.countsByProblem, [.highBelowLow: 1, .duplicateTimestamp: 1, .invalidNumber: 1,
                                                 .missingFields: 1, .unsortedTimestamp: 1,
                                                 .highBelowOpenOrClose: 1, .negativeVolume: 1])
        XCTAssertEqual(skipped.firstErrors.map(\.description), [
            "\(path):3:15: high 8 is below low 9",
            "\(path):5:1: duplicate timestamp 2020-01-02 (previous bar on line 4)",
            "\(path):6:12: invalid number 'x' for open",
        ])
        XCTAssertEqual(skipped.summary, "skipped 7 bad rows (1 missing fields, 1 invalid number, 1 high below low, "
                       + "1 high below open or close, 1 negative volume, 1 unsorted timestamp, 1 duplicate timestamp)")
        XCTAssertEqual(skipped.summaryLines, [skipped.summary,
                                              "  \(path):3:15: high 8 is below low 9",
                                              "  \(path):5:1: duplicate timestamp 2020-01-02 (previous bar on line 4)",
                                              "  \(path):6:12: invalid number 'x' for open",
                                              "  … and 4 more"])
    }

    /// Reads a file of `times` (one bar each) under `on_bad_row: skip`: the times read, in the file's form, and
    /// the errors kept, naming the file `file`.
    private func skipping(_ times: [String], file: String) throws -> ([String], [String]) {
        let text = (["timestamp,open,high,low,close,volume"] + times.map { "\($0),1,1,1,1,1" }).joined(separator: "\n")
        let path = files.write(file, text)
        var reader = try CSVBarReader(path: path, options: BarReaderOptions(badRows: .skip))
        var read: [String] = []
        while let bar = try reader.next() { read.append(Timestamps.format(bar.time, reader.timeFormat!)) }
        return (read, reader.skipped.firstErrors.map { $0.description.replacingOccurrences(of: path, with: file) })
    }

    /// One mis-dated row (a year typo) is skipped by itself: the row after it comes before it but after the row
    /// before it. A duplicate still loses to the first of its time; the first and the last rows, which have no
    /// row on one side to be told by, stand.
    func testAMisDatedRowIsSkippedAloneNotTheRowsAfterIt() throws {
        func read(_ dates: [String]) throws -> (dates: [String], errors: [String]) { try skipping(dates, file: "m.csv") }
        var result = try read(["2020-01-01", "2030-01-02", "2020-01-03", "2020-01-04"])
        XCTAssertEqual(result.dates, ["2020-01-01", "2020-01-03", "2020-01-04"])
        XCTAssertEqual(result.errors, ["m.csv:3:1: timestamp 2030-01-02 is after 2020-01-03 of the next bar on line 4, "
                                       + "which follows the bars before it"])
        // A reviewer's file: the second row is the typo, not the first; a third row tells.
        result = try read(["2024-01-02", "2014-01-03", "2024-01-04", "2024-01-05"])
        XCTAssertEqual(result.dates, ["2024-01-02", "2024-01-04", "2024-01-05"])
        XCTAssertEqual(result.errors, ["m.csv:3:1: timestamp 2014-01-03 is before 2024-01-02 of the previous bar on line 2"])
        // Another: the first row is the typo (it cost every later row, and every trade of the run).
        result = try read(["2042-01-01", "2024-01-02", "2024-01-03", "2024-01-04"])
        XCTAssertEqual(result.dates, ["2024-01-02", "2024-01-03", "2024-01-04"])
        XCTAssertEqual(result.errors, ["m.csv:2:1: timestamp 2042-01-01 is after 2024-01-02 and 2024-01-03 of the next "
                                       + "bars on lines 3 and 4, which follow each other"])
        // A reviewer's files: rows before the second one are out of order themselves; a duplicate of the second.
        result = try read(["2042-01-01", "2024-01-02", "2014-01-03", "2014-01-06", "2024-01-03", "2024-01-04"])
        XCTAssertEqual(result.dates, ["2024-01-02", "2024-01-03", "2024-01-04"])
        XCTAssertEqual(result.errors.map { String($0.prefix(9)) }, ["m.csv:2:1", "m.csv:4:1", "m.csv:5:1"])
        result = try read(["2042-01-01", "2024-01-02", "2024-01-02", "2024-01-03", "2024-01-04"])
        XCTAssertEqual(result.dates, ["2024-01-02", "2024-01-03", "2024-01-04"])
        XCTAssertEqual(result.errors.sorted(), [
            "m.csv:2:1: timestamp 2042-01-01 is after 2024-01-02 and 2024-01-03 of the next bars on lines 3 and 5, "
                + "which follow each other",
            "m.csv:4:1: duplicate timestamp 2024-01-02 (previous bar on line 3)",
        ])
        // Two rows only: the first stands.
        result = try read(["2042-01-01", "2024-01-02"])
        XCTAssertEqual(result.dates, ["2042-01-01"])
        XCTAssertEqual(result.errors.count, 1)
        result = try read(["2020-01-01", "2020-01-02", "2002-01-03", "2020-01-04"])
        XCTAssertEqual(result.dates, ["2020-01-01", "2020-01-02", "2020-01-04"])
        XCTAssertEqual(result.errors, ["m.csv:4:1: timestamp 2002-01-03 is before 2020-01-02 of the previous bar on line 3"])
        result = try read(["2020-01-01", "2020-01-02", "2020-01-02", "2020-01-03"])
        XCTAssertEqual(result.dates, ["2020-01-01", "2020-01-02", "2020-01-03"])
        XCTAssertEqual(result.errors, ["m.csv:4:1: duplicate timestamp 2020-01-02 (previous bar on line 3)"])
        result = try read(["2020-01-01", "2020-01-02", "2030-01-03"])
        XCTAssertEqual(result.dates, ["2020-01-01", "2020-01-02", "2030-01-03"])
        XCTAssertEqual(result.errors, [])
        // Out of order by a few days, the later row is the one skipped (keeping the most rows).
        result = try read(["2020-01-01", "2020-01-06", "2020-01-02", "2020-01-03"])
        XCTAssertEqual(result.dates, ["2020-01-01", "2020-01-02", "2020-01-03"])
        XCTAssertEqual(result.errors.count, 1)
    }

    /// The kept errors are the first by line, though a held row is found bad after the rows behind it; and past
    /// `--to`, reading stops at the second good row after the end, not one row later.
    /// Skipping, a file's time form is the one most of its first rows have, not the first row's: one stray first
    /// row with a time of day in a file of dates is skipped alone (it made every later row a "mixed time form"
    /// and was the one bar read).
    func testAStrayFirstRowDoesNotDecideTheTimeForm() throws {
        func read(_ times: [String]) throws -> (times: [String], errors: [String]) { try skipping(times, file: "f.csv") }
        let dates = (2...9).map { "2020-01-0\($0)" }
        var result = try read(["2019-12-31T16:00:00"] + dates)
        XCTAssertEqual(result.times, dates)
        XCTAssertEqual(result.errors, ["f.csv:2:1: timestamp 2019-12-31T16:00:00 has a time of day, but the file's "
                                       + "times are dates (as on line 3)"])
        // The other way round, and a stray row further on, as before.
        let hours = (10...17).map { "2020-01-02T\($0):00:00" }
        result = try read(["2020-01-01"] + hours)
        XCTAssertEqual(result.times, hours)
        result = try read(dates.prefix(3) + ["2020-01-05T10:00:00"] + dates.suffix(4))
        XCTAssertEqual(result.times, Array(dates.prefix(3) + dates.suffix(4)))
        XCTAssertEqual(result.errors.count, 1)
    }

    /// Skipping, times are written as the first good bar writes them, not as a skipped first row does (a year
    /// typo written with a `T` and no fraction, before rows with a space and milliseconds: those rows read back
    /// `2020-01-02T09:31:00.037`, in no form of the file).
    func testASkippedFirstRowDoesNotDecideHowTimesAreWritten() throws {
        let good = ["2020-01-02 09:30:00.000", "2020-01-02 09:31:00.037", "2020-01-02 09:32:00.500"]
        let (times, errors) = try skipping(["2021-01-02T09:30:00"] + good, file: "t.csv")
        XCTAssertEqual(times, good)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.hasPrefix("t.csv:2:1: timestamp 2021-01-02T09:30:00 is after") == true, "\(errors)")
        // The same without skipping: the first row is good, and sets the format.
        let path = files.write("u.csv", (["timestamp,open,high,low,close,volume"] + good.map { "\($0),1,1,1,1,1" })
            .joined(separator: "\n"))
        var reader = try CSVBarReader(path: path)
        _ = try reader.next()
        XCTAssertEqual(reader.timeFormat?.pattern, "YYYY-MM-DD HH:MM:SS.fff")
    }

    func testKeptErrorsAreTheFirstByLineAndReadingStopsAfterTheRange() throws {
        var text = "timestamp,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n2024-01-03,1,1,1,1,1\n2099-01-04,1,1,1,1,1\n"
        for day in 5...9 { text += "2024-01-0\(day),10,8,9,10,1\n" }
        text += "2024-01-10,1,1,1,1,1\n"
        let path = files.write("o.csv", text)
        var reader = try CSVBarReader(path: path, options: BarReaderOptions(badRows: .skip, keptSkipErrors: 3))
        while try reader.next() != nil {}
        XCTAssertEqual(reader.skipped.total, 6)
        XCTAssertEqual(reader.skipped.firstErrors.map(\.line), [4, 5, 6])

        let ranged = files.write("r.csv", "timestamp,open,high,low,close,volume\n2024-01-01,1,1,1,1,1\n2024-01-02,1,1,1,1,1\n"
                                 + "2024-01-03,1,1,1,1,1\n2024-01-04,1,1,1,1,1\n2024-01-05,10,8,9,10,1\n2024-01-08,1,1,1,1,1\n")
        var bounded = try CSVBarReader(path: ranged, options: BarReaderOptions(
            badRows: .skip, timeRange: try TimeRange(from: nil, to: "2024-01-02")))
        var count = 0
        while try bounded.next() != nil { count += 1 }
        XCTAssertEqual(count, 2)
        XCTAssertEqual(bounded.skipped.total, 0, "the bad row after the range is not read")
    }

    /// One mis-dated row anywhere but the last (later, earlier or a duplicate of a neighbour; in 2,000 seeded
    /// files of 3 to 12 days) costs that row alone, and is the one error reported. (A first row dated earlier is
    /// in order, and a last row dated later: no reader can tell those.)
    func testOneMisDatedRowCostsThatRowAlone() throws {
        var random = SplitMix64(seed: 2_026_112_2)
        let day = nanosecondsPerDay, start = Timestamps.days(year: 2024, month: 1, day: 1) * day
        for trial in 0..<2_000 {
            let count = 3 + Int(random.next() % 10)   // two rows out of order: either may be the wrong one
            let good = (0..<count).map { start + Int64($0) * day }
            let at = Int(random.next() % UInt64(count - 1))          // not the last row
            var times = good
            switch random.next() % 3 {
            case 0: times[at] += Int64(3_650 + random.next() % 3_650) * day   // years later
            case 1 where at > 0: times[at] -= Int64(3_650 + random.next() % 3_650) * day   // years earlier
            case 1: continue   // an earlier first row is in order: nothing in the file tells it
            default: times[at] = at > 0 ? good[at - 1] : good[1]               // a neighbour's time
            }
            let text = (["timestamp,open,high,low,close,volume"]
                        + times.map { "\(Timestamps.format($0, .date)),1,1,1,1,1" }).joined(separator: "\n")
            let path = files.write("p.csv", text)
            var reader = try CSVBarReader(path: path, options: BarReaderOptions(badRows: .skip))
            var kept: [Timestamp] = []
            while let bar = try reader.next() { kept.append(bar.time) }
            var expected = good
            expected.remove(at: at)   // a duplicate keeps the first of its time: the values are good's without `at`
            XCTAssertEqual(kept, expected, "trial \(trial): \(times.map { Timestamps.format($0, .date) })")
            XCTAssertEqual(reader.skipped.total, 1, "trial \(trial)")
            if kept != expected || reader.skipped.total != 1 { return }
        }
    }

    func testFileProblemsAreNotSkipped() {
        let path = files.write("h.csv", "date,open,high,low,close\n2020-01-01,1,1,1,1\n")
        XCTAssertThrowsError(try CSVBarReader(path: path, options: BarReaderOptions(badRows: .skip))) { error in
            XCTAssertEqual((error as? BarDataError)?.problem, .badHeader)
        }
    }

    func testNothingSkippedGivesAnEmptySummary() throws {
        let path = files.write("ok.csv", "timestamp,open,high,low,close,volume\n2020-01-01,1,1,1,1,1\n")
        var reader = try CSVBarReader(path: path, options: BarReaderOptions(badRows: .skip))
        while try reader.next() != nil {}
        XCTAssertEqual(reader.skipped.total, 0)
        XCTAssertEqual(reader.skipped.summary, "")
        XCTAssertEqual(reader.skipped.summaryLines, [])
    }
}
