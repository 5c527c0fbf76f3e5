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

    func testReadingStopsAtTheEndOfTheRange() throws {
        let path = files.write("s.csv", "timestamp,open,high,low,close,volume\n2020-01-01,1,1,1,1,1\n2020-01-05,1,1,1,1,5\nnot read\n")
        let bars = try readAll(path, options: BarReaderOptions(timeRange: TimeRange(to: time("2020-01-02"))))
        XCTAssertEqual(bars.map(\.volume), [1])
    }

    /// `--to` the last day accepted covers the whole of it; a bound past it is refused, not trapped on.
    func testBoundsAtTheEndsOfTheTimestampRange() throws {
        XCTAssertEqual(try TimeRange(from: nil, to: "2262-04-10").to, time("2262-04-10") + nanosecondsPerDay - 1)
        XCTAssertThrowsError(try TimeRange(from: "2262-04-11", to: nil))
        XCTAssertThrowsError(try TimeRange(from: nil, to: "1677-09-21"))
    }

    func testInvalidBoundText() {
        XCTAssertThrowsError(try TimeRange(from: "2020-13-01", to: nil)) { error in
            XCTAssertEqual("\(error)", "invalid --from '2020-13-01' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, from 1677-09-22 to 2262-04-10)")
        }
    }
}
