#if canImport(Glibc)
import Glibc
#endif
import QuorumModel
import QuorumPerformance
import XCTest

/// Returns are taken per trading day for daily and intraday bars (SPEC §12): intraday curves are sampled at each
/// day's close; bars typically more than 4 days apart give a return each, annualised by how far apart they are.
final class PeriodReturnsTests: XCTestCase {
    private let hour = 3600 * nanosecondsPerSecond

    private func point(day: Int64, hour h: Int64 = 0, _ equity: Double) -> EquityPoint {
        EquityPoint(time: day * nanosecondsPerDay + h * hour, equity: equity)
    }

    /// mean / std(ddof 1) × √periods, written out independently of the statistics.
    private func sharpe(_ closes: [Double], periods: Double) -> Double {
        let r = returns(closes)
        let mean = r.reduce(0, +) / Double(r.count)
        let variance = r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(r.count - 1)
        return mean / variance.squareRoot() * periods.squareRoot()
    }

    /// mean × periods / (√mean(min(r, 0)²) × √periods), written out likewise.
    private func sortino(_ closes: [Double], periods: Double) -> Double {
        let r = returns(closes)
        let mean = r.reduce(0, +) / Double(r.count)
        let downside = (r.map { min($0, 0) * min($0, 0) }.reduce(0, +) / Double(r.count)).squareRoot()
        return mean * periods / (downside * periods.squareRoot())
    }

    private func returns(_ closes: [Double]) -> [Double] { (1..<closes.count).map { closes[$0] / closes[$0 - 1] - 1 } }

    func testDailyBarsAreTheirOwnCloses() {
        // Monday to Friday, a weekend, Monday to Wednesday: gaps of 1 and one of 3.
        let days: [Int64] = [0, 1, 2, 3, 4, 7, 8, 9]
        let curve = days.enumerated().map { point(day: $0.element, 100 + Double($0.offset)) }
        let closes = PeriodCloses(curve)
        XCTAssertEqual(closes.equity, curve.map(\.equity))
        XCTAssertEqual(closes.periodsPerYear, 252)
    }

    /// A 24% gain over twelve minutes annualises past a Double: the growth rates are undefined (nil), never
    /// infinite (sorting put +∞ rows first, though undefined ones sort last).
    func testGrowthTooLargeForADoubleIsUndefined() {
        let minute: Int64 = 60_000_000_000
        let curve = (0..<12).map { EquityPoint(time: 10 * nanosecondsPerDay + Int64($0) * minute,
                                               equity: 100 * (1 + 0.24 * Double($0) / 11)) }
        let s = PerformanceStatistics(curve: curve)
        XCTAssertNil(s.cagrCalendar, "1.24^(365 × 24 × 60 / 11) − 1 is past a Double")
        XCTAssertEqual(try XCTUnwrap(s.cagr), pow(1.24, 252) - 1, accuracy: 1e9, "one day's return, by trading days: finite")
        XCTAssertEqual(try XCTUnwrap(s.totalReturn), 0.24, accuracy: 1e-12)
    }

    func testIntradayBarsCloseEachDayAndOpenWithTheFirstPoint() {
        let curve = [point(day: 5, hour: 9, 100), point(day: 5, hour: 12, 90), point(day: 5, hour: 16, 102),
                     point(day: 6, hour: 9, 103), point(day: 6, hour: 16, 101),
                     point(day: 7, hour: 9, 99), point(day: 7, hour: 16, 110)]
        let closes = PeriodCloses(curve)
        XCTAssertEqual(closes.equity, [100, 102, 101, 110])
        XCTAssertEqual(closes.periodsPerYear, 252)

        let s = PerformanceStatistics(curve: curve)
        XCTAssertEqual(s.periodsPerYear, 252)
        XCTAssertEqual(try XCTUnwrap(s.totalReturn), 0.1, accuracy: 1e-15)
        // The trough at noon of the first day is no close, but it is the book's drawdown.
        XCTAssertEqual(try XCTUnwrap(s.maxDrawdown), -0.1, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(s.sharpe), sharpe([100, 102, 101, 110], periods: 252), accuracy: 1e-12)
        // Three daily returns compound to the whole curve's 10%.
        XCTAssertEqual(try XCTUnwrap(s.cagr), pow(1.1, 252.0 / 3) - 1, accuracy: 1e-9 * (pow(1.1, 252.0 / 3) - 1))
    }

    func testAFirstDayWithOnePointIsNotOpenedTwice() {
        let curve = [point(day: 1, hour: 16, 100), point(day: 2, hour: 9, 101), point(day: 2, hour: 16, 104)]
        XCTAssertEqual(PeriodCloses(curve).equity, [100, 104])
    }

    func testOneDayOfIntradayBarsIsOneReturn() {
        let curve = (0..<8).map { point(day: 3, hour: Int64(9 + $0), 100 + Double($0)) }
        let closes = PeriodCloses(curve)
        XCTAssertEqual(closes.equity, [100, 107])
        let s = PerformanceStatistics(curve: curve)
        XCTAssertEqual(try XCTUnwrap(s.cagr), pow(1.07, 252) - 1, accuracy: 1e-9 * (pow(1.07, 252) - 1))
        XCTAssertNil(s.sharpe, "one return has no sample deviation")
    }

    func testDaysBeforeTheEpochAreCalendarDaysToo() {
        // −1 ns is 1969-12-31, not the same day as 0.
        let curve = [EquityPoint(time: -2 * hour, equity: 100), EquityPoint(time: -1, equity: 101),
                     EquityPoint(time: 0, equity: 102), EquityPoint(time: hour, equity: 103)]
        XCTAssertEqual(PeriodCloses(curve).equity, [100, 101, 103])
    }

    func testBarsMoreThanADayApartAreAnnualisedByTheirSpacing() throws {
        let equities: [Double] = [100, 104, 101, 108, 107, 112, 111, 118]
        for (gap, perYear) in [(7, 52.0), (14, 26), (30, 12), (91, 4), (182, 2), (365, 1)] as [(Int64, Double)] {
            let curve = equities.enumerated().map { point(day: Int64($0.offset) * gap, $0.element) }
            XCTAssertEqual(PeriodCloses(curve).periodsPerYear, perYear, "gap \(gap)")
            let s = PerformanceStatistics(curve: curve)
            XCTAssertEqual(s.periodsPerYear, perYear)
            XCTAssertEqual(try XCTUnwrap(s.sharpe), sharpe(equities, periods: perYear), accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap(s.sortino), sortino(equities, periods: perYear), accuracy: 1e-12)
            let r = returns(equities), mean = r.reduce(0, +) / 7
            let deviation = (r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 6).squareRoot()
            XCTAssertEqual(try XCTUnwrap(s.volatility), deviation * perYear.squareRoot(), accuracy: 1e-12)
            let cagr = pow(1.18, perYear / 7) - 1
            XCTAssertEqual(try XCTUnwrap(s.cagr), cagr, accuracy: 1e-12 * max(1, abs(cagr)))
        }
    }

    func testMonthEndsOfUnevenLengthAreMonthly() {
        // The last day of each month of 2021, days since 1970-01-01: gaps of 28 to 31 days.
        let monthEnds: [Int64] = [18_658, 18_686, 18_717, 18_747, 18_778, 18_808, 18_839, 18_870, 18_900, 18_931]
        let curve = monthEnds.map { point(day: $0, 100) }
        XCTAssertEqual(PeriodCloses(curve).periodsPerYear, 12)
    }

    func testTheTypicalGapDecidesNotTheLongest() {
        // Daily bars with a two-week hole (a halt) are still daily.
        let days: [Int64] = [0, 1, 2, 3, 4, 18, 19, 20, 21]
        XCTAssertEqual(PeriodCloses(days.map { point(day: $0, 100) }).periodsPerYear, 252)
    }

    func testPeriodsPerYearByTypicalGap() {
        for (days, perYear) in [(1, 252.0), (3, 252), (4, 252), (5, 73), (7, 52), (28, 13), (31, 12), (92, 4),
                                (366, 1), (800, 1)] as [(Int64, Double)] {
            XCTAssertEqual(PeriodCloses.periodsPerYear(typicalGapDays: days), perYear, "\(days) days")
        }
    }

    func testTheLowerMedianGapIsTheTypicalOne() {
        // Gaps 7, 7, 30, 30: the lower median is 7 (weekly); the upper one would say monthly.
        let days: [Int64] = [0, 7, 14, 44, 74]
        XCTAssertEqual(PeriodCloses(days.map { point(day: $0, 100) }).periodsPerYear, 52)
    }

    func testAnEmptyOrSinglePointCurveHasNoPeriodStatistics() {
        XCTAssertEqual(PeriodCloses([]).equity, [])
        XCTAssertNil(PerformanceStatistics(curve: []).periodsPerYear)
        XCTAssertNil(PerformanceStatistics(curve: [point(day: 1, 100)]).periodsPerYear)
    }
}
