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
        attribution.positionChanged(symbol: 0, quantity: 1)
    }

    func testNetPnLIsSplitByWeightTimesConfidence() {
        var attribution = Attribution(symbols: 1, instances: 2)
        opened(&attribution)
        attribution.closed(trip(pnl: 1_000, commission: 200))
        XCTAssertEqual(attribution.attributed(0), Money(raw: 200))
        XCTAssertEqual(attribution.attributed(1), Money(raw: 600))
    }

    /// A reversal: the short's setup (B) comes on the bar before the long (opened by A) closes; the long's P&L
    /// still goes to A, the short's to B. Before, the long was split by the latest setup, B's.
    func testAReversedTradeKeepsTheSharesOfTheSetupThatOpenedIt() {
        var attribution = Attribution(symbols: 1, instances: 2)
        func verdict(_ direction: Direction, by instance: Int) {
            [JudgeInput(instance: instance, stance: Stance(direction: direction, confidence: 1), weight: 1)]
                .withUnsafeBufferPointer {
                    attribution.verdict(Verdict(direction: direction, conviction: 1, net: direction.sign, stances: 1,
                                                nonFlat: 1), symbol: 0, inputs: $0)
                }
        }
        verdict(.long, by: 0)
        attribution.positionChanged(symbol: 0, quantity: 10)      // the long opens
        verdict(.short, by: 1)                                      // the reversal is decided
        attribution.closed(trip(pnl: 1_500))                        // the long closes at the next open…
        attribution.positionChanged(symbol: 0, quantity: -10)     // …by the fill that opens the short
        attribution.closed(trip(pnl: 1_968))
        attribution.positionChanged(symbol: 0, quantity: 0)
        XCTAssertEqual(attribution.attributed(0), Money(raw: 1_500))
        XCTAssertEqual(attribution.attributed(1), Money(raw: 1_968))
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
