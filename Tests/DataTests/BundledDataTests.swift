import QuorumData
import QuorumModel
import XCTest

/// Reads every file in the repository's `data/` folder: counts, formats and first/last bars, exactly.
final class BundledDataTests: XCTestCase {
    struct Expectation {
        var file: String
        var count: Int
        var format: TimeFormat
        var first: Bar
        var last: Bar
    }

    let expectations = [
        Expectation(file: "ORCL_1d.csv", count: 5036, format: .date,
                    first: bar("1995-01-03", "2.179012", "2.191358", "2.117284", "2.117284", 36301200),
                    last: bar("2014-12-31", "45.450001", "45.560001", "44.970001", "44.970001", 13269200)),
        Expectation(file: "NVDA_1d.csv", count: 4012, format: .date,
                    first: bar("1999-01-22", "1.750000", "1.953125", "1.552083", "1.640625", 67867200),
                    last: bar("2014-12-31", "20.400000", "20.510000", "19.990000", "20.049999", 4157500)),
        Expectation(file: "YHOO_1d.csv", count: 4965, format: .date,
                    first: bar("1996-04-12", "1.052083", "1.791667", "1.020833", "1.375000", 408720000),
                    last: bar("2015-12-31", "33.220001", "33.689999", "33.180000", "33.259998", 7423300)),
        Expectation(file: "GOOG_1d.csv", count: 2148, format: .date,
                    first: bar("2004-08-19", "100", "104.06", "95.96", "100.34", 22351900),
                    last: bar("2013-03-01", "797.8", "807.14", "796.15", "806.19", 2175400)),
        Expectation(file: "EURUSD_1h.csv", count: 5000, format: .dateTime,
                    first: bar("2017-04-19T09:00:00", "1.0716", "1.0722", "1.07083", "1.07219", 1413),
                    last: bar("2018-02-07T15:00:00", "1.23427", "1.23444", "1.22904", "1.22904", 6143)),
        Expectation(file: "BTCUSD_1mo.csv", count: 156, format: .date,
                    first: bar("2012-01-31", "4.58", "7.38", "3.8", "5.55", 2012.25343589),
                    last: bar("2024-12-31", "96515.0", "108364.0", "92092.0", "93381.0", 25342.80228337)),
        Expectation(file: "BTSAMPLE-MIN005_5m.csv", count: 2142, format: .dateTime,
                    first: bar("2006-01-02T09:05:00", "3578.73", "3587.88", "3578.73", "3582.99", 0),
                    last: bar("2006-01-30T17:30:00", "3679.29", "3679.40", "3676.31", "3677.52", 0)),
        Expectation(file: "BTSAMPLE-VOLMIN001_1m.csv", count: 30889, format: .dateTime,
                    first: bar("2006-01-02T09:01:00", "3602.00", "3603.00", "3597.00", "3599.00", 5699),
                    last: bar("2006-02-27T22:00:00", "3840.00", "3840.00", "3838.00", "3838.00", 327)),
    ]

    func testEveryBundledFile() throws {
        let directory = bundledDataDirectory()
        let csvFiles = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".csv") }
        XCTAssertEqual(Set(csvFiles), Set(expectations.map(\.file)), "every bundled file has an expectation")
        for expectation in expectations {
            var reader = try CSVBarReader(path: directory + "/" + expectation.file)
            var count = 0
            var first: Bar?
            var last: Bar?
            while let bar = try reader.next() {
                if first == nil { first = bar }
                last = bar
                count += 1
            }
            XCTAssertEqual(count, expectation.count, expectation.file)
            XCTAssertEqual(first, expectation.first, expectation.file)
            XCTAssertEqual(last, expectation.last, expectation.file)
            XCTAssertEqual(reader.timeFormat, expectation.format, expectation.file)
            XCTAssertEqual(reader.skipped.total, 0, expectation.file)
        }
    }

    func testMergingTheDailyFiles() throws {
        let directory = bundledDataDirectory()
        var feed = try MergedFeed(files: ["ORCL", "NVDA", "YHOO", "GOOG"].map { ($0, "\(directory)/\($0)_1d.csv") })
        var counts = [0, 0, 0, 0]
        var previous = Timestamp.min
        while let event = try feed.next() {
            XCTAssertGreaterThanOrEqual(event.bar.time, previous)
            previous = event.bar.time
            counts[event.symbolIndex] += 1
        }
        XCTAssertEqual(counts, [5036, 4012, 4965, 2148])
    }
}
