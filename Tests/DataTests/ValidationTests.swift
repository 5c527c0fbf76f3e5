import QuorumData
import QuorumModel
import XCTest

/// Every validation error, with its exact `FILE:LINE:COLUMN: message`.
final class ValidationTests: XCTestCase {
    let files = TemporaryFiles()

    /// The error for a file whose line 3 is `row`, after a good row at 2020-01-01.
    func errorFor(row: String, header: String = "timestamp,open,high,low,close,volume",
                  good: String = "2020-01-01,10,11,9,10.5,100") -> (path: String, message: String?) {
        let path = files.write("v.csv", "\(header)\n\(good)\n\(row)\n2020-01-09,10,11,9,10.5,100\n")
        return (path, errorDescription { try readAll(path) })
    }

    func check(_ row: String, _ expected: String, header: String = "timestamp,open,high,low,close,volume",
               good: String = "2020-01-01,10,11,9,10.5,100", file: StaticString = #filePath, line: UInt = #line) {
        let (path, message) = errorFor(row: row, header: header, good: good)
        XCTAssertEqual(message, "\(path):3:\(expected)", file: file, line: line)
    }

    func testFieldCount() {
        check("2020-01-02,10,11,9,10.5", "1: expected 6 fields, found 5")
        check("2020-01-02,10,11,9,10.5,100,7", "29: expected 6 fields, found 7")
        check("2020-01-02,10,11,9,10.5,100,", "29: expected 6 fields, found 7")
        check("2020-01-02", "1: expected 6 fields, found 1")
    }

    func testUnparsableFields() {
        check("2020-01-0x,10,11,9,10.5,100",
              "1: invalid timestamp '2020-01-0x' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, from 1677-09-22 to 2262-04-10)")
        check("2020-02-30,10,11,9,10.5,100",
              "1: invalid timestamp '2020-02-30' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, from 1677-09-22 to 2262-04-10)")
        check("2262-04-11,10,11,9,10.5,100",
              "1: invalid timestamp '2262-04-11' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, from 1677-09-22 to 2262-04-10)")
        check("2020-01-02,1a,11,9,10.5,100", "12: invalid number '1a' for open")
        check("2020-01-02,10,,9,10.5,100", "15: high is empty")
        check("2020-01-02,10,11,9,10.5,abc", "25: invalid number 'abc' for volume")
        check("2020-01-02,10,11,9,10.5,", "25: volume is empty")
        // A field without a digit is no number, not an empty one.
        check("2020-01-02,.,11,9,10.5,100", "12: invalid number '.' for open")
        check("2020-01-02,10,+,9,10.5,100", "15: invalid number '+' for high")
        check("2020-01-02,10,11,-,10.5,100", "18: invalid number '-' for low")
        check("2020-01-02,10.123456789,11,9,10.5,100", "12: open '10.123456789' has more than 8 decimal places")
        check("2020-01-02,10,11,9,99999999999,100", "20: close '99999999999' is out of range")
        // The first bad field in column order is reported.
        check("2020-01-02,10,x,y,10.5,100", "15: invalid number 'x' for high")
    }

    func testNonFiniteNumbers() {
        check("2020-01-02,10,NaN,9,10.5,100", "15: high is not a finite number: 'NaN'")
        check("2020-01-02,10,11,9,-Infinity,100", "20: close is not a finite number: '-Infinity'")
        check("2020-01-02,10,11,9,10.5,inf", "25: volume is not a finite number: 'inf'")
        check("2020-01-02,10,11,9,10.5,nan", "25: volume is not a finite number: 'nan'")
        check("2020-01-02,10,11,9,10.5,1e999", "25: volume is not a finite number: '1e999'")
    }

    func testNonPositivePrices() {
        check("2020-01-02,0,11,9,10.5,100", "12: open must be positive, got 0")
        check("2020-01-02,10,11,-9,10.5,100", "18: low must be positive, got -9")
    }

    func testPriceRelations() {
        check("2020-01-02,10,8,9,10.5,100", "15: high 8 is below low 9")
        check("2020-01-02,10,10.2,9,10.5,100", "15: high 10.2 is below close 10.5")
        check("2020-01-02,10.5,10.2,9,10,100", "17: high 10.2 is below open 10.5")
        check("2020-01-02,10,11,10.2,10.5,100", "18: low 10.2 is above open 10")
        check("2020-01-02,10.5,11,10.2,10,100", "20: low 10.2 is above close 10")
    }

    func testNegativeVolume() {
        check("2020-01-02,10,11,9,10.5,-1", "25: volume must not be negative, got -1.0")
    }

    func testTimeOrder() {
        check("2020-01-01,10,11,9,10.5,100", "1: duplicate timestamp 2020-01-01 (previous bar on line 2)")
        check("2019-12-31,10,11,9,10.5,100", "1: timestamp 2019-12-31 is before 2020-01-01 of the previous bar on line 2")
        check("2020-01-01T00:00:00,10,11,9,10.5,100", "1: duplicate timestamp 2020-01-01T00:00:00 (previous bar on line 2)",
              good: "2020-01-01 00:00:00,10,11,9,10.5,100")
    }

    /// Each row must write its time in the form of the file's first bar: a date-time among dates (or a date
    /// among date-times) would be accepted, then written back in the wrong form.
    func testTimesAreWrittenInOneForm() throws {
        check("2020-01-02T12:00:00,10,11,9,10.5,100",
              "1: timestamp 2020-01-02T12:00:00 has a time of day, but the file's times are dates (as on line 2)")
        check("2020-01-01T00:00:00,10,11,9,10.5,100",
              "1: timestamp 2020-01-01T00:00:00 has a time of day, but the file's times are dates (as on line 2)")
        check("x,2020-01-02,10,11,9,10.5,100",
              "3: timestamp 2020-01-02 has no time of day, but the file's times have one (as on line 2)",
              header: "note,timestamp,open,high,low,close,volume", good: "y,2020-01-01 10:07:00.007,10,11,9,10.5,100")
        // A space or a `T`, with or without a fraction: all date-times.
        let path = files.write("t.csv", """
        timestamp,open,high,low,close,volume
        2020-01-01 10:00:00,1,1,1,1,1
        2020-01-01T10:00:01,1,1,1,1,2
        2020-01-01T10:00:01.5,1,1,1,1,3

        """)
        XCTAssertEqual(try readAll(path).map(\.volume), [1, 2, 3])

        // Skipping, such rows are skipped and counted.
        let mixed = files.write("m.csv", """
        timestamp,open,high,low,close,volume
        2020-01-01,1,1,1,1,1
        2020-01-01T12:00:00,1,1,1,1,2
        2020-01-02,1,1,1,1,3

        """)
        var reader = try CSVBarReader(path: mixed, options: BarReaderOptions(badRows: .skip))
        var volumes: [Double] = []
        while let bar = try reader.next() { volumes.append(bar.volume) }
        XCTAssertEqual(volumes, [1, 3])
        XCTAssertEqual(reader.skipped.countsByProblem, [.mixedTimeForm: 1])
        XCTAssertEqual(reader.timeFormat, .date)
    }

    func testWholeRowErrorsPointAtTheTimestampColumn() {
        let header = "open,high,low,close,volume,date"
        check("10,11,9,10.5,100,2020-01-01", "18: duplicate timestamp 2020-01-01 (previous bar on line 2)",
              header: header, good: "10,11,9,10.5,100,2020-01-01")
        check("10,11,9,10.5,100", "1: expected 6 fields, found 5", header: header, good: "10,11,9,10.5,100,2020-01-01")
        check("10,11,9,10.5,100,2020-01-02,x", "29: expected 6 fields, found 7",
              header: header, good: "10,11,9,10.5,100,2020-01-01")
    }

    func testColumnsCountCharactersNotBytes() {
        check("2020-01-02,café,10,1x,9,10.5,100", "20: invalid number '1x' for high",
              header: "timestamp,note,open,high,low,close,volume", good: "2020-01-01,tea,10,11,9,10.5,100")
    }

    func testReaderIsFinishedAfterAnError() throws {
        let path = files.write("f.csv", "timestamp,open,high,low,close,volume\n2020-01-01,1,1,1,1,1\nbad\n2020-01-03,1,1,1,1,1\n")
        var reader = try CSVBarReader(path: path)
        XCTAssertNotNil(try reader.next())
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual((error as? BarDataError)?.problem, .missingFields)
            XCTAssertEqual((error as? BarDataError)?.line, 3)
        }
        XCTAssertNil(try reader.next())
    }

    func testVolumesAreCorrectlyRoundedDoubles() throws {
        let volumes = ["0", "2012.25343589", "4761.6090813", "1e3", "1.5E+2", "12345678901234567890.5",
                       "0.1", "9007199254740993", "+7", "42421.51031367"]
        var text = "timestamp,open,high,low,close,volume\n"
        for (day, volume) in volumes.enumerated() { text += "2020-01-\(10 + day),1,1,1,1,\(volume)\n" }
        let bars = try readAll(files.write("vol.csv", text))
        XCTAssertEqual(bars.map(\.volume), volumes.map { Double($0)! })
    }
}
