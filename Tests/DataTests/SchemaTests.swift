import QuorumData
import QuorumModel
import XCTest

final class SchemaTests: XCTestCase {
    let files = TemporaryFiles()

    func testReadsQuorumSchema() throws {
        let path = files.write("q.csv", """
        timestamp,open,high,low,close,volume
        2020-01-02,10,11,9,10.5,100
        2020-01-03,10.5,12.25,10.125,12,2012.25343589

        """)
        XCTAssertEqual(try readAll(path), [bar("2020-01-02", "10", "11", "9", "10.5", 100),
                                           bar("2020-01-03", "10.5", "12.25", "10.125", "12", 2012.25343589)])
    }

    func testReadsYahooExportIgnoringAdjClose() throws {
        let path = files.write("y.csv", """
        Date,Open,High,Low,Close,Adj Close,Volume
        1995-01-03,2.179012,2.191358,2.117284,2.117284,1.5,36301200
        1995-01-04,2.123457,2.148148,2.092592,2.135803,1.6,46051600
        """)
        var reader = try CSVBarReader(path: path)
        XCTAssertEqual(reader.schema.columns, [.timestamp, .open, .high, .low, .close, .ignored, .volume])
        XCTAssertEqual(try reader.next(), bar("1995-01-03", "2.179012", "2.191358", "2.117284", "2.117284", 36301200))
        XCTAssertEqual(try reader.next(), bar("1995-01-04", "2.123457", "2.148148", "2.092592", "2.135803", 46051600))
        XCTAssertNil(try reader.next())
        XCTAssertEqual(reader.timeFormat, .date)
    }

    func testAcceptsAnyColumnOrderAndTimestampAliases() throws {
        for name in ["timestamp", "DATE", "DateTime", "Time", " date "] {
            let path = files.write("o.csv", """
            Volume,close,\(name),LOW,High,open
            100,10.5,2020-01-02T09:30:00,9,11,10
            """)
            XCTAssertEqual(try readAll(path), [bar("2020-01-02T09:30:00", "10", "11", "9", "10.5", 100)], name)
        }
    }

    func testRejectsHeaderWithoutARequiredColumn() {
        let path = files.write("h.csv", "date,open,high,low,volume\n2020-01-02,1,1,1,1\n")
        XCTAssertEqual(errorDescription { try CSVBarReader(path: path) },
                       "\(path):1:1: header has no close column (found: date,open,high,low,volume)")
    }

    func testRejectsHeaderNamingAColumnTwice() {
        let path = files.write("h.csv", "date,time,open,high,low,close,volume\n")
        XCTAssertEqual(errorDescription { try CSVBarReader(path: path) },
                       "\(path):1:6: header names the timestamp column twice ('date' and 'time')")
    }

    func testRejectsEmptyAndMissingFiles() {
        let empty = files.write("e.csv", "\n\n")
        XCTAssertEqual(errorDescription { try CSVBarReader(path: empty) }, "\(empty): file is empty (no header row)")
        let missing = files.directory + "/missing.csv"
        XCTAssertEqual(errorDescription { try CSVBarReader(path: missing) },
                       "\(missing): cannot open: No such file or directory")
    }

    /// A pipe is refused, as a device is, without waiting for a writer (a review: `--data /dev/stdin` or
    /// `<(cat f.csv)` read part of the data in the first look at the file, and the run then said "file is empty"
    /// or pointed at a header in the middle of it).
    func testAPipeOrADeviceIsNotADataFile() {
        let fifo = files.directory + "/bars.fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertEqual(errorDescription { try CSVBarReader(path: fifo) },
                       "\(fifo): is a pipe, not a file: a data file is read more than once (its first bars tell its "
                           + "time format), so write the bars to a file and give its path")
        XCTAssertEqual(errorDescription { try CSVBarReader(path: "/dev/null") },
                       "/dev/null: is a device, not a file: a data file is read more than once (its first bars tell "
                           + "its time format), so write the bars to a file and give its path")
    }

    func testHeaderOnlyFileHasNoBars() throws {
        let path = files.write("h.csv", "timestamp,open,high,low,close,volume\n")
        XCTAssertEqual(try readAll(path), [])
    }
}
