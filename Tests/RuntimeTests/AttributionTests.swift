@testable import Quorum
import QuorumJudge
import QuorumModel
@testable import QuorumPortfolio
import XCTest

/// The split of the ensemble's P&L among the strategies that opened each position (SPEC §12).
final class AttributionTests: XCTestCase {
    private func trip(pnl: Int64, commission: Int64 = 0) -> RoundTrip {
        RoundTrip(symbol: 0, entryTime: 0, entryPrice: Price(raw: 1), exitTime: 1, exitPrice: Price(raw: 1),
                  quantity: 1, pnl: Money(raw: pnl), commission: Money(raw: commission))
    }

    private func opened(_ attribution: inout Attribution) {
        let inputs = [JudgeInput(instance: 0, stance: Stance(direction: .long, confidence: 1), weight: 1),
                      JudgeInput(instance: 1, stance: Stance(direction: .long, confidence: 1), weight: 3)]
        inputs.withUnsafeBufferPointer {
            attribution.verdict(Verdict(direction: .long, conviction: 1, net: 1, stances: 2, nonFlat: 2), symbol: 0,
                                inputs: $0)
        }
    }

    func testNetPnLIsSplitByWeightTimesConfidence() {
        var attribution = Attribution(symbols: 1, instances: 2)
        opened(&attribution)
        attribution.closed(trip(pnl: 1_000, commission: 200))
        XCTAssertEqual(attribution.attributed(0), Money(raw: 200))
        XCTAssertEqual(attribution.attributed(1), Money(raw: 600))
    }

    /// Trades at the ends of Money's range saturate the totals (the net of one, and the sum of two, trapped).
    func testTradesAtTheEndsOfTheRangeSaturate() {
        var attribution = Attribution(symbols: 1, instances: 2)
        opened(&attribution)
        attribution.closed(trip(pnl: .max, commission: .min + 1))
        attribution.closed(trip(pnl: .max))
        // A quarter of ~2⁶⁴ and a quarter of ~2⁶³ (in doubles) fit; three quarters of ~2⁶⁴ do not.
        XCTAssertEqual(attribution.attributed(0), Money(raw: 6_917_529_027_641_081_856))
        XCTAssertEqual(attribution.attributed(1), Money(raw: .max))
        attribution.closed(trip(pnl: .min, commission: .max))
        attribution.closed(trip(pnl: .min, commission: .max))
        attribution.closed(trip(pnl: .min, commission: .max))
        XCTAssertEqual(attribution.attributed(1), Money(raw: .min))
    }
}
