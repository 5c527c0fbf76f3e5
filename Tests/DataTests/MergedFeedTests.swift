import QuorumData
import QuorumModel
import XCTest

final class MergedFeedTests: XCTestCase {
    let files = TemporaryFiles()

    func file(_ name: String, _ days: [Int], badLineAfter: Int? = nil) -> String {
        var text = "timestamp,open,high,low,close,volume\n"
        for day in days {
            text += "2020-01-0\(day),1,1,1,1,\(day)\n"
            if day == badLineAfter { text += "2020-01-0\(day),1,1,1,1,oops\n" }
        }
        return files.write(name, text)
    }

    func events(_ feed: inout some BarSource) throws -> [String] {
        var out: [String] = []
        while let event = try feed.next() {
            out.append("\(feed.symbols[event.symbolIndex])@\(Timestamps.format(event.bar.time, .date).suffix(1))")
        }
        return out
    }

    func testEventsComeInTimeOrderWithTiesInFileOrder() throws {
        let files = [(symbol: "B", path: file("b.csv", [2, 3, 4])), (symbol: "A", path: file("a.csv", [1, 2, 4])),
                     (symbol: "C", path: file("c.csv", [4, 5])), (symbol: "E", path: file("e.csv", []))]
        var feed = try MergedFeed(files: files)
        XCTAssertEqual(feed.symbols, ["B", "A", "C", "E"])
        XCTAssertEqual(try events(&feed), ["A@1", "B@2", "A@2", "B@3", "B@4", "A@4", "C@4", "C@5"])
        XCTAssertNil(try feed.next())
    }

    func testTieOrderFollowsTheGivenOrder() throws {
        let x = file("x.csv", [1, 2]), y = file("y.csv", [1, 2])
        var xy = try MergedFeed(files: [("X", x), ("Y", y)])
        var yx = try MergedFeed(files: [("Y", y), ("X", x)])
        XCTAssertEqual(try events(&xy), ["X@1", "Y@1", "X@2", "Y@2"])
        XCTAssertEqual(try events(&yx), ["Y@1", "X@1", "Y@2", "X@2"])
    }

    func testFillDeliversTheSameEventsInBatches() throws {
        let inputs = [("P", file("p.csv", [1, 3, 5, 7, 9])), ("Q", file("q.csv", [2, 3, 4, 8]))]
        var single = try MergedFeed(files: inputs)
        var expected: [FeedEvent] = []
        while let event = try single.next() { expected.append(event) }

        var batched = try MergedFeed(files: inputs)
        var all: [FeedEvent] = []
        var buffer: [FeedEvent] = []
        buffer.reserveCapacity(4)
        while true {
            buffer.removeAll(keepingCapacity: true)
            let count = try batched.fill(into: &buffer, max: 4)
            XCTAssertEqual(count, buffer.count)
            XCTAssertLessThanOrEqual(count, 4)
            if count == 0 { break }
            all += buffer
        }
        XCTAssertEqual(all, expected)
        XCTAssertEqual(all.count, 9)
    }

    func testAnErrorSurfacesAfterEveryEarlierEvent() throws {
        let good = file("g.csv", [1, 2, 3, 4]), bad = file("b.csv", [1, 2], badLineAfter: 2)
        var feed = try MergedFeed(files: [("G", good), ("B", bad)])
        var seen: [String] = []
        do {
            while let event = try feed.next() { seen.append("\(feed.symbols[event.symbolIndex])\(event.bar.volume)") }
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual("\(error)", "\(bad):4:20: invalid number 'oops' for volume")
        }
        XCTAssertEqual(seen, ["G1.0", "B1.0", "G2.0", "B2.0"])
    }

    func testMergesAnyBarStreams() throws {
        let day = nanosecondsPerDay
        var feed = MergedFeed([(symbol: "S1", stream: SyntheticBars(seed: 1, count: 3, start: 0, step: 2 * day)),
                               (symbol: "S2", stream: SyntheticBars(seed: 2, count: 3, start: day, step: 2 * day))])
        var order: [Int] = []
        while let event = try feed.next() { order.append(event.symbolIndex) }
        XCTAssertEqual(order, [0, 1, 0, 1, 0, 1])
    }

    func testMergesStreamsOfDifferentKinds() throws {
        let csv = try CSVBarReader(path: file("f.csv", [2, 4]))
        let synthetic = SyntheticBars(seed: 1, count: 3, start: time("2020-01-01"), step: 2 * nanosecondsPerDay)
        var feed = MergedFeed([(symbol: "F", stream: AnyBarStream(csv)), (symbol: "S", stream: AnyBarStream(synthetic))])
        XCTAssertEqual(try events(&feed), ["S@1", "F@2", "S@3", "F@4", "S@5"])
    }

    func testSkippedRowsPerFile() throws {
        var feed = try MergedFeed(files: [("G", file("g.csv", [1])), ("B", file("b.csv", [1, 2], badLineAfter: 1))],
                                  options: BarReaderOptions(badRows: .skip))
        XCTAssertEqual(try events(&feed).count, 3)
        XCTAssertEqual(feed.skippedRows.map(\.total), [0, 1])
    }
}
