import QuorumData
import QuorumModel
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
