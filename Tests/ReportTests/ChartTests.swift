@testable import QuorumReport
import QuorumModel
import XCTest

/// Axes and curve reduction of the SVG charts.
final class ChartTests: XCTestCase {
    func testValueAxisUsesNiceStepsCoveringTheData() {
        let axis = ValueAxis(covering: 96_000...552_000, style: .money)
        XCTAssertEqual(axis.step, 100_000)
        XCTAssertEqual(axis.ticks, [0, 100_000, 200_000, 300_000, 400_000, 500_000, 600_000])
        XCTAssertEqual(axis.ticks.map(axis.label), ["0", "100k", "200k", "300k", "400k", "500k", "600k"])
        let drawdown = ValueAxis(covering: -0.2845...0, style: .percent)
        XCTAssertEqual(drawdown.ticks.map(drawdown.label), ["-30%", "-25%", "-20%", "-15%", "-10%", "-5%", "0%"])
        let flat = ValueAxis(covering: 1...1, style: .plain)
        XCTAssertLessThan(flat.low, 1); XCTAssertGreaterThan(flat.high, 1)
        let small = ValueAxis(covering: 0.95...1.12, style: .plain)
        XCTAssertEqual(small.ticks.map(small.label), ["0.95", "1.00", "1.05", "1.10", "1.15"])
    }

    func testTimeAxisTicksOnCalendarBoundaries() {
        func t(_ y: Int, _ m: Int, _ d: Int) -> Timestamp { Timestamps.days(year: y, month: m, day: d) * nanosecondsPerDay }
        XCTAssertEqual(TimeAxis(from: t(2004, 8, 19), to: t(2013, 3, 1), maxTicks: 7).ticks.map(\.label),
                       ["2006", "2008", "2010", "2012"])
        XCTAssertEqual(TimeAxis(from: t(2020, 1, 15), to: t(2020, 7, 1), maxTicks: 7).ticks.map(\.label),
                       ["2020-02", "2020-03", "2020-04", "2020-05", "2020-06", "2020-07"])
        XCTAssertEqual(TimeAxis(from: t(2020, 1, 1), to: t(2020, 1, 5), maxTicks: 7).ticks.map(\.label),
                       ["2020-01-02", "2020-01-03", "2020-01-04", "2020-01-05"])
        let hour = 3600 * nanosecondsPerSecond
        XCTAssertEqual(TimeAxis(from: t(2020, 1, 1) + 9 * hour + hour / 2, to: t(2020, 1, 1) + 16 * hour, maxTicks: 4)
            .ticks.map(\.label), ["10:00", "12:00", "14:00", "16:00"])
        XCTAssertEqual(TimeAxis(from: t(2020, 1, 1), to: t(2020, 1, 1)).ticks.map(\.label), ["2020-01-01"])
    }

    /// A run over more than 292 years (its span does not fit 64 bits of nanoseconds) and one starting in 1677,
    /// whose first month and year begin before the first Timestamp, get ticks instead of a trap.
    func testTimeAxisAtTheEndsOfTheTimestampRange() {
        func t(_ y: Int, _ m: Int, _ d: Int) -> Timestamp { Timestamps.days(year: y, month: m, day: d) * nanosecondsPerDay }
        XCTAssertEqual(TimeAxis(from: t(1677, 9, 22), to: t(2262, 4, 10), maxTicks: 7).ticks.map(\.label),
                       ["1700", "1800", "1900", "2000", "2100", "2200"])
        XCTAssertEqual(TimeAxis(from: t(1677, 9, 22), to: t(1678, 2, 1), maxTicks: 7).ticks.map(\.label),
                       ["1677-10", "1677-11", "1677-12", "1678-01", "1678-02"])
        XCTAssertEqual(TimeAxis(from: .min, to: t(1677, 9, 24), maxTicks: 7).ticks.map(\.label),
                       ["1677-09-22", "1677-09-23", "1677-09-24"])
    }

    func testReductionKeepsTwoPointsPerColumnAndTheExtremes() {
        var points = (0..<5000).map { k -> ColumnReduction.Point in
            ColumnReduction.Point(x: Double(k) / 50, y: sin(Double(k) / 300))
        }
        points[2345].y = 5
        points[4000].y = -7
        let reduced = ColumnReduction.minMax(points)
        XCTAssertLessThanOrEqual(reduced.count, 2 * 101)
        let ys = reduced.map { $0.y }, xs = reduced.map { $0.x }
        XCTAssertEqual(ys.max(), 5)
        XCTAssertEqual(ys.min(), -7)
        XCTAssertEqual(xs, xs.sorted(), "still in time order")
        XCTAssertEqual(ColumnReduction.minMax([ColumnReduction.Point(x: 3.2, y: 1)]), [ColumnReduction.Point(x: 3, y: 1)])
        XCTAssertEqual(ColumnReduction.lastPerColumn([.init(x: 0, y: 0), .init(x: 0.3, y: 1), .init(x: 1, y: 2)]), [1, 2])
    }

    func testCoordinatesHaveOneDecimal() {
        XCTAssertEqual(SVGNumber.coordinate(12.0), "12")
        XCTAssertEqual(SVGNumber.coordinate(12.34), "12.3")
        XCTAssertEqual(SVGNumber.coordinate(-0.26), "-.3")
        XCTAssertEqual(SVGNumber.coordinate(-0.04), "0")
    }

    func testPathsAreRelativeAfterTheFirstPointAndAddUpExactly() {
        var path = SVGPath()
        for (x, y) in [(10.0, 20.04), (11.0, 18.86), (12.0, 18.96), (12.0, 25.55)] { path.add(x: x, y: y) }
        path.close()
        XCTAssertEqual(path.data, "M10 20l1-1.1 1 .1 0 6.6Z")
    }
}
