import QuorumData
import QuorumModel
import XCTest

final class ReadAheadReaderTests: XCTestCase {
    let files = TemporaryFiles()

    /// `count` minute bars, with a bad row (volume "oops") after bar `badAfter` and a high below the low after
    /// bar `skippableAfter`.
    func file(_ name: String, count: Int, badAfter: Int? = nil, skippableAfter: Int? = nil) -> String {
        var text = "timestamp,open,high,low,close,volume\n"
        for k in 0..<count {
            let time = Timestamps.format(Int64(k) * 60_000_000_000, .dateTime)
            text += "\(time),\(100 + k % 7).25,\(110 + k % 3).5,\(90 + k % 7),\(100 + k % 5).75,\(k)\n"
            if k == badAfter { text += "\(time),1,1,1,1,oops\n" }
            if k == skippableAfter { text += "\(time),1,1,2,1,1\n" }
        }
        return files.write(name, text)
    }

    func drain(_ stream: inout some BarStream) -> (bars: [Bar], error: String?) {
        var bars: [Bar] = []
        do {
            while let bar = try stream.next() { bars.append(bar) }
            return (bars, nil)
        } catch {
            return (bars, "\(error)")
        }
    }

    func testDeliversTheReadersBarsInOrderWhateverTheBatchSize() throws {
        let path = file("a.csv", count: 1000)
        var direct = try CSVBarReader(path: path)
        let expected = drain(&direct)
        XCTAssertEqual(expected.bars.count, 1000)
        for batchSize in [1, 2, 7, 999, 1000, 1001, 4096] {
            var ahead = ReadAheadReader(try CSVBarReader(path: path), batchSize: batchSize)
            let got = drain(&ahead)
            XCTAssertEqual(got.bars, expected.bars, "batch size \(batchSize)")
            XCTAssertNil(got.error)
            XCTAssertEqual(ahead.timeFormat, .dateTime)
            XCTAssertNil(try ahead.next(), "stays at the end")
        }
    }

    func testAnErrorComesAfterEveryEarlierBarAndOnlyOnce() throws {
        let path = file("bad.csv", count: 50, badAfter: 29)
        var direct = try CSVBarReader(path: path)
        let expected = drain(&direct)
        XCTAssertEqual(expected.bars.count, 30)
        XCTAssertEqual(expected.error, "\(path):32:29: invalid number 'oops' for volume")
        for batchSize in [1, 8, 30, 31, 64] {
            var ahead = ReadAheadReader(try CSVBarReader(path: path), batchSize: batchSize)
            let got = drain(&ahead)
            XCTAssertEqual(got.bars, expected.bars, "batch size \(batchSize)")
            XCTAssertEqual(got.error, expected.error, "batch size \(batchSize)")
            XCTAssertNil(try ahead.next(), "finished after the error")
        }
    }

    func testSkippedRowsAreTheReaders() throws {
        let path = file("skip.csv", count: 40, skippableAfter: 10)
        var ahead = ReadAheadReader(try CSVBarReader(path: path, options: BarReaderOptions(badRows: .skip)),
                                    batchSize: 16)
        XCTAssertEqual(drain(&ahead).bars.count, 40)
        XCTAssertEqual(ahead.skipped.total, 1)
        XCTAssertEqual(ahead.skipped.countsByProblem, [.highBelowLow: 1])
    }

    func testMergesLikeTheFilesItReads() throws {
        let paths = [("A", file("m1.csv", count: 300)), ("B", file("m2.csv", count: 200, badAfter: 150))]
        func events(_ feed: inout some BarSource) -> [String] {
            var out: [String] = []
            do { while let e = try feed.next() { out.append("\(e.symbolIndex):\(e.bar.time)") } } catch { out.append("\(error)") }
            return out
        }
        var direct = try MergedFeed(files: paths)
        var ahead = MergedFeed(try paths.map { (symbol: $0.0, stream: ReadAheadReader(try CSVBarReader(path: $0.1),
                                                                                       batchSize: 32)) })
        XCTAssertEqual(events(&ahead), events(&direct))
        XCTAssertEqual(ahead.timeFormats, direct.timeFormats)
    }

    func testAReaderDroppedEarlyStopsItsThread() throws {
        let path = file("long.csv", count: 5000)
        for _ in 0..<20 {
            var ahead = ReadAheadReader(try CSVBarReader(path: path), batchSize: 64)
            XCTAssertNotNil(try ahead.next())
        }
        // Each dropped reader's thread stops after its batch; a thread still blocked would hold its file open.
        var open = 0
        for _ in 0..<200 {
            open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?
                .filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == path }
                .count ?? 0
            if open == 0 { break }
            usleep(10_000)
        }
        XCTAssertEqual(open, 0)
    }
}
