import QuorumPerformance
import XCTest

/// SPEC §12: the statistics of the reference equity curve match empyrical 0.7.1 and the explicit formulas of
/// ../shared/oracle/GOOG_sma_10_30.metrics.json to 1e-9 relative.
final class OracleStatisticsTests: XCTestCase {
    private func assertRelative(_ actual: Double?, _ expected: Double?, _ name: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        guard let actual, let expected else {
            return XCTFail("\(name): got \(String(describing: actual)), expected \(String(describing: expected))",
                           file: file, line: line)
        }
        XCTAssertLessThanOrEqual(abs(actual - expected), 1e-9 * abs(expected),
                                 "\(name): \(actual) vs \(expected)", file: file, line: line)
    }

    func testStatisticsMatchEmpyrical() throws {
        let statistics = PerformanceStatistics(curve: try OracleFixture.equityCurve())
        let empyrical = try XCTUnwrap(try OracleFixture.metrics()["empyrical_0.7.1"])
        assertRelative(statistics.sharpe, empyrical["sharpe"], "sharpe")
        assertRelative(statistics.sortino, empyrical["sortino"], "sortino")
        assertRelative(statistics.maxDrawdown, empyrical["max_drawdown"], "max_drawdown")
        assertRelative(statistics.cagr, empyrical["cagr"], "cagr")
        assertRelative(statistics.cagr, empyrical["annual_return"], "annual_return")
        assertRelative(statistics.volatility, empyrical["annual_volatility"], "annual_volatility")
        XCTAssertLessThan(try XCTUnwrap(statistics.maxDrawdown), 0, "max drawdown is negative, as empyrical has it")
    }

    func testStatisticsMatchTheExplicitFormulas() throws {
        let statistics = PerformanceStatistics(curve: try OracleFixture.equityCurve())
        let formulas = try XCTUnwrap(try OracleFixture.metrics()["formulas"])
        assertRelative(statistics.sharpe, formulas["sharpe"], "sharpe")
        assertRelative(statistics.sortino, formulas["sortino"], "sortino")
        assertRelative(statistics.maxDrawdown, formulas["max_drawdown"], "max_drawdown")
        assertRelative(statistics.cagr, formulas["cagr_252"], "cagr_252")
        assertRelative(statistics.cagrCalendar, formulas["cagr_calendar_365"], "cagr_calendar_365")
        assertRelative(statistics.totalReturn, formulas["total_return"], "total_return")
        assertRelative(statistics.volatility, formulas["annual_volatility"], "annual_volatility")
        assertRelative(statistics.calmar, formulas["cagr_252"]! / abs(formulas["max_drawdown"]!), "calmar")
    }
}
