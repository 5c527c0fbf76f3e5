@testable import QuorumExecution
import QuorumConfig
import QuorumJudge
import QuorumModel
import QuorumPortfolio
import QuorumRisk
import XCTest

/// Orders and fills whose amounts leave the fixed-point range (±92,233,720,368.54775807): they are refused or
/// capped, never wrapped to a small amount and never a crash, and a refused fill changes nothing.
final class MoneyRangeTests: XCTestCase {
    private let day = nanosecondsPerDay

    private func bar(_ n: Int64, _ price: Price, volume: Double = 1e6) -> Bar {
        Bar(time: n * day, open: price, high: price, low: price, close: price, volume: volume)
    }

    private let long = Verdict(direction: .long, conviction: 1, net: 1, stances: 1, nonFlat: 1)

    /// A fixed quantity of a trillion units with a commission: the commission (10 bps of ~1.9 × 10¹⁴) does not
    /// fit in Money. The entry is rejected and the account is untouched; the run goes on.
    func testAnEntryTooLargeForMoneyIsRejectedWithItsCommission() {
        for costs in [CostModel(bps: Ratio(10)!), CostModel(perUnit: Money(units: 10_000))] {
            let s = ExecutionStage(settings: ExecutionSettings(
                startingCash: Money(units: 100_000), symbolNames: ["A"], sizer: FixedQuantity(quantity: 1_000_000_000_000),
                costs: costs))
            let price = Price(raw: 193 * fixedPointScale)
            s.barOpened(symbol: 0, bar: bar(1, price))
            s.decide(long, symbol: 0, bar: bar(1, price), event: 1)
            s.barOpened(symbol: 0, bar: bar(2, price))
            s.endOfStep(time: 2 * day)
            XCTAssertEqual(s.rejected.map(\.quantity), [1_000_000_000_000], "\(costs)")
            XCTAssertEqual(s.portfolio.cash, Money(units: 100_000))
            XCTAssertEqual(s.portfolio.positions[0], Position())
            XCTAssertEqual(s.portfolio.commissions, .zero)
        }
    }

    /// A participation cap on a bar whose volume is beyond 64 bits allows "everything", it does not trap.
    func testParticipationOfAnEnormousVolume() {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A"], sizer: FixedQuantity(quantity: 10),
            maxParticipation: Ratio(0.5)!))
        let price = Price(raw: 100 * fixedPointScale)
        s.barOpened(symbol: 0, bar: bar(1, price, volume: 1e300))
        s.decide(long, symbol: 0, bar: bar(1, price, volume: 1e300), event: 1)
        s.barOpened(symbol: 0, bar: bar(2, price, volume: 1e300))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 10)
    }

    /// A fill whose cash would leave the range is refused as a whole: nothing of it is booked. One whose
    /// notional alone is beyond the range, while every amount kept fits, books exactly (it trapped: the
    /// proceeds were worked out in 64 bits).
    /// Equity, gross exposure and buying power are exact sums of 128-bit products, longs and shorts alike, and
    /// saturate only in the end: positions whose values each overflow 64 bits, on several symbols, against the
    /// same sums worked out term by term.
    func testValuationsAreExactSumsOfWideProducts() {
        var portfolio = Portfolio(startingCash: Money(units: 1_000_000), symbolCount: 4)
        let fills: [(symbol: Int, quantity: Quantity, price: Int64)] = [
            (0, -7_000_000, 1_234_567_891_234), (1, 3, 5_000_000_000), (2, 9_000_000, 900_000_000_000), (3, -1, 1)]
        for fill in fills {
            portfolio.apply(Fill(symbol: fill.symbol, time: day, quantity: fill.quantity, price: Price(raw: fill.price)))
        }
        XCTAssertEqual(portfolio.positions.map(\.quantity), fills.map(\.quantity), "every fill booked")
        let marks: [Int64] = [9_223_372_036_854_775_807, 123_456_789, 8_999_999_999_999, 2]
        for (symbol, mark) in marks.enumerated() { portfolio.mark(symbol, at: Price(raw: mark)) }
        var net: Int128 = 0, gross: Int128 = 0
        for (symbol, position) in portfolio.positions.enumerated() {
            let value = Int128(position.quantity) * Int128(marks[symbol])
            net += value
            gross += abs(value)
        }
        let cash = Int128(portfolio.cash.raw)
        XCTAssertEqual(portfolio.equity.raw, FixedPoint.clamp(cash + net))
        XCTAssertEqual(portfolio.grossExposure.raw, FixedPoint.clamp(gross))
        XCTAssertEqual(portfolio.positionsValue.raw, FixedPoint.clamp(net))
        XCTAssertEqual(portfolio.buyingPower.raw, FixedPoint.clamp(cash + net - gross))
        XCTAssertEqual(portfolio.valuation.equity, portfolio.equity)
        XCTAssertEqual(portfolio.valuation.grossExposure, portfolio.grossExposure)
        // A long and a short whose values each overflow 64 bits and cancel but for 0.1: the sum is exact.
        var hedged = Portfolio(startingCash: Money(units: 100_000_000), symbolCount: 2)
        XCTAssertTrue(hedged.apply(Fill(symbol: 0, time: day, quantity: 10_000_000, price: Price(raw: 100_000_000))))
        XCTAssertTrue(hedged.apply(Fill(symbol: 1, time: day, quantity: -10_000_000, price: Price(raw: 100_000_000))))
        hedged.mark(0, at: Price(raw: 1_000_000_000_000))
        hedged.mark(1, at: Price(raw: 999_999_999_999))
        XCTAssertEqual(hedged.positionsValue.raw, 10_000_000)
        XCTAssertEqual(hedged.equity.raw, hedged.cash.raw + 10_000_000)
        // Small values too: a long of 3 at 1.23456789 and a short of 1 at 0.00000002.
        var small = Portfolio(startingCash: Money(units: 100), symbolCount: 2)
        small.apply(Fill(symbol: 0, time: day, quantity: 3, price: Price(raw: 123_456_789)))
        small.apply(Fill(symbol: 1, time: day, quantity: -1, price: Price(raw: 2)))
        small.mark(0, at: Price(raw: 123_456_789))
        small.mark(1, at: Price(raw: 2))
        XCTAssertEqual(small.grossExposure.raw, 3 * 123_456_789 + 2)
        XCTAssertEqual(small.positionsValue.raw, 3 * 123_456_789 - 2)
    }

    func testAFillThatDoesNotFitBooksNothingAndOneThatFitsBooksExactly() {
        var portfolio = Portfolio(startingCash: Money(units: 1_000_000), symbolCount: 1)
        let price = Price(raw: 1_000 * fixedPointScale)
        XCTAssertTrue(portfolio.apply(Fill(symbol: 0, time: day, quantity: -90_000_000, price: price)))
        XCTAssertEqual(portfolio.cash, Money(units: 90_001_000_000))
        let before = portfolio
        // Covering the short and going long 110 million: the cash would fall to −109,999,000,000.
        XCTAssertFalse(portfolio.apply(Fill(symbol: 0, time: 2 * day, quantity: 200_000_000, price: price)))
        XCTAssertEqual(portfolio.cash, before.cash)
        XCTAssertEqual(portfolio.positions, before.positions)
        XCTAssertEqual(portfolio.realizedPnL, before.realizedPnL)
        XCTAssertEqual(portfolio.roundTrips.count, 0)
        // Covering at 1,100: the cover costs 99,000,000,000 (beyond the range), the loss is 9,000,000,000.
        XCTAssertTrue(portfolio.apply(Fill(symbol: 0, time: 2 * day, quantity: 90_000_000,
                                           price: Price(raw: 1_100 * fixedPointScale), commission: Money(units: 5))))
        XCTAssertEqual(portfolio.roundTrips.map(\.pnl), [Money(units: -9_000_000_000)])
        XCTAssertEqual(portfolio.roundTrips.map(\.commission), [Money(units: 5)])
        XCTAssertEqual(portfolio.realizedPnL, Money(units: -9_000_000_000))
        XCTAssertEqual(portfolio.cash, Money(units: 1_000_000 - 9_000_000_000 - 5))
        XCTAssertEqual(portfolio.positions[0], Position())
    }

    /// The value of an order too large for Money compares as beyond every budget, so the limits cap it. (It
    /// wrapped: 2³² units at 2³² × 10⁻⁸ is 2⁶⁴ × 10⁻⁸, which wrapped to 0 and passed every cap.)
    func testAnOrderWhoseValueOverflowsIsCappedNotApproved() {
        let price = Price(raw: 1 << 32)
        XCTAssertEqual(price.notional(1 << 32), Money(raw: .max))
        XCTAssertEqual(price.notional(-(1 << 32)), Money(raw: .min))
        var limits = RiskLimits()
        limits.maxPosition = Ratio(raw: 100_000_000)
        limits.maxOrderValue = Money(raw: .max)
        let check = PreTradeCheck(limits: limits, symbolNames: ["A"], live: false)
        var decisions: [RiskDecision] = []
        let approved = check.checkEntry(
            EntryRequest(time: day, symbol: 0, units: 1 << 32, price: price),
            account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 100_000), openPositions: 0),
            state: .active, into: &decisions)
        XCTAssertEqual(decisions.first?.rule, "max_position")
        XCTAssertEqual(decisions.first?.action, .resized)
        XCTAssertLessThanOrEqual(price.notional(approved), Money(units: 100_000))
        XCTAssertGreaterThan(approved, 0)
    }

    /// The budgets a limit leaves, worked from an equity or buying power already at the end of the range,
    /// saturate too (they trapped).
    func testBudgetsSaturate() {
        XCTAssertEqual(RiskBudget.cashReserve(buyingPower: Money(raw: .min), reserve: Ratio(raw: 10_000_000),
                                              equity: Money(raw: -1_000 * fixedPointScale)).value,
                       Money(raw: .min + 100 * fixedPointScale))
        XCTAssertEqual(RiskBudget.cashReserve(buyingPower: Money(raw: .min), reserve: Ratio(raw: 10_000_000),
                                              equity: Money(units: 100_000)).value, Money(raw: .min))
        XCTAssertEqual(RiskBudget.sectorExposure(Ratio(raw: 100_000_000), equity: Money(raw: .min), sector: "tech",
                                                 exposure: Money(raw: .max)).value, Money(raw: .min))
        XCTAssertEqual(Ratio(raw: 200_000_000).of(Money(raw: .max)), Money(raw: .max))
        XCTAssertEqual(Ratio(raw: 200_000_000).of(Money(units: 3)), Money(units: 6))
        // A track record of wins and losses near the end of the range: the gross sums saturate.
        var record = TrackRecord()
        for _ in 0..<3 {
            record.add(pnl: Money(raw: .max - 1))
            record.add(pnl: Money(raw: .min + 1))
        }
        XCTAssertEqual(record.grossWin, Money(raw: .max))
        XCTAssertEqual(record.grossLoss, Money(raw: .max))
        XCTAssertEqual(record.wins, 3)
    }

    /// Stops above a price near the end of the range (a short's protective stop, a trailing stop for a buy)
    /// saturate rather than overflow.
    func testStopsNearTheEndOfTheRangeSaturate() {
        let top = Price(raw: .max - 5)
        XCTAssertEqual(FillRules.trailLevel(anchor: top, trail: .amount(Price(raw: 100)), buy: true), Price(raw: .max))
        XCTAssertEqual(FillRules.trailLevel(anchor: top, trail: .percent(Ratio(raw: 5_000_000)), buy: true),
                       Price(raw: .max))
        XCTAssertEqual(FillRules.trailLevel(anchor: Price(raw: 100), trail: .amount(Price(raw: 300)), buy: false),
                       Price(raw: 1))
        XCTAssertEqual(ExecutionStage.stopPrice(top, fraction: Ratio(raw: 5_000_000), long: false), Price(raw: .max))
        // Ordinary prices round to the tick away from the price, as before.
        XCTAssertEqual(ExecutionStage.stopPrice(Price(raw: 100 * fixedPointScale), fraction: Ratio(raw: 5_000_000),
                                                long: false), Price(raw: 105 * fixedPointScale))
        XCTAssertEqual(ExecutionStage.stopPrice(Price(raw: 100 * fixedPointScale), fraction: Ratio(raw: 5_000_000),
                                                long: true), Price(raw: 95 * fixedPointScale))
    }

    /// A required stop is at least the fraction away from the close, from the exact level: 100.00952381 × 1.05
    /// is 105.0100000005, so a short's stop is 105.02 (105.01, from the level truncated to 10⁻⁸, was
    /// 4.999999999995% away), and the tick below a long's exact level is never one above it.
    func testRequiredStopsAreNeverInsideTheirDistance() {
        let five = Ratio(raw: 5_000_000)
        XCTAssertEqual(ExecutionStage.stopPrice(Price(raw: 10_000_952_381), fraction: five, long: false),
                       Price(raw: 10_502_000_000))
        XCTAssertEqual(ExecutionStage.stopPrice(Price(raw: 10_000_952_380), fraction: five, long: false),
                       Price(raw: 10_501_000_000), "105.009999999 rounds up to 105.01")
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let reference = Price(raw: Int64.random(in: 1_000...100_000_000_000, using: &random))
            let fraction = Ratio(raw: Int64.random(in: 1...50_000_000, using: &random))
            let tick: Int64 = reference.raw >= fixedPointScale ? 1_000_000 : 10_000
            for long in [true, false] {
                let stop = ExecutionStage.stopPrice(reference, fraction: fraction, long: long)
                let away = Int128(abs(reference.raw - stop.raw)) * Int128(fixedPointScale)
                let required = Int128(fraction.raw) * Int128(reference.raw)
                XCTAssertEqual(stop.raw % tick, 0, "\(reference) \(fraction) \(long)")
                if long && stop.raw == tick { continue }   // the floor: one tick above zero
                XCTAssertGreaterThanOrEqual(away, required, "\(reference) \(fraction) long: \(long)")
                // …and the nearest tick that is: one tick closer would be inside the distance.
                let closer = Int128(abs(reference.raw - stop.raw) - tick) * Int128(fixedPointScale)
                XCTAssertLessThan(closer, required, "\(reference) \(fraction) long: \(long)")
            }
        }
    }

    /// Basis points are worked out in integers: 1.1 bps of 1 000 is 0.11 exactly (it was 0.11000001 in binary
    /// floating point), rounded up only when the exact amount has more than eight decimals.
    func testCommissionsAndSlippageAreExact() {
        let price = Price(raw: 100 * fixedPointScale)
        XCTAssertEqual(CostModel(bps: Ratio(1.1)!).commission(quantity: 10, price: price), Money(raw: 11_000_000))
        XCTAssertEqual(CostModel(bps: Ratio(raw: 1)).commission(quantity: 1, price: Price(raw: 1)), Money(raw: 1),
                       "10⁻²⁰ is rounded up to the smallest amount")
        XCTAssertEqual(CostModel(bps: Ratio(0.3)!).commission(quantity: -7, price: Price(123.45)!),
                       Money(raw: 2_592_450))                                 // 864.15 × 0.00003 = 0.0259245
        XCTAssertEqual(CostModel(slippageBps: Ratio(10)!).fillPrice(Price(100.03)!, buying: true), Price(100.13003)!)
        XCTAssertEqual(CostModel(slippageBps: Ratio(10)!).fillPrice(Price(100.03)!, buying: false), Price(99.92997)!)
        XCTAssertEqual(CostModel(slippageBps: Ratio(3)!).fillPrice(Price(raw: 1), buying: true), Price(raw: 2))
        XCTAssertEqual(CostModel(slippageBps: Ratio(3)!).fillPrice(Price(raw: 1), buying: false), Price(raw: 0))
    }

    func testCommissionsAndSlippageSaturate() {
        let price = Price(raw: 193 * fixedPointScale)
        XCTAssertEqual(CostModel(bps: Ratio(10)!).commission(quantity: 1_000_000_000_000, price: price), Money(raw: .max))
        XCTAssertEqual(CostModel(perUnit: Money(units: 10_000)).commission(quantity: -1_000_000_000_000, price: price),
                       Money(raw: .max))
        XCTAssertEqual(CostModel(bps: Ratio(10)!).commission(quantity: 100, price: price), Money(raw: 1_930_000_000))
        XCTAssertEqual(CostModel(slippageBps: Ratio(10)!).fillPrice(Price(raw: .max - 1), buying: true), Price(raw: .max))
    }
}
