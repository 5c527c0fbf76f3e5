import QuorumConfig
import QuorumExecution
import QuorumJudge
import QuorumModel
import QuorumRisk
import XCTest

/// The trading states on real and hand-made data: the kill switch in YHOO's January 2000 fall, the daily loss
/// limit within a day, resume and auto-resume.
final class KillSwitchTests: XCTestCase {
    /// Limits that let one position carry the account, so the fall reaches the drawdown limit.
    private func concentrated(_ edit: (inout RiskLimits) -> Void = { _ in }) -> RiskLimits {
        var limits = RiskLimits()
        limits.maxPosition = Ratio(1)!
        limits.maxOrderValue = Money(units: 1_000_000)
        limits.minCashReserve = Ratio(raw: 0)
        limits.stopLossRequired = false
        limits.dailyLossLimit = Ratio(0.5)!
        edit(&limits)
        return limits
    }

    private func stage(_ recorder: DecisionRecorder, _ limits: RiskLimits) -> ExecutionStage {
        let stage = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["YHOO", "NVDA"],
            sizer: FractionOfEquity(fraction: Ratio(0.95)!), limits: limits))
        stage.journal = recorder
        stage.observer = recorder
        return stage
    }

    /// Limits that let one position carry the account: no cash reserve, no required stop.
    private func looseLimits() -> RiskLimits {
        var limits = RiskLimits()
        limits.maxPosition = Ratio(1)!
        limits.maxOrderValue = Money(units: 1_000_000)
        limits.minCashReserve = Ratio(raw: 0)
        limits.stopLossRequired = false
        return limits
    }

    /// A stage driven one time step at a time over hand-made bars (open = high = low = close), each symbol's
    /// bar its own event, recording what it reports.
    private final class Steps {
        let stage: ExecutionStage
        let recorder = DecisionRecorder()
        private var events = 0

        init(_ settings: ExecutionSettings) {
            stage = ExecutionStage(settings: settings)
            stage.journal = recorder
            stage.observer = recorder
        }

        /// Opens every symbol's bar at `t` (`prices[k]`, `volumes[k]`), decides `verdicts`, ends the step.
        func step(_ t: Timestamp, prices: [Double], volumes: [Double], _ verdicts: [Int: Verdict]) {
            let bars = zip(prices, volumes).map { p, v in
                Bar(time: t, open: price(p), high: price(p), low: price(p), close: price(p), volume: v)
            }
            for (k, bar) in bars.enumerated() { stage.barOpened(symbol: k, bar: bar) }
            for (k, v) in verdicts.sorted(by: { $0.key < $1.key }) { stage.decide(v, symbol: k, bar: bars[k], event: events + k) }
            events += bars.count
            stage.endOfStep(time: t)
        }
    }

    func testTheKillSwitchHaltsOnTheDrawdownCancelsEntriesAndWaitsForResume() throws {
        let tape = try Tape([("YHOO_1d.csv", "YHOO"), ("NVDA_1d.csv", "NVDA")], from: "2000-01-03", to: "2000-02-15")
        // Independently of the stage: 800 YHOO bought at 116.125 leave 7100 cash; the first close where
        // 7100 + 800 × close is 20% under the 100000 peak is the halt day.
        let haltIndex = tape.rows.indices.dropFirst().first { i in
            7_100 + 800 * tape.rows[i].bars[0].close.doubleValue <= 80_000
        }!
        XCTAssertEqual(Timestamps.format(tape.rows[haltIndex].time, .date), "2000-01-12")

        let recorder = DecisionRecorder()
        let s = stage(recorder, concentrated())
        tape.run(s, through: haltIndex) { i in
            i == 0 ? [0: verdict(.long)] : (i == haltIndex ? [1: verdict(.long)] : [:])
        }
        XCTAssertEqual(recorder.fills.map(\.quantity), [800])
        XCTAssertEqual(s.tradingState, .halted)
        XCTAssertEqual(recorder.states.map(\.to), [.halted])
        XCTAssertEqual(recorder.states.first?.time, tape.rows[haltIndex].time)
        // The NVDA entry sent that day was cancelled by the kill switch before it could fill.
        XCTAssertTrue(recorder.events.contains { $0.order.symbol == 1 && $0.event == .cancel && $0.reason == "kill switch" })
        XCTAssertEqual(recorder.decisions.last?.action, .cancelled)
        XCTAssertEqual(recorder.decisions.last?.rule, "max_drawdown")
        XCTAssertFalse(s.broker.hasOrders(1))

        // HALTED: no new orders, not even exits; the YHOO position stays.
        let next = haltIndex + 1
        tape.run(s, from: next, through: next + 1) { i in i == next ? [0: verdict(.flat), 1: verdict(.flat)] : [1: verdict(.long)] }
        XCTAssertEqual(Array(recorder.decisions.suffix(2).map(\.rule)), ["trading_state", "trading_state"])
        XCTAssertEqual(s.portfolio.positions[0].quantity, 800)
        XCTAssertEqual(s.rejected.last?.reason.hasPrefix("trading_state"), true)
        XCTAssertEqual(recorder.fills.count, 1)
        for _ in 0..<5 { tape.run(s, from: next + 2, through: next + 2) { _ in [:] } }
        XCTAssertEqual(s.tradingState, .halted, "no auto-resume configured")

        // `quorum resume`: ACTIVE again, and the verdicts refused meanwhile are taken on their next call.
        s.resume(at: tape.rows[next + 2].time, reason: "resumed by operator")
        XCTAssertEqual(s.tradingState, .active)
        XCTAssertEqual(recorder.states.last?.reason, "resumed by operator")
        tape.run(s, from: next + 3, through: next + 4) { i in i == next + 3 ? [0: verdict(.flat)] : [:] }
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0)
        XCTAssertEqual(recorder.closed.count, 1)
        XCTAssertTrue(recorder.refusals.isEmpty)
    }

    func testAutoResumeReturnsToActiveAfterTheConfiguredDays() throws {
        let tape = try Tape([("YHOO_1d.csv", "YHOO"), ("NVDA_1d.csv", "NVDA")], from: "2000-01-03", to: "2000-01-31")
        let recorder = DecisionRecorder()
        let s = stage(recorder, concentrated { $0.autoResume = AutoResume(afterDays: 3) })
        tape.run(s) { $0 == 0 ? [0: verdict(.long)] : [:] }
        XCTAssertEqual(recorder.states.map(\.to).prefix(2), [.halted, .active])
        let halted = tape.rows.firstIndex { $0.time == recorder.states[0].time }!
        XCTAssertEqual(recorder.states[1].time, tape.rows[halted + 3].time)
        XCTAssertEqual(recorder.states[1].reason, "auto_resume after 3 day(s)")
    }

    /// Intraday: a loss of 2% within the day switches to REDUCING; entries are refused, exits go; the next day
    /// is ACTIVE again.
    func testTheDailyLossLimitAllowsOnlyReductionsUntilTheNextDay() {
        let recorder = DecisionRecorder()
        var limits = RiskLimits()
        limits.maxPosition = Ratio(1)!
        limits.maxOrderValue = Money(units: 1_000_000)
        limits.minCashReserve = Ratio(raw: 0)
        limits.stopLossRequired = false
        let s = ExecutionStage(settings: ExecutionSettings(startingCash: Money(units: 100_000), symbolNames: ["A", "B"],
                                                           sizer: FractionOfEquity(fraction: Ratio(0.5)!), limits: limits))
        s.journal = recorder
        let hour = 3600 * nanosecondsPerSecond
        var events = 0
        func step(_ t: Timestamp, _ a: Double, _ b: Double, _ verdicts: [Int: Verdict]) {
            let bars = [a, b].map { Bar(time: t, open: price($0), high: price($0), low: price($0), close: price($0), volume: 1e6) }
            for (k, bar) in bars.enumerated() { s.barOpened(symbol: k, bar: bar) }
            for (k, v) in verdicts.sorted(by: { $0.key < $1.key }) {
                s.decide(v, symbol: k, bar: bars[k], event: events + k)
            }
            events += bars.count
            s.endOfStep(time: t)
        }
        let day = 10_000 * nanosecondsPerDay
        step(day + 10 * hour, 100, 50, [0: verdict(.long)])             // 500 A
        step(day + 11 * hour, 100, 50, [:])                              // filled at 100
        step(day + 12 * hour, 95.9, 50, [1: verdict(.long)])             // −2.05%: B's entry is approved…
        XCTAssertEqual(s.tradingState, .reducing)                        // …and cancelled at the end of the step
        XCTAssertEqual(recorder.decisions.last?.rule, "daily_loss_limit")
        step(day + 13 * hour, 95.9, 50, [1: verdict(.flat)])
        step(day + 14 * hour, 95.9, 50, [1: verdict(.long), 0: verdict(.flat)])
        XCTAssertEqual(recorder.decisions.last(where: { $0.symbol == 1 })?.rule, "trading_state")
        step(day + 15 * hour, 95.9, 50, [:])
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0, "the exit went through while reducing")
        step(day + nanosecondsPerDay + 10 * hour, 95.9, 50, [1: verdict(.flat)])
        XCTAssertEqual(s.tradingState, .active)
        XCTAssertEqual(recorder.states.map(\.to), [.reducing, .active])
        XCTAssertEqual(recorder.states.last?.reason, "new trading day")
        step(day + nanosecondsPerDay + 11 * hour, 95.9, 50, [1: verdict(.long)])
        XCTAssertEqual(recorder.decisions.last?.rule, "all")
    }

    /// An entry still open when the daily loss limit is reached — here approved in the very step whose loss
    /// reached it, and spread over bars by a participation cap — is cancelled: REDUCING allows only what reduces
    /// exposure. The next day, ACTIVE again, the position it left is long, so the unchanged long verdict asks
    /// for nothing more (a rebalance threshold would top it up). (The entry used to keep filling through
    /// REDUCING: the limit refused only entries decided after the step that reached it.)
    func testAnEntryStillOpenWhenTheDailyLossLimitIsReachedIsCancelled() {
        let steps = Steps(ExecutionSettings(
            startingCash: Money(units: 200_000), symbolNames: ["A", "B"], sizer: FixedQuantity(quantity: 1_000),
            limits: looseLimits(), maxParticipation: Ratio(0.001)!, entryTimeInForce: .gtc))
        let (s, recorder) = (steps.stage, steps.recorder)
        let hour = 3600 * nanosecondsPerSecond
        func step(_ t: Timestamp, _ a: Double, _ verdicts: [Int: Verdict]) {
            steps.step(t, prices: [a, 10], volumes: [1e9, 100_000], verdicts)
        }
        let day = 10_000 * nanosecondsPerDay
        step(day + 10 * hour, 100, [0: verdict(.long)])                  // 1,000 A
        step(day + 11 * hour, 100, [0: verdict(.long)])                  // filled at 100
        step(day + 14 * hour, 100, [0: verdict(.long), 1: verdict(.long)])  // 1,000 B approved
        step(day + 15 * hour, 95, [0: verdict(.long), 1: verdict(.long)])   // 100 B filled; −2.5%: REDUCING
        XCTAssertEqual(s.tradingState, .reducing)
        XCTAssertEqual(s.portfolio.positions[1].quantity, 100)
        XCTAssertTrue(recorder.events.contains {
            $0.order.symbol == 1 && $0.event == .cancel && $0.reason == "daily loss limit"
        })
        XCTAssertEqual(recorder.decisions.last?.rule, "daily_loss_limit")
        XCTAssertEqual(recorder.decisions.last?.action, .cancelled)
        XCTAssertEqual(recorder.decisions.last?.requested, 900)
        XCTAssertEqual(recorder.decisions.last?.detail, "daily loss limit: 1 open entry order(s) cancelled")
        XCTAssertFalse(s.broker.hasOrders(1), "nothing of B's is left working (no stop is required here)")
        step(day + 16 * hour, 95, [0: verdict(.long), 1: verdict(.long)])
        XCTAssertEqual(s.portfolio.positions[1].quantity, 100, "nothing more filled while reducing")
        for h in 10...14 {
            step(day + nanosecondsPerDay + Int64(h) * hour, 95, [0: verdict(.long), 1: verdict(.long)])
        }
        XCTAssertEqual(recorder.states.map(\.to), [.reducing, .active])
        XCTAssertEqual(recorder.placed.filter { $0.symbol == 1 && $0.leg == .entry }.count, 1)
        XCTAssertEqual(s.portfolio.positions[1].quantity, 100)
    }

    /// On daily bars a step's decisions fill at the next day's open, after the state is ACTIVE again: the limit
    /// acts only by cancelling the entries decided in the step whose loss reached it. (It refused nothing on
    /// daily data before: REDUCING began after the day's decisions and ended before the next day's fills.)
    func testOnDailyBarsTheDailyLossLimitCancelsTheDaysEntries() {
        let steps = Steps(ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A", "B"], sizer: FixedQuantity(quantity: 500),
            limits: looseLimits()))
        let (s, recorder) = (steps.stage, steps.recorder)
        func step(_ day: Int64, _ a: Double, _ verdicts: [Int: Verdict]) {
            steps.step(day * nanosecondsPerDay, prices: [a, 10], volumes: [1e9, 1e9], verdicts)
        }
        step(10_000, 100, [0: verdict(.long)])
        step(10_001, 100, [0: verdict(.long)])                          // 500 A at 100
        step(10_002, 95, [0: verdict(.long), 1: verdict(.long)])        // −2.5%: B's entry is cancelled
        XCTAssertEqual(recorder.states.map(\.to), [.reducing])
        step(10_003, 95, [0: verdict(.long), 1: verdict(.long)])        // ACTIVE: B's entry placed again
        XCTAssertEqual(s.portfolio.positions[1].quantity, 0, "the entry decided at the loss did not fill")
        step(10_004, 95, [0: verdict(.long), 1: verdict(.long)])
        XCTAssertEqual(s.portfolio.positions[1].quantity, 500)
        XCTAssertEqual(recorder.states.map(\.to), [.reducing, .active])
        XCTAssertEqual(recorder.decisions.filter { $0.rule == "daily_loss_limit" }.count, 1)
    }

    /// Back to ACTIVE, a symbol's target is where its orders take it: a refused reversal's entry is taken on the
    /// next verdict asking for it, and a closing exit still filling (a participation cap spreads it over bars)
    /// is left to finish, not cancelled and sent again.
    func testActiveAgainTakesRefusedEntriesAndLeavesWorkingExitsAlone() {
        let steps = Steps(ExecutionSettings(
            startingCash: Money(units: 200_000), symbolNames: ["A", "B"], sizer: FixedQuantity(quantity: 1_000),
            limits: looseLimits(), maxParticipation: Ratio(0.001)!, entryTimeInForce: .gtc))
        let (s, recorder) = (steps.stage, steps.recorder)
        let hour = 3600 * nanosecondsPerSecond
        func step(_ t: Timestamp, _ a: Double, volumeA: Double = 1e9, _ verdicts: [Int: Verdict]) {
            steps.step(t, prices: [a, 10], volumes: [volumeA, 1e6], verdicts)
        }
        let day = 10_000 * nanosecondsPerDay
        step(day + 10 * hour, 100, [0: verdict(.long), 1: verdict(.long)])
        step(day + 11 * hour, 100, [:])                                   // 1,000 A at 100, 1,000 B at 10
        step(day + 12 * hour, 95, [:])                                    // −2.5%: REDUCING
        XCTAssertEqual(s.tradingState, .reducing)
        // B reverses: its exit goes (it reduces exposure), its short entry is refused; A is told to go flat.
        step(day + 13 * hour, 95, [0: verdict(.flat), 1: verdict(.short)])
        XCTAssertEqual(recorder.decisions.last(where: { $0.symbol == 1 })?.rule, "trading_state")
        // Next day, ACTIVE: A's exit fills 500 a bar (0.1% of 500,000), B's at once; B's short is taken on the
        // verdict asking for it again, and A's exit is left to finish.
        let placedBefore = recorder.placed.count
        step(day + nanosecondsPerDay + 10 * hour, 95, volumeA: 500_000, [0: verdict(.flat), 1: verdict(.short)])
        XCTAssertEqual(recorder.states.map(\.to), [.reducing, .active])
        XCTAssertEqual(s.portfolio.positions[0].quantity, 500)
        XCTAssertEqual(recorder.placed[placedBefore...].map(\.symbol), [1], "B's short entry alone")
        step(day + nanosecondsPerDay + 11 * hour, 95, volumeA: 500_000, [0: verdict(.flat)])
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0)
        XCTAssertEqual(s.portfolio.positions[1].quantity, -1_000)
        XCTAssertFalse(recorder.events.contains { $0.order.symbol == 0 && $0.event == .cancel })
        XCTAssertTrue(recorder.refusals.isEmpty)
    }

    /// Back to ACTIVE, an exit left with nothing to reduce (a stop took the whole position and the bar's volume
    /// first) moves the target nowhere: the entry refused while REDUCING is placed on the next verdict asking
    /// for it. (Counted as a buy of 20, it made the target long, and the long verdict read as no change.)
    func testAnExitWithNothingToReduceDoesNotHideARefusedEntry() {
        var limits = looseLimits()
        limits.stopLossRequired = true
        limits.defaultStop = Ratio(0.5)!
        let steps = Steps(ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["X"], sizer: FixedNotional(notional: Money(units: 10_000)),
            limits: limits, maxParticipation: Ratio(0.5)!, rebalanceThreshold: Ratio(0.1)!))
        let (s, recorder) = (steps.stage, steps.recorder)
        let hour = 3600 * nanosecondsPerSecond
        func step(_ t: Timestamp, _ p: Double, volume: Double = 1e6, _ verdict: Verdict?) {
            steps.step(t, prices: [p], volumes: [volume], verdict.map { [0: $0] } ?? [:])
        }
        let day = 10_000 * nanosecondsPerDay
        step(day + 10 * hour, 100, verdict(.short))                       // short 100, stop at 150
        step(day + 11 * hour, 100, verdict(.short))                       // filled at 100
        step(day + nanosecondsPerDay + 10 * hour, 125, verdict(.short))  // rebalance: buy 20; −2.5%: REDUCING
        XCTAssertEqual(s.tradingState, .reducing)
        // A gap to 160: the stop buys all 100 with the bar's whole cap (0.5 × 200); the rebalance's buy of 20
        // is left working on a flat book. The verdict turns long: refused while REDUCING.
        step(day + nanosecondsPerDay + 11 * hour, 160, volume: 200, verdict(.long))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0)
        XCTAssertEqual(recorder.decisions.last?.rule, "trading_state")
        let placed = recorder.placed.count
        step(day + 2 * nanosecondsPerDay + 10 * hour, 160, verdict(.long))   // ACTIVE again
        XCTAssertEqual(recorder.states.last?.to, .active)
        XCTAssertEqual(recorder.placed[placed...].filter { $0.leg == .entry }.map(\.side), [.buy])
        step(day + 2 * nanosecondsPerDay + 11 * hour, 160, verdict(.long))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 62)                  // ⌊10,000 / 160⌋
    }
}
