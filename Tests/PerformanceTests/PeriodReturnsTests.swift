#if canImport(Glibc)
import Glibc
#endif
import QuorumModel
import QuorumPerformance
import XCTest

/// Returns are taken per trading day whatever the bars' length (SPEC §12): intraday curves are sampled at each
/// day's close, and bars more than a day apart are annualised by how far apart they are.
final class PeriodReturnsTests: XCTestCase {
    private let hour = 3600 * nanosecondsPerSecond

    private func point(day: Int64, hour h: Int64 = 0, _ equity: Double) -> EquityPoint {
        EquityPoint(time: day * nanosecondsPerDay + h * hour, equity: equity)
    }

    /// mean / std(ddof 1) × √periods, written out independently of the statistics.
    private func sharpe(_ closes: [Double], periods: Double) -> Double {
        let r = (1..<closes.count).map { closes[$0] / closes[$0 - 1] - 1 }
        let mean = r.reduce(0, +) / Double(r.count)
        let variance = r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(r.count - 1)
        return mean / variance.squareRoot() * periods.squareRoot()
    }

    func testDailyBarsAreTheirOwnCloses() {
        // Monday to Friday, a weekend, Monday to Wednesday: gaps of 1 and one of 3.
        let days: [Int64] = [0, 1, 2, 3, 4, 7, 8, 9]
        let curve = days.enumerated().map { point(day: $0.element, 100 + Double($0.offset)) }
        let closes = PeriodCloses(curve)
        XCTAssertEqual(closes.equity, curve.map(\.equity))
        XCTAssertEqual(closes.period, .day)
    }

    func testIntradayBarsCloseEachDayAndOpenWithTheFirstPoint() {
        let curve = [point(day: 5, hour: 9, 100), point(day: 5, hour: 12, 90), point(day: 5, hour: 16, 102),
                     point(day: 6, hour: 9, 103), point(day: 6, hour: 16, 101),
                     point(day: 7, hour: 9, 99), point(day: 7, hour: 16, 110)]
        let closes = PeriodCloses(curve)
        XCTAssertEqual(closes.equity, [100, 102, 101, 110])
        XCTAssertEqual(closes.period, .day)

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
        for (gap, period, perYear) in [(7, ReturnPeriod.week, 52.0), (30, .month, 12), (91, .quarter, 4),
                                       (365, .year, 1)] as [(Int64, ReturnPeriod, Double)] {
            let curve = equities.enumerated().map { point(day: Int64($0.offset) * gap, $0.element) }
            XCTAssertEqual(PeriodCloses(curve).period, period, "gap \(gap)")
            let s = PerformanceStatistics(curve: curve)
            XCTAssertEqual(s.periodsPerYear, perYear)
            XCTAssertEqual(try XCTUnwrap(s.sharpe), sharpe(equities, periods: perYear), accuracy: 1e-12)
            let cagr = pow(1.18, perYear / 7) - 1
            XCTAssertEqual(try XCTUnwrap(s.cagr), cagr, accuracy: 1e-12 * max(1, abs(cagr)))
        }
    }

    func testMonthEndsOfUnevenLengthAreMonthly() {
        // The last day of each month of 2021, days since 1970-01-01: gaps of 28 to 31 days.
        let monthEnds: [Int64] = [18_658, 18_686, 18_717, 18_747, 18_778, 18_808, 18_839, 18_870, 18_900, 18_931]
        let curve = monthEnds.map { point(day: $0, 100) }
        XCTAssertEqual(PeriodCloses(curve).period, .month)
    }

    func testTheTypicalGapDecidesNotTheLongest() {
        // Daily bars with a two-week hole (a halt) are still daily.
        let days: [Int64] = [0, 1, 2, 3, 4, 18, 19, 20, 21]
        XCTAssertEqual(PeriodCloses(days.map { point(day: $0, 100) }).period, .day)
    }

    func testPeriodBoundaries() {
        for (days, period) in [(1, ReturnPeriod.day), (4, .day), (5, .week), (10, .week), (11, .month), (45, .month),
                               (46, .quarter), (135, .quarter), (136, .year), (400, .year)] as [(Int64, ReturnPeriod)] {
            XCTAssertEqual(ReturnPeriod(typicalGapDays: days), period, "\(days) days")
        }
    }

    func testAnEmptyOrSinglePointCurveHasNoPeriodStatistics() {
        XCTAssertEqual(PeriodCloses([]).equity, [])
        XCTAssertNil(PerformanceStatistics(curve: []).periodsPerYear)
        XCTAssertNil(PerformanceStatistics(curve: [point(day: 1, 100)]).periodsPerYear)
    }
}
