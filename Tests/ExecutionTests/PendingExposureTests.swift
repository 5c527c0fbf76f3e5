import QuorumConfig
import QuorumExecution
import QuorumJudge
import QuorumModel
import QuorumRisk
import XCTest

/// The hard limits bound what the account will hold, not each order alone: entries sent but not filled yet
/// take their buying power and sector room, and a rebalance adding to a position counts the position.
final class PendingExposureTests: XCTestCase {
    private func bar(_ day: Int64, _ price: Int64) -> Bar {
        let p = Price(raw: price * fixedPointScale)
        return Bar(time: day * nanosecondsPerDay, open: p, high: p, low: p, close: p, volume: 1e9)
    }

    private let long = Verdict(direction: .long, conviction: 1, net: 1, stances: 1, nonFlat: 1)

    private func limits(maxPosition: Double, sector: Double = 1, reserve: Double = 0) -> RiskLimits {
        var limits = RiskLimits()
        limits.maxPosition = Ratio(maxPosition)!
        limits.maxSectorExposure = Ratio(sector)!
        limits.minCashReserve = Ratio(reserve)!
        limits.maxOrderValue = Money(units: 10_000_000)
        limits.stopLossRequired = false
        return limits
    }

    /// Two entries in one step, same sector: the second sees the first's value as committed. Before, both were
    /// approved at 45% each, leaving 10% cash against a 30% reserve and 90% in a sector capped at 50%.
    func testEntriesOfOneStepShareTheCashReserveAndTheSectorCap() {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["AAA", "BBB"], sizer: FractionOfEquity(fraction: Ratio(0.45)!),
            limits: limits(maxPosition: 0.5, sector: 0.5, reserve: 0.3), sectors: ["AAA": "tech", "BBB": "tech"]))
        for k in 0..<2 { s.barOpened(symbol: k, bar: bar(1, 100)) }
        for k in 0..<2 { s.decide(long, symbol: k, bar: bar(1, 100), event: k) }
        for k in 0..<2 { s.barOpened(symbol: k, bar: bar(2, 100)) }
        XCTAssertEqual(s.portfolio.positions.map(\.quantity), [450, 50], "the sector's 50000 less the first entry's 45000")
        XCTAssertGreaterThanOrEqual(s.portfolio.cash, Money(units: 30_000))
    }

    /// Another symbol's reversal in the same step counts as its new position replacing the old one: the short
    /// being closed neither adds to the sector nor keeps its buying power once the reversal is sent.
    func testAReversalInTheSameStepReplacesItsPositionInTheLimits() {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["AAA", "BBB"], sizer: FractionOfEquity(fraction: Ratio(0.3)!),
            limits: limits(maxPosition: 0.5, sector: 0.5), sectors: ["AAA": "tech", "BBB": "tech"]))
        for k in 0..<2 { s.barOpened(symbol: k, bar: bar(1, 100)) }
        s.decide(Verdict(direction: .short, conviction: 1, net: -1, stances: 1, nonFlat: 1), symbol: 1, bar: bar(1, 100), event: 1)
        for k in 0..<2 { s.barOpened(symbol: k, bar: bar(2, 100)) }
        XCTAssertEqual(s.portfolio.positions.map(\.quantity), [0, -300])
        s.decide(long, symbol: 1, bar: bar(2, 100), event: 3)       // BBB reverses: 300 long waits for the exit
        s.decide(long, symbol: 0, bar: bar(2, 100), event: 4)       // AAA: the sector holds BBB's 30000 only
        for k in 0..<2 { s.barOpened(symbol: k, bar: bar(3, 100)) }
        XCTAssertEqual(s.portfolio.positions.map(\.quantity), [200, 300], "50000 − 30000 = 20000 for AAA")
    }

    /// A rebalance adds to a held position only up to max_position of the position it leaves. Before, each
    /// addition was checked alone and a 20% cap let the position grow to 90% of equity.
    func testARebalanceCannotGrowAPositionPastMaxPosition() {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A"], sizer: FractionOfEquity(fraction: Ratio(0.9)!),
            limits: limits(maxPosition: 0.2), rebalanceThreshold: Ratio(0.1)!))
        s.barOpened(symbol: 0, bar: bar(1, 100))
        s.decide(long, symbol: 0, bar: bar(1, 100), event: 0)            // 900 wanted, 200 allowed
        for day in Int64(2)...6 {
            s.barOpened(symbol: 0, bar: bar(day, 100))
            XCTAssertEqual(s.portfolio.positions[0].quantity, 200, "day \(day)")
            s.decide(long, symbol: 0, bar: bar(day, 100), event: Int(day))   // wants 900 again: refused
        }
    }
}
