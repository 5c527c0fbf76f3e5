@testable import QuorumEngine
import QuorumModel
import QuorumPluginAPI
import XCTest

/// The history the engine reads bars from while it appends the next chunk behind them.
final class SymbolHistoryTests: XCTestCase {
    private func bar(_ n: Int) -> Bar {
        let price = Price(raw: Int64(100 + n) * 100_000_000)
        return Bar(time: Timestamp(n) * 60_000_000_000, open: price, high: price, low: price, close: price,
                   volume: Double(n))
    }

    /// The closes of a window, which are the bars' numbers + 100.
    private func closes(_ series: quorum_series_t) -> [Int] {
        (0..<Int(series.count)).map { Int(series.close[$0]) - 100 }
    }

    func testPositionsStayValidAcrossDroppedBars() {
        let keep = 5, chunk = 3
        let history = SymbolHistory(keep: keep, chunk: chunk)
        XCTAssertEqual(history.capacity, keep + 2 * chunk)
        var appended = 0
        var inFlight: [Int] = []   // positions of the chunk being "evaluated"
        for _ in 0..<40 {
            // The sync point: room for the next chunk, keeping the one in flight and `keep` bars before it.
            history.makeRoom(chunk, keepingNewest: keep + inFlight.count)
            history.publish()
            // Read the next chunk while the previous one is in flight; its windows must not move.
            let before = inFlight.map { closes(history.series(endingAt: $0, limit: keep + 1)) }
            var next: [Int] = []
            for _ in 0..<chunk {
                next.append(history.append(bar(appended), sequence: appended))
                appended += 1
            }
            XCTAssertEqual(inFlight.map { closes(history.series(endingAt: $0, limit: keep + 1)) }, before)
            for (k, position) in inFlight.enumerated() {
                XCTAssertEqual(closes(history.series(endingAt: position, limit: keep + 1)),
                               Array(max(0, position - keep)...position), "bar \(k) of the chunk in flight")
            }
            XCTAssertEqual(next, Array(appended - chunk..<appended), "positions are absolute")
            inFlight = next
        }
        XCTAssertGreaterThan(history.dropped, 0)
        XCTAssertLessThanOrEqual(history.stored, history.capacity)
    }

    func testAsOfLookupsSeeOnlyPublishedBars() {
        let history = SymbolHistory(keep: 4, chunk: 2)
        for n in 0..<4 { _ = history.append(bar(n), sequence: 10 * n) }
        XCTAssertNil(history.position(asOf: 100), "nothing is published yet")
        history.publish()
        XCTAssertEqual(history.position(asOf: 25), 2)
        XCTAssertEqual(history.position(asOf: 30), 3)
        XCTAssertNil(history.position(asOf: -1))
        _ = history.append(bar(4), sequence: 40)
        XCTAssertEqual(history.position(asOf: 100), 3, "a bar appended after publishing is not seen")
        history.makeRoom(4, keepingNewest: 4)   // 5 stored + 4 > 8: the oldest goes
        XCTAssertEqual(history.position(asOf: 100), 3, "dropping bars publishes none")
        history.publish()
        XCTAssertEqual(history.dropped, 1)
        XCTAssertEqual(history.position(asOf: 100), 4)
        XCTAssertEqual(history.position(asOf: 5), nil, "bar 0 was dropped")
        XCTAssertEqual(closes(history.series(endingAt: 4, limit: 10)), [1, 2, 3, 4])
    }
}
