import QuorumConfig
import QuorumModel
import QuorumRisk
import XCTest

/// Every sizing mode of SPEC §8 with worked numbers.
final class SizingTests: XCTestCase {
    private let price = Price(raw: 250 * fixedPointScale)         // 250.00
    private let cash = Money(units: 40_000)
    private let equity = Money(units: 100_000)

    private func units(_ sizing: Sizing, conviction: Double = 1, atr: Double? = nil,
                       record: TrackRecord = TrackRecord()) -> Quantity {
        sizing.makeSizer().units(SizingContext(conviction: conviction, price: price, cash: cash, equity: equity,
                                               atr: atr, record: record))
    }

    func testFractionOfCashAndOfEquity() {
        XCTAssertEqual(units(.fractionOfCash(Ratio(0.95)!)), 152)     // ⌊38000 / 250⌋
        XCTAssertEqual(units(.fractionOfEquity(Ratio(0.5)!)), 200)    // ⌊50000 / 250⌋
        XCTAssertEqual(units(.fractionOfEquity(Ratio(0.002)!)), 0)    // 200 buys less than one unit
    }

    func testFixedNotionalAndFixedQuantity() {
        XCTAssertEqual(units(.fixedNotional(Money(units: 10_000))), 40)
        XCTAssertEqual(units(.fixedNotional(Money(raw: 24_999 * fixedPointScale / 100))), 0)   // 249.99 < one unit
        XCTAssertEqual(units(.fixedQuantity(7)), 7)
    }

    func testConvictionScalesTheFractionOfEquity() {
        XCTAssertEqual(units(.conviction(fraction: Ratio(0.5)!), conviction: 1), 200)
        XCTAssertEqual(units(.conviction(fraction: Ratio(0.5)!), conviction: 0.37), 74)   // ⌊18500 / 250⌋
        XCTAssertEqual(units(.conviction(fraction: Ratio(0.5)!), conviction: 0), 0)
    }

    func testKellyUsesTheRecordAndIsCapped() {
        // Too short a record: half the cap, ⌊100000 × 0.125 / 250⌋.
        XCTAssertEqual(units(.kelly(cap: Ratio(0.25)!)), 50)
        var record = TrackRecord()
        for _ in 0..<6 { record.add(pnl: Money(units: 200)) }      // W = 0.6, mean win 200
        for _ in 0..<4 { record.add(pnl: Money(units: -100)) }     // mean loss 100, R = 2
        XCTAssertEqual(record.kellyFraction!, 0.6 - 0.4 / 2, accuracy: 1e-15)   // 0.4
        XCTAssertEqual(units(.kelly(cap: Ratio(0.25)!), record: record), 100)   // capped at 0.25
        XCTAssertEqual(units(.kelly(cap: Ratio(0.5)!), record: record), 160)    // f = 0.4: ⌊40000 / 250⌋
        var losing = TrackRecord()
        for _ in 0..<3 { losing.add(pnl: Money(units: 100)) }
        for _ in 0..<7 { losing.add(pnl: Money(units: -100)) }      // W = 0.3, R = 1: f = −0.4 → 0
        XCTAssertEqual(units(.kelly(cap: Ratio(0.25)!), record: losing), 0)
    }

    func testVolatilityTargetRisksAFractionOfEquityOverAnATRStop() {
        let sizing = Sizing.volatilityTarget(atrPeriod: 14, riskPerTrade: Ratio(0.01)!, atrMultiple: 2)
        XCTAssertEqual(sizing.makeSizer().atrPeriod, 14)
        XCTAssertEqual(units(sizing, atr: 5), 100)     // 1000 at risk / (2 × 5)
        XCTAssertEqual(units(sizing, atr: 3), 166)     // ⌊1000 / 6⌋
        XCTAssertEqual(units(sizing, atr: nil), 0, "no entry before the ATR is ready")
        XCTAssertEqual(units(sizing, atr: 0), 0)
        XCTAssertEqual(units(sizing, atr: 1e-9), 100_000_000_000, "2e-9 is taken as one 10⁻⁸: ⌊1,000 / 1e-8⌋")
    }

    /// The stop distance is a price (rounded to 10⁻⁸) and the budget is divided by it exactly: the ATR of bars
    /// 0.3 high, 20.3 − 20.0 in binary, is 0.30000000000000071, and 1,200 at risk over 2 × that gave 1,999.
    func testVolatilityTargetLosesNoUnitToBinaryNoise() {
        var tracker = ATRTracker(period: 1, symbolCount: 1)
        for _ in 0..<3 { tracker.update(0, high: 20.3, low: 20.0, close: 20.0) }
        let atr = tracker.value(0)!
        XCTAssertNotEqual(atr, 0.3, "the premise: the ATR carries binary noise")
        let sizing = Sizing.volatilityTarget(atrPeriod: 1, riskPerTrade: Ratio(0.012)!, atrMultiple: 2)
        XCTAssertEqual(units(sizing, atr: atr), 2_000)   // ⌊1,200 / 0.6⌋
        // A distance that is not a whole number of 10⁻⁸ is rounded to one: 2 × 10/3 → 6.66666667, and 1,000 buys
        // 149 units of it (150 would risk 1,000.0000005).
        let third = Sizing.volatilityTarget(atrPeriod: 3, riskPerTrade: Ratio(0.01)!, atrMultiple: 2)
        XCTAssertEqual(units(third, atr: 10.0 / 3), 149)
        // A distance that is no whole number of 10⁻⁸ is rounded up, never down past the budget: 2 × 0.74e-8 is
        // taken as 2e-8 (⌊1,000 / 2e-8⌋), not 1e-8, which sized 48% more than the budget risks.
        XCTAssertEqual(units(third, atr: 0.74e-8), 50_000_000_000)
    }

    func testATRTrackerMatchesWilder() {
        var tracker = ATRTracker(period: 3, symbolCount: 1)
        let bars: [(Double, Double, Double)] = [(10, 8, 9), (11, 9, 10), (12, 9, 11), (13, 11, 12), (12, 10, 10)]
        var values: [Double?] = []
        for (h, l, c) in bars {
            tracker.update(0, high: h, low: l, close: c)
            values.append(tracker.value(0))
        }
        // TR: -, 2, 3, 2, 2; first ATR = (2+3+2)/3 at the 4th bar, then (7/3·2 + 2)/3.
        XCTAssertNil(values[2])
        XCTAssertEqual(values[3]!, 7.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(values[4]!, (7.0 / 3 * 2 + 2) / 3, accuracy: 1e-12)
    }
}
