import QuorumExecution
import QuorumJudge
import QuorumModel
import QuorumPortfolio
import QuorumRisk
import XCTest

/// The execution stage with `limits: none` and worked numbers: next-open fills, cash checks, shorts as
/// collateral, exact money.
final class ExecutionStageTests: XCTestCase {
    private func bar(_ day: Int64, open: Int64, close: Int64) -> Bar {
        Bar(time: day * nanosecondsPerDay, open: Price(raw: open * fixedPointScale), high: Price(raw: max(open, close) * fixedPointScale),
            low: Price(raw: min(open, close) * fixedPointScale), close: Price(raw: close * fixedPointScale), volume: 1000)
    }

    private func verdict(_ d: Direction) -> Verdict {
        Verdict(direction: d, conviction: 1, net: d.sign, stances: 1, nonFlat: d == .flat ? 0 : 1)
    }

    private func stage() -> ExecutionStage {
        ExecutionStage(settings: ExecutionSettings(startingCash: Money(units: 100_000), symbolNames: ["A", "B"],
                                                   sizer: FractionOfCash(fraction: Ratio(raw: 95_000_000))))
    }

    func testMarketOrdersFillAtTheNextOpenAndRoundTripsAreExact() {
        let s = stage()
        s.barOpened(symbol: 0, bar: bar(1, open: 100, close: 100))
        s.decide(verdict(.long), symbol: 0, bar: bar(1, open: 100, close: 100))   // ⌊95000 / 100⌋ = 950
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0, "nothing fills before the next bar")
        s.barOpened(symbol: 0, bar: bar(2, open: 101, close: 103))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 950)
        XCTAssertEqual(s.portfolio.cash, Money(units: 100_000 - 95_950))
        XCTAssertEqual(s.equity, Money(units: 100_000 - 95_950 + 950 * 103))
        s.decide(verdict(.flat), symbol: 0, bar: bar(2, open: 101, close: 103))
        s.barOpened(symbol: 0, bar: bar(3, open: 99, close: 99))
        XCTAssertEqual(s.portfolio.roundTrips.count, 1)
        XCTAssertEqual(s.portfolio.roundTrips[0].pnl, Money(units: -2 * 950))
        XCTAssertEqual(s.portfolio.cash, Money(units: 100_000 - 2 * 950))
    }

    func testAnOrderCostingMoreThanTheCashIsRejectedNotResized() {
        let s = stage()
        s.barOpened(symbol: 0, bar: bar(1, open: 100, close: 100))
        s.decide(verdict(.long), symbol: 0, bar: bar(1, open: 100, close: 100))   // 950 units
        s.barOpened(symbol: 0, bar: bar(2, open: 106, close: 106))                 // 950 × 106 > 100000
        XCTAssertEqual(s.rejected.map { $0.quantity }, [950])
        XCTAssertEqual(s.rejected.first?.reason, "insufficient cash")
        XCTAssertEqual(s.portfolio.cash, Money(units: 100_000))
        s.decide(verdict(.long), symbol: 0, bar: bar(2, open: 106, close: 106))   // the target stands: no new order
        s.barOpened(symbol: 0, bar: bar(3, open: 100, close: 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0)
    }

    func testShortProceedsAreCollateralNotBuyingPower() {
        let s = stage()
        s.barOpened(symbol: 0, bar: bar(1, open: 100, close: 100))
        s.barOpened(symbol: 1, bar: bar(1, open: 100, close: 100))
        s.decide(verdict(.short), symbol: 0, bar: bar(1, open: 100, close: 100))
        s.barOpened(symbol: 0, bar: bar(2, open: 100, close: 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, -950)
        XCTAssertEqual(s.portfolio.cash, Money(units: 195_000))
        XCTAssertEqual(s.portfolio.buyingPower, Money(units: 5_000))   // equity 100000 − gross 95000
        s.decide(verdict(.long), symbol: 1, bar: bar(2, open: 100, close: 100))   // ⌊0.95 × 5000 / 100⌋ = 47
        s.barOpened(symbol: 1, bar: bar(3, open: 100, close: 100))
        XCTAssertEqual(s.portfolio.positions[1].quantity, 47)
        // Reversing the short into a long sizes from the buying power the closed short frees.
        s.decide(verdict(.long), symbol: 0, bar: bar(3, open: 100, close: 100))
        s.barOpened(symbol: 0, bar: bar(4, open: 100, close: 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 905)   // ⌊0.95 × (300 + 95000) / 100⌋
        XCTAssertEqual(s.portfolio.roundTrips.count, 1)
        XCTAssertEqual(s.portfolio.roundTrips[0].quantity, -950)
        XCTAssertGreaterThanOrEqual(s.portfolio.buyingPower.raw, 0)
    }

    func testCommissionAndSlippageAreChargedExactly() {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A"], sizer: FractionOfCash(fraction: Ratio(raw: 50_000_000)),
            costs: CostModel(perUnit: Money(raw: 1_000_000), bps: 10, minimum: Money(units: 1), slippageBps: 5)))
        s.barOpened(symbol: 0, bar: bar(1, open: 100, close: 100))
        s.decide(verdict(.long), symbol: 0, bar: bar(1, open: 100, close: 100))   // 500 units
        s.barOpened(symbol: 0, bar: bar(2, open: 100, close: 100))
        // fill at 100.05; commission = 500 × 0.01 + 10 bps × 50025 = 5 + 50.025
        XCTAssertEqual(s.portfolio.positions[0].costBasis, Money(units: 50_025))
        XCTAssertEqual(s.portfolio.cash, Money(raw: (100_000 - 50_025) * fixedPointScale - 5_502_500_000))
    }
}
