import QuorumData
import QuorumModel
import XCTest

final class TimeRangeTests: XCTestCase {
    let files = TemporaryFiles()

    func dailyFile() -> String {
        var text = "timestamp,open,high,low,close,volume\n"
        for day in 1...9 { text += "2020-01-0\(day),1,1,1,1,\(day)\n" }
        return files.write("d.csv", text)
    }

    func testFromAndToAreInclusive() throws {
        let range = TimeRange(from: time("2020-01-03"), to: time("2020-01-05"))
        let bars = try readAll(dailyFile(), options: BarReaderOptions(timeRange: range))
        XCTAssertEqual(bars.map(\.volume), [3, 4, 5])
    }

    func testOpenEndedRanges() throws {
        let path = dailyFile()
        XCTAssertEqual(try readAll(path, options: BarReaderOptions(timeRange: TimeRange(from: time("2020-01-08")))).map(\.volume), [8, 9])
        XCTAssertEqual(try readAll(path, options: BarReaderOptions(timeRange: TimeRange(to: time("2020-01-02")))).map(\.volume), [1, 2])
        XCTAssertEqual(try readAll(path, options: BarReaderOptions(timeRange: TimeRange(from: time("2021-01-01")))), [])
    }

    func testParsedDateOnlyToCoversTheWholeDay() throws {
        let path = files.write("i.csv", """
        timestamp,open,high,low,close,volume
        2006-01-01T23:59:59,1,1,1,1,1
        2006-01-02T09:00:00,1,1,1,1,2
        2006-01-02T23:59:59,1,1,1,1,3
        2006-01-03T00:00:00,1,1,1,1,4
        """)
        let range = try TimeRange(from: "2006-01-02", to: "2006-01-02")
        XCTAssertEqual(try readAll(path, options: BarReaderOptions(timeRange: range)).map(\.volume), [2, 3])
        let exact = try TimeRange(from: "2006-01-02T09:00:00", to: "2006-01-02T09:00:00")
        XCTAssertEqual(try readAll(path, options: BarReaderOptions(timeRange: exact)).map(\.volume), [2])
    }

    func testRowsBeforeTheRangeAreStillValidated() {
        let path = files.write("b.csv", "timestamp,open,high,low,close,volume\n2020-01-01,1,0.5,1,1,1\n2020-01-05,1,1,1,1,1\n")
        let options = BarReaderOptions(timeRange: TimeRange(from: time("2020-01-03")))
        XCTAssertEqual(errorDescription { try readAll(path, options: options) }, "\(path):2:14: high 0.5 is below low 1")
    }

    /// The first bar past the end is checked against the row after it; the row after that is not read.
    func testReadingStopsAtTheEndOfTheRange() throws {
        let path = files.write("s.csv", "timestamp,open,high,low,close,volume\n2020-01-01,1,1,1,1,1\n2020-01-05,1,1,1,1,5\n2020-01-06,1,1,1,1,6\nnot read\n")
        let bars = try readAll(path, options: BarReaderOptions(timeRange: TimeRange(to: time("2020-01-02"))))
        XCTAssertEqual(bars.map(\.volume), [1])
    }

    /// Rows 2020-01-01…09 with row 4 mis-dated 2030: the mis-dated bar is past `to`, and must not end the range
    /// silently (five in-range bars would be lost); the reader gives the error it gives without a range.
    func testAMisDatedBarPastTheEndDoesNotEndTheRangeSilently() throws {
        var text = "timestamp,open,high,low,close,volume\n"
        for day in 1...9 { text += "\(day == 4 ? "2030" : "2020")-01-0\(day),1,1,1,1,\(day)\n" }
        let path = files.write("typo.csv", text)
        let expected = "\(path):6:1: timestamp 2020-01-05 is before 2030-01-04 of the previous bar on line 5"
        XCTAssertEqual(errorDescription { try readAll(path) }, expected)
        let range = TimeRange(to: time("2020-01-08"))
        XCTAssertEqual(errorDescription { try readAll(path, options: BarReaderOptions(timeRange: range)) }, expected)

        // Skipping, the mis-dated bar alone is skipped (the row after it comes after the one before it), with or
        // without a range.
        for range in [TimeRange.all, range] {
            var reader = try CSVBarReader(path: path, options: BarReaderOptions(badRows: .skip, timeRange: range))
            var volumes: [Double] = []
            while let bar = try reader.next() { volumes.append(bar.volume) }
            XCTAssertEqual(volumes, range == .all ? [1, 2, 3, 5, 6, 7, 8, 9] : [1, 2, 3, 5, 6, 7, 8])
            XCTAssertEqual(reader.skipped.countsByProblem, [.unsortedTimestamp: 1])
            XCTAssertEqual(reader.skipped.firstErrors.map(\.description), [
                "\(path):5:1: timestamp 2030-01-04 is after 2020-01-05 of the next bar on line 6, which follows the "
                    + "bars before it",
            ])
        }
    }

    /// `--to` the last day accepted covers the whole of it; a bound past it is refused, not trapped on.
    func testBoundsAtTheEndsOfTheTimestampRange() throws {
        XCTAssertEqual(try TimeRange(from: nil, to: "2262-04-10").to, time("2262-04-10") + nanosecondsPerDay - 1)
        XCTAssertThrowsError(try TimeRange(from: "2262-04-11", to: nil))
        XCTAssertThrowsError(try TimeRange(from: nil, to: "1677-09-21"))
    }

    /// A `from` later than `to` is refused, naming both, rather than giving an empty run; equal days are a range.
    func testFromLaterThanToIsRefused() throws {
        XCTAssertEqual(errorDescription { try TimeRange(from: "2020-01-10", to: "2020-01-05") },
                       "--from 2020-01-10 is later than --to 2020-01-05: the range holds no time")
        XCTAssertEqual(errorDescription { try TimeRange(from: "2020-01-05T10:00:01", to: "2020-01-05T10:00:00") },
                       "--from 2020-01-05T10:00:01 is later than --to 2020-01-05T10:00:00: the range holds no time")
        XCTAssertEqual(try TimeRange(from: "2020-01-05T23:00:00", to: "2020-01-05").from, time("2020-01-05T23:00:00"))
        XCTAssertEqual(try TimeRange(from: "2020-01-05", to: "2020-01-05T00:00:00").to, time("2020-01-05"))
    }

    func testInvalidBoundText() {
        XCTAssertThrowsError(try TimeRange(from: "2020-13-01", to: nil)) { error in
            XCTAssertEqual("\(error)", "invalid --from '2020-13-01' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, from 1677-09-22 to 2262-04-10)")
        }
    }

    /// The bounds read back as the options that gave them (for messages about the range).
    func testTheRangeReadsBackAsItsOptions() throws {
        XCTAssertEqual(try TimeRange(from: "2030-01-01", to: "2030-12-31").options, "--from 2030-01-01 --to 2030-12-31")
        XCTAssertEqual(try TimeRange(from: "2030-01-01T09:30:00", to: nil).options, "--from 2030-01-01T09:30:00")
        XCTAssertEqual(try TimeRange(from: nil, to: "2030-01-02T16:00:00").options, "--to 2030-01-02T16:00:00")
        XCTAssertEqual(try TimeRange(from: "1960-03-01", to: "1960-03-01").options, "--from 1960-03-01 --to 1960-03-01")
        XCTAssertEqual(TimeRange.all.options, "")
    }
}
