@testable import Quorum
import QuorumExecution
import QuorumModel
import XCTest

/// The writer thread's table of client order id texts gives every id its own text, whatever the order of the
/// lookups and however the ids share slots.
final class OrderNamesTests: XCTestCase {
    func testEveryLookupGivesTheIdsOwnText() {
        // 20 symbols × 4 legs on one event are more ids than slots: some of them share a slot and an event.
        let symbols = ["GOOG", "ORCL", "NVDA"] + (3..<20).map { "S\($0)" }
        let names = OrderNames(run: "bt-1", symbols: symbols)
        // 1,201 ids on 64 slots: many share one; each is looked up several times, interleaved with others, as
        // an order's placement, state changes and fills are.
        var ids: [ClientOrderID] = []
        for event in 0..<20 {
            for symbol in symbols.indices {
                for leg in OrderLeg.allCases where (event + symbol) % 3 != 0 || leg == .entry {
                    ids.append(ClientOrderID(event: Int64(event) * 60 * nanosecondsPerSecond + Int64(event % 2),
                                             symbol: symbol, leg: leg))
                }
            }
        }
        // A fixed shuffle (a step coprime with the count visits every lookup once), then the ids in reverse.
        let repeated = ids + ids + ids
        var lookups = (0..<repeated.count).map { repeated[($0 * 7_919) % repeated.count] }
        XCTAssertEqual(Set(lookups.map { "\($0)" }).count, ids.count)
        lookups += ids.reversed()
        for id in lookups {
            XCTAssertEqual(names.text(id), id.text(run: "bt-1", symbolName: symbols[id.symbol]))
        }
    }
}
