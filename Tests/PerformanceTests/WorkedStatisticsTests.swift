import QuorumModel
import QuorumPerformance
import XCTest

/// Worked numbers for the statistics the oracle does not cover, and the edge cases (SPEC §12).
final class WorkedStatisticsTests: XCTestCase {
    private func day(_ n: Int64) -> Timestamp { n * nanosecondsPerDay }

    private func curve(_ values: [Double]) -> [EquityPoint] {
        values.enumerated().map { EquityPoint(time: day(Int64($0.offset)), equity: $0.element) }
    }

    private func trade(_ pnl: Double, days: Int64, entry: Double = 1000, exit: Double = 1100) -> TradeOutcome {
        TradeOutcome(entryTime: day(10), exitTime: day(10 + days), pnl: pnl, entryNotional: entry, exitNotional: exit)
    }

    /// Every metric is nil or finite: nothing that JSON cannot carry.
    private func assertJSONSafe(_ s: PerformanceStatistics, file: StaticString = #filePath, line: UInt = #line) {
        for metric in PerformanceMetric.allCases {
            if let v = metric.value(in: s) { XCTAssertTrue(v.isFinite, "\(metric.key) = \(v)", file: file, line: line) }
        }
    }

    func testReturnStatisticsOfAShortCurve() throws {
        // r = +10%, −10%, +10%: mean 1/30, deviations (1/15, −2/15, 1/15), variance (6/225)/2.
        let s = PerformanceStatistics(curve: curve([100, 110, 99, 108.9]))
        let mean = 0.1 / 3, std = (6.0 / 225 / 2).squareRoot(), downside = (0.01 / 3).squareRoot()
        XCTAssertEqual(try XCTUnwrap(s.totalReturn), 0.089, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(s.maxDrawdown), -0.1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(s.sharpe), mean / std * 252.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(s.volatility), std * 252.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(s.sortino), mean * 252 / (downside * 252.0.squareRoot()), accuracy: 1e-12)
        let cagr = pow(1.089, 252.0 / 3) - 1
        XCTAssertEqual(try XCTUnwrap(s.cagr), cagr, accuracy: 1e-9 * cagr)
        XCTAssertEqual(try XCTUnwrap(s.cagrCalendar), pow(1.089, 365.0 / 3) - 1, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(s.calmar), cagr / 0.1, accuracy: 1e-9 * cagr / 0.1)
    }

    func testDrawdownRunningPeakIncludesTheStart() throws {
        // Falls from the start: the first point is the peak.
        let drawdowns = try XCTUnwrap(EquityCurve.drawdowns([100, 80, 90, 120, 60]))
        for (actual, expected) in zip(drawdowns, [0, -0.2, -0.1, 0, -0.5]) { XCTAssertEqual(actual, expected, accuracy: 1e-15) }
        XCTAssertEqual(try XCTUnwrap(PerformanceStatistics(curve: curve([100, 80, 90])).maxDrawdown), -0.2, accuracy: 1e-15)
    }

    func testTradeStatistics() throws {
        let trades = [trade(100, days: 1), trade(-50, days: 2), trade(0, days: 3), trade(200, days: 4),
                      trade(-25, days: 5)]
        let s = PerformanceStatistics(curve: curve([100, 110, 99, 108.9]), trades: trades)
        XCTAssertEqual(s.trades, 5)
        XCTAssertEqual(s.winRate, 0.4)                 // 2 of 5; the break-even trade is not a win
        XCTAssertEqual(s.profitFactor, 4)              // 300 / 75
        XCTAssertEqual(s.averageHoldingDays, 3)        // (1 + 2 + 3 + 4 + 5) / 5
        // 5 × (1000 + 1100) traded over a mean equity of (100 + 110 + 99 + 108.9) / 4.
        XCTAssertEqual(try XCTUnwrap(s.turnover), 10_500 / 104.475, accuracy: 1e-12)
    }

    func testIntradayHoldingTimeIsFractional() {
        let t = TradeOutcome(entryTime: 0, exitTime: 6 * 3600 * nanosecondsPerSecond, pnl: 1, entryNotional: 1,
                             exitNotional: 1)
        XCTAssertEqual(t.holdingDays, 0.25)
    }

    /// Times more than 292 years apart (their difference does not fit 64 bits of nanoseconds) still give days:
    /// a trade's holding time and a run's calendar CAGR, instead of a trap.
    func testSpansBeyondSixtyFourBitsOfNanoseconds() throws {
        let first = Timestamps.days(year: 1700, month: 1, day: 1) * nanosecondsPerDay
        let last = Timestamps.days(year: 2200, month: 1, day: 1) * nanosecondsPerDay
        let days = Double(Timestamps.days(year: 2200, month: 1, day: 1) - Timestamps.days(year: 1700, month: 1, day: 1))
        XCTAssertEqual(TradeOutcome(entryTime: first, exitTime: last, pnl: 1, entryNotional: 1, exitNotional: 1).holdingDays,
                       days, accuracy: 1e-6)
        let s = PerformanceStatistics(curve: [EquityPoint(time: first, equity: 100), EquityPoint(time: last, equity: 200)],
                                      trades: [])
        XCTAssertEqual(try XCTUnwrap(s.cagrCalendar), pow(2, 365 / days) - 1, accuracy: 1e-12)
    }

    func testTradeFromFixedPointFillsUsesAbsoluteNotionals() {
        let short = TradeOutcome(entryTime: day(1), entryPrice: Price(raw: 100 * fixedPointScale), exitTime: day(2),
                                 exitPrice: Price(raw: 90 * fixedPointScale), quantity: -10,
                                 pnl: Money(units: 100))
        XCTAssertEqual(short.entryNotional, 1000)
        XCTAssertEqual(short.exitNotional, 900)
        XCTAssertEqual(short.pnl, 100)
    }

    func testExposureCountsPointsHoldingAPositionAmongThoseThatRecordIt() {
        let points = [EquityPoint(time: day(0), equity: 100, exposure: 0),
                      EquityPoint(time: day(1), equity: 100, exposure: 50),
                      EquityPoint(time: day(2), equity: 100),
                      EquityPoint(time: day(3), equity: 100, exposure: 0)]
        XCTAssertEqual(PerformanceStatistics(curve: points).exposure, 1.0 / 3)
        XCTAssertNil(PerformanceStatistics(curve: curve([100, 101])).exposure)
    }

    func testAttributionIsTheShareOfTheEnsemblePnL() {
        XCTAssertEqual(PerformanceStatistics(curve: [], attributedPnL: 30, ensemblePnL: 120).attribution, 0.25)
        XCTAssertEqual(PerformanceStatistics(curve: [], attributedPnL: -30, ensemblePnL: 120).attribution, -0.25)
        XCTAssertNil(PerformanceStatistics(curve: [], attributedPnL: 30, ensemblePnL: 0).attribution)
        XCTAssertNil(PerformanceStatistics(curve: [], attributedPnL: 30).attribution)
        XCTAssertEqual(PerformanceStatistics(curve: [], agreement: 0.75).agreement, 0.75)
    }

    func testEmptyCurveHasNoReturnStatistics() {
        let s = PerformanceStatistics(curve: [])
        XCTAssertEqual(s, PerformanceStatistics())
        XCTAssertNil(s.totalReturn); XCTAssertNil(s.maxDrawdown); XCTAssertNil(s.cagr); XCTAssertNil(s.sharpe)
        XCTAssertNil(s.turnover); XCTAssertNil(s.winRate); XCTAssertNil(s.profitFactor)
        XCTAssertNil(s.averageHoldingDays)
        XCTAssertEqual(s.trades, 0)
    }

    func testSinglePointHasNoReturns() {
        let s = PerformanceStatistics(curve: curve([100]))
        XCTAssertEqual(s.totalReturn, 0)
        XCTAssertEqual(s.maxDrawdown, 0)
        XCTAssertNil(s.cagr); XCTAssertNil(s.cagrCalendar); XCTAssertNil(s.sharpe); XCTAssertNil(s.sortino)
        XCTAssertNil(s.volatility); XCTAssertNil(s.calmar)
        XCTAssertEqual(s.turnover, 0)
        assertJSONSafe(s)
    }

    func testOneReturnHasGrowthButNoDeviation() {
        let s = PerformanceStatistics(curve: curve([100, 90]))
        XCTAssertEqual(try XCTUnwrap(s.cagr), pow(0.9, 252) - 1, accuracy: 1e-15)
        XCTAssertNil(s.sharpe); XCTAssertNil(s.volatility)
        XCTAssertNotNil(s.sortino)
        assertJSONSafe(s)
    }

    func testFlatCurveHasZeroVolatilityAndNoRatios() {
        let s = PerformanceStatistics(curve: curve([100, 100, 100]))
        XCTAssertEqual(s.volatility, 0)
        XCTAssertEqual(s.totalReturn, 0); XCTAssertEqual(s.cagr, 0); XCTAssertEqual(s.maxDrawdown, 0)
        XCTAssertNil(s.sharpe); XCTAssertNil(s.sortino); XCTAssertNil(s.calmar)
        assertJSONSafe(s)
    }

    func testOnlyGainsLeaveSortinoAndProfitFactorUndefined() {
        let s = PerformanceStatistics(curve: curve([100, 101, 103]), trades: [trade(3, days: 2)])
        XCTAssertNil(s.sortino)
        XCTAssertNil(s.profitFactor)
        XCTAssertNil(s.calmar)
        XCTAssertEqual(s.winRate, 1)
        XCTAssertNotNil(s.sharpe)
        assertJSONSafe(s)
    }

    func testOnlyLossesGiveAZeroProfitFactor() {
        let s = PerformanceStatistics(curve: curve([100, 99]), trades: [trade(-1, days: 1)])
        XCTAssertEqual(s.profitFactor, 0)
        XCTAssertEqual(s.winRate, 0)
    }

    /// A book that loses everything (or more) keeps its total return and max drawdown — the worst result must
    /// show, not vanish — while the statistics of its returns are undefined; a curve that does not start
    /// positive, or holds a value that is not finite, has none.
    func testABookThatLosesEverythingKeepsItsTotalReturnAndDrawdown() {
        for (values, total, drawdown) in [([100, 0, 10], -0.9, -1.0), ([100, -5, 10], -0.9, -1.05),
                                          ([100, 50, -1_823_617.088], -18_237.17088, -18_237.17088)]
            as [([Double], Double, Double)] {
            let s = PerformanceStatistics(curve: curve(values), trades: [trade(-100, days: 1)])
            XCTAssertEqual(s.totalReturn!, total, accuracy: 1e-12, "\(values)")
            XCTAssertEqual(s.maxDrawdown!, drawdown, accuracy: 1e-12, "\(values)")
            XCTAssertNil(s.sharpe); XCTAssertNil(s.cagr); XCTAssertNil(s.volatility); XCTAssertNil(s.calmar)
            XCTAssertEqual(s.trades, 1)
            XCTAssertNil(EquityCurve.returns(values))
            assertJSONSafe(s)
        }
        for values in [[100, .nan, 100], [0, 10, 20], [-5, 10]] as [[Double]] {
            let s = PerformanceStatistics(curve: curve(values), trades: [trade(-100, days: 1)])
            XCTAssertNil(s.totalReturn); XCTAssertNil(s.maxDrawdown); XCTAssertNil(s.sharpe); XCTAssertNil(s.cagr)
            XCTAssertNil(EquityCurve.drawdowns(values))
            assertJSONSafe(s)
        }
    }

    /// Ratios that are infinite, not undefined, are nil (JSON has no infinity) with their sign in `unbounded`.
    func testInfiniteRatiosAreNilAndMarkedUnbounded() {
        let rising = PerformanceStatistics(curve: curve([100, 200, 400, 800]), trades: [trade(700, days: 3)])
        XCTAssertNil(rising.profitFactor); XCTAssertNil(rising.sortino); XCTAssertNil(rising.calmar)
        XCTAssertEqual(rising.unbounded[.profitFactor], .plus)
        XCTAssertEqual(rising.unbounded[.sortino], .plus)
        XCTAssertEqual(rising.unbounded[.calmar], .plus)
        XCTAssertEqual(rising.unbounded[.sharpe], .plus, "+100% every day: no deviation")
        XCTAssertEqual(PerformanceMetric.sortino.rankValue(in: rising), .infinity)
        let falling = PerformanceStatistics(curve: curve([800, 400, 200]))
        XCTAssertEqual(falling.unbounded[.sharpe], .minus)
        XCTAssertEqual(PerformanceMetric.sharpe.rankValue(in: falling), -.infinity)
        // Undefined, not infinite: a flat curve, break-even trades only, no trades.
        let flat = PerformanceStatistics(curve: curve([100, 100, 100]), trades: [trade(0, days: 1)])
        XCTAssertTrue(flat.unbounded.isEmpty)
        XCTAssertNil(PerformanceMetric.profitFactor.rankValue(in: flat))
        XCTAssertTrue(PerformanceStatistics(curve: curve([100, 110, 105])).unbounded.isEmpty)
        assertJSONSafe(rising)
    }

    func testCalendarGrowthNeedsElapsedTime() {
        let sameDay = [EquityPoint(time: 0, equity: 100), EquityPoint(time: 0, equity: 110)]
        XCTAssertNil(PerformanceStatistics(curve: sameDay).cagrCalendar)
    }
}
