import QuorumConfig
import QuorumModel
import QuorumRisk
import XCTest

/// ACTIVE / REDUCING / HALTED with exact thresholds, the next day, auto-resume and the resume command.
final class TradingStateMonitorTests: XCTestCase {
    private func day(_ d: Int64, hour: Int64 = 16) -> Timestamp { d * nanosecondsPerDay + hour * 3600 * nanosecondsPerSecond }

    func testDailyLossSwitchesToReducingUntilTheNextDay() {
        var m = TradingStateMonitor(limits: RiskLimits(), startingEquity: Money(units: 100_000))
        XCTAssertNil(m.startDay(day(1)))
        XCTAssertNil(m.observe(equity: Money(raw: 98_000 * fixedPointScale + 1), at: day(1)))   // 1.99999…%
        let change = m.observe(equity: Money(units: 98_000), at: day(1, hour: 17))              // exactly 2%
        XCTAssertEqual(change?.to, .reducing)
        XCTAssertEqual(change?.from, .active)
        XCTAssertTrue(change!.reason.contains("daily_loss_limit 2.0%"), change!.reason)
        XCTAssertNil(m.observe(equity: Money(units: 97_000), at: day(1, hour: 18)), "already reducing")
        XCTAssertEqual(m.startDay(day(2))?.to, .active)
        XCTAssertEqual(m.dayStartEquity, Money(units: 97_000), "the day starts from the last equity")
        XCTAssertNil(m.observe(equity: Money(units: 96_000), at: day(2)))                      // −1.03% today
    }

    func testMaxDrawdownHaltsAndOnlyAResumeLeavesIt() {
        var m2 = TradingStateMonitor(limits: RiskLimits(), startingEquity: Money(units: 100_000))
        _ = m2.startDay(day(1))
        _ = m2.observe(equity: Money(units: 125_000), at: day(1))
        _ = m2.startDay(day(2))
        let halt = m2.observe(equity: Money(units: 100_000), at: day(2))                       // exactly 20% off the peak
        XCTAssertEqual(halt?.to, .halted)
        XCTAssertTrue(halt!.reason.contains("max_drawdown 20.0%"), halt!.reason)
        for d in 3...10 { XCTAssertNil(m2.startDay(day(Int64(d))), "no auto-resume configured") }
        XCTAssertNil(m2.observe(equity: Money(units: 130_000), at: day(10)), "halted stays halted")
        XCTAssertEqual(m2.resume(at: day(10), reason: "operator")?.to, .active)
        XCTAssertEqual(m2.peak, Money(units: 130_000), "the drawdown is measured from the resume")
        XCTAssertNil(m2.resume(at: day(10), reason: "again"), "already active")
    }

    func testAutoResumeAfterTheConfiguredDays() {
        var limits = RiskLimits()
        limits.autoResume = AutoResume(afterDays: 2)
        var m = TradingStateMonitor(limits: limits, startingEquity: Money(units: 100_000))
        _ = m.startDay(day(1))
        XCTAssertEqual(m.observe(equity: Money(units: 79_000), at: day(1))?.to, .halted)
        XCTAssertNil(m.startDay(day(2)))
        XCTAssertNil(m.startDay(day(2)), "the same day counts once")
        let resumed = m.startDay(day(3))
        XCTAssertEqual(resumed?.to, .active)
        XCTAssertEqual(resumed?.reason, "auto_resume after 2 day(s)")
        XCTAssertEqual(m.peak, Money(units: 79_000))
    }
}
