import QuorumModel
import QuorumPerformance
import QuorumReport
import XCTest

/// Numbers as the terminal prints them.
final class MetricTextTests: XCTestCase {
    func testMoneyToTheCentWithThousandsSeparators() {
        XCTAssertEqual(MetricText.money(Money(units: 100_000)), "100,000.00")
        XCTAssertEqual(MetricText.money(Money(raw: 54_329_579_499_999)), "543,295.79")   // …794.99999 rounds down
        XCTAssertEqual(MetricText.money(Money(raw: 54_329_579_500_000)), "543,295.80")   // half away from zero
        XCTAssertEqual(MetricText.money(Money(raw: -50_000_000)), "-0.50")
        XCTAssertEqual(MetricText.money(Money(raw: -49_999_999)), "-0.50")
        XCTAssertEqual(MetricText.money(Money(raw: -400_000)), "0.00")
        XCTAssertEqual(MetricText.money(Money(raw: 999)), "0.00")
        XCTAssertEqual(MetricText.money(Money(units: 1_234)), "1,234.00")
        // The ends of the range (it overflowed adding the half cent).
        XCTAssertEqual(MetricText.money(Money(raw: .max)), "92,233,720,368.55")
        XCTAssertEqual(MetricText.money(Money(raw: .min)), "-92,233,720,368.55")
    }

    func testFixedNeverPrintsMinusZero() {
        XCTAssertEqual(MetricText.fixed(-0.001, decimals: 2), "0.00")
        XCTAssertEqual(MetricText.fixed(-28.4512, decimals: 2), "-28.45")
        XCTAssertEqual(MetricText.fixed(0, decimals: 2), "0.00")
    }

    func testHoldingTimesBelowADayKeepTheirDigits() {
        func text(_ days: Double) -> String {
            var s = PerformanceStatistics()
            s.averageHoldingDays = days
            return ComparisonFormat.table.render(ComparisonTable(rows: [ComparisonRow(name: "x", statistics: s)]))
        }
        XCTAssertTrue(text(0.045).contains(" 0.045"), text(0.045))   // a minute strategy's hour
        XCTAssertTrue(text(12.46).contains(" 12.5"), text(12.46))
    }
}
