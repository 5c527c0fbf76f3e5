import QuorumData
import QuorumModel
import XCTest

final class SyntheticBarsTests: XCTestCase {
    let files = TemporaryFiles()

    func testIsDeterministicPerSeed() {
        let start = time("2020-01-01")
        let a = Array(SyntheticBars(seed: 5, count: 500, start: start))
        XCTAssertEqual(a, Array(SyntheticBars(seed: 5, count: 500, start: start)))
        XCTAssertNotEqual(a, Array(SyntheticBars(seed: 6, count: 500, start: start)))
        // A fixed point of the sequence, so that a change to the walk is noticed.
        XCTAssertEqual(a[0].open, price("100"))
    }

    func testProducesValidTwoDecimalBarsAtTheGivenTimes() {
        let start = time("2020-01-01T09:30:00")
        let step = 60 * nanosecondsPerSecond
        let bars = Array(SyntheticBars(seed: 9, count: 20_000, start: start, step: step, startPrice: 50, volatility: 0.02))
        XCTAssertEqual(bars.count, 20_000)
        for (i, b) in bars.enumerated() {
            XCTAssertEqual(b.time, start + Int64(i) * step)
            for p in [b.open, b.high, b.low, b.close] {
                XCTAssertEqual(p.raw % 1_000_000, 0, "2 decimals")
                XCTAssertGreaterThan(p.raw, 0)
            }
            XCTAssertGreaterThanOrEqual(b.high, max(b.open, b.close, b.low))
            XCTAssertLessThanOrEqual(b.low, min(b.open, b.close))
            XCTAssertGreaterThanOrEqual(b.volume, 0)
            if i > 0 { XCTAssertEqual(b.open, bars[i - 1].close) }
        }
    }

    func testCSVRoundTripsThroughTheReader() throws {
        for (step, format) in [(nanosecondsPerDay, TimeFormat.date), (300 * nanosecondsPerSecond, .dateTime)] {
            let bars = SyntheticBars(seed: 3, count: 3_000, start: time("1999-12-30"), step: step)
            XCTAssertEqual(bars.timeFormat, format)
            let path = files.directory + "/synthetic.csv"
            XCTAssertEqual(try bars.writeCSV(to: path), 3_000)
            var reader = try CSVBarReader(path: path, options: BarReaderOptions(chunkSize: 1000))
            XCTAssertEqual(try readAll(path), Array(bars))
            _ = try reader.next()
            XCTAssertEqual(reader.timeFormat, format)
        }
    }

    func testWriterKeepsExactPricesAndFractionalVolumes() throws {
        let path = files.directory + "/w.csv"
        let bars = [bar("2020-01-02T00:00:01", "0.00000001", "12345.6789", "0.00000001", "1", 2012.25343589),
                    bar("2020-01-02T23:59:59", "186.31", "186.31", "186.31", "186.31", 0),
                    bar("2020-01-03T00:00:00", "7", "8", "6", "7.5", 1e20)]
        let writer = try BarCSVWriter(path: path, timeFormat: .dateTime)
        for b in bars { try writer.write(b) }
        try writer.finish()
        XCTAssertEqual(try readAll(path), bars)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, """
        timestamp,open,high,low,close,volume
        2020-01-02T00:00:01,0.00000001,12345.6789,0.00000001,1,2012.25343589
        2020-01-02T23:59:59,186.31,186.31,186.31,186.31,0
        2020-01-03T00:00:00,7,8,6,7.5,1e+20

        """)
    }
}
