import QuorumModel
import QuorumRisk
import XCTest

/// The text of every risk explanation, as the journal's `risk_decisions.detail` shows it.
final class RiskExplanationTests: XCTestCase {
    private func price(_ text: String) -> Price { Price(raw: FixedPoint.raw(rounding: Double(text)!)!) }
    private func money(_ value: Double) -> Money { Money(raw: FixedPoint.raw(rounding: value)!) }
    private func ratio(_ value: Double) -> Ratio { Ratio(value)! }

    func testEveryExplanationReadsAsItsNumbers() {
        let cases: [(RiskExplanation, String)] = [
            (.capped(units: 150, price: price("100"), budget: .maxOrderValue(money(10_000)), allowed: 100),
             "150 × 100 = 15000 > max_order_value 10000 → 100 units"),
            (.capped(units: 7, price: price("186.31"), budget: .maxPosition(ratio(0.1), equity: money(10_000.5)),
                     allowed: 5),
             "7 × 186.31 = 1304.17 > max_position 0.1 × equity 10000.5 = 1000.05 → 5 units"),
            (.tradingState(.reducing), "trading is REDUCING: no new entries"),
            (.halted, "trading is HALTED: no new orders until resumed"),
            (.restricted, "the symbol is restricted"),
            (.outsideMarketHours, "outside market hours"),
            (.ordersPerMinute(recent: 5, limit: 4), "5 orders in the last minute, max_orders_per_minute 4"),
            (.orderInterval(elapsedMs: 250, minimumMs: 1000), "250 ms since the last order, min_order_interval_ms 1000"),
            (.maxPositions(open: 3, limit: 3), "3 open positions, max_positions 3"),
            (.approved(units: 10, price: price("0.00012345")), "10 × 0.00012345 = 0.0012345"),
            (.approved(units: -3, price: price("1.5")), "-3 × 1.5 = -4.5"),
            (.reducesExposure, "reduces exposure"),
            (.sizedToZero, "sized to 0 units"),
            (.entriesCancelled(.halted, orders: 2), "kill switch: 2 open entry order(s) cancelled"),
            (.entriesCancelled(.reducing, orders: 1), "daily loss limit: 1 open entry order(s) cancelled"),
        ]
        for (explanation, text) in cases { XCTAssertEqual(explanation.description, text) }
    }

    func testEveryBudgetReadsAsItsNumbers() {
        let cases: [(RiskBudget, String)] = [
            (.maxPosition(ratio(0.1), equity: money(100_000)), "max_position 0.1 × equity 100000 = 10000"),
            (.maxPosition(ratio(0.1), equity: money(100_000), held: money(4_000.25)),
             "max_position 0.1 × equity 100000 − position 4000.25 = 5999.75"),
            (.sectorExposure(ratio(0.25), equity: money(100_000), sector: "tech", exposure: money(12_000.5)),
             "max_sector_exposure 0.25 × equity 100000 − tech exposure 12000.5 = 12999.5"),
            (.maxOrderValue(money(2_500.75)), "max_order_value 2500.75"),
            (.cashReserve(buyingPower: money(50_000), reserve: ratio(0.05), equity: money(100_000)),
             "buying power 50000 − reserve 0.05 × equity (5000) = 45000"),
            (.cashReserve(buyingPower: money(1_000), reserve: ratio(0.05), equity: money(100_000)),
             "buying power 1000 − reserve 0.05 × equity (5000) = -4000"),
        ]
        for (budget, text) in cases { XCTAssertEqual(budget.description, text) }
    }
}
