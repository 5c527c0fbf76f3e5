import QuorumConfig
import QuorumExecution
import QuorumModel
import QuorumRisk
import XCTest

/// Whole trades on the bundled GOOG bars with every limit at its default (SPEC §8–§10).
final class TradeLifecycleTests: XCTestCase {
    private func stage(_ recorder: DecisionRecorder, limits: RiskLimits? = RiskLimits()) -> ExecutionStage {
        let stage = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["GOOG"],
            sizer: FractionOfCash(fraction: Ratio(0.95)!), limits: limits))
        stage.journal = recorder
        stage.observer = recorder
        return stage
    }

    /// scan → entry → stop set → target hit → exit → closed.
    func testALongTradeFromSetupToTargetOnRealBars() throws {
        let tape = try Tape([("GOOG_1d.csv", "GOOG")], from: "2004-09-01", to: "2004-10-01")
        let recorder = DecisionRecorder()
        let s = stage(recorder)
        let signal = tape.index("2004-09-02")                          // close 101.51
        tape.run(s) { $0 < signal ? [:] : ($0 == signal ? [0: verdict(.long, target: 111)] : [0: verdict(.long)]) }

        // Sizing wants ⌊0.95 × 100000 / 101.51⌋ = 935; max_position (20000) and max_order_value (10000) cut it.
        XCTAssertEqual(recorder.decisions.map(\.rule), ["max_position", "max_order_value", "all"])
        XCTAssertEqual(recorder.decisions.map(\.approved), [197, 98, 98])
        XCTAssertEqual(recorder.placed.map(\.leg), [.entry, .stopLoss, .takeProfit])
        XCTAssertEqual(recorder.placed[1].type, .stop(price(96.43)), "5% under 101.51, rounded down to the cent")
        XCTAssertEqual(recorder.placed[2].type, .limit(price(111)))
        // Entry at the next open (2004-09-03, 100.95); target touched on 2004-09-14 (open 107.45, high 112).
        XCTAssertEqual(recorder.fills.map(\.leg), [.entry, .takeProfit])
        XCTAssertEqual(recorder.fills.map(\.price), [price(100.95), price(111)])
        XCTAssertEqual(recorder.fills.map { Timestamps.format($0.time, .date) }, ["2004-09-03", "2004-09-14"])
        XCTAssertTrue(recorder.events.contains { $0.order.leg == .stopLoss && $0.event == .cancel },
                      "one-cancels-other")
        XCTAssertEqual(recorder.phases, [.scanning, .setupDetected, .entryApproved, .orderPlaced, .filled, .holding,
                                         .exitTriggered, .orderClosing, .closed])
        XCTAssertEqual(recorder.closed.first?.pnl, Money(raw: 98 * (11_100_000_000 - 10_095_000_000)))   // 984.90
        XCTAssertEqual(s.portfolio.cash, Money(units: 100_000) + Money(raw: 98_490_000_000))
        XCTAssertTrue(recorder.refusals.isEmpty)
        XCTAssertFalse(s.broker.hasOrders(0))
    }

    func testAStrategysStopIsUsedOnlyWithinTheRequiredDistance() throws {
        let tape = try Tape([("GOOG_1d.csv", "GOOG")], from: "2004-09-01", to: "2004-09-10")
        for (suggested, expected) in [(98.0, 98.0), (90.0, 96.43), (102.0, 96.43)] {
            let recorder = DecisionRecorder()
            let signal = tape.index("2004-09-02")
            tape.run(stage(recorder), through: signal) { $0 == signal ? [0: verdict(.long, stop: suggested)] : [:] }
            XCTAssertEqual(recorder.placed.first { $0.leg == .stopLoss }?.type, .stop(price(expected)), "\(suggested)")
        }
    }

    /// A short: the stop sits above the entry, short proceeds are collateral, and a rise stops it out.
    func testAShortIsStoppedOutAboveTheEntry() throws {
        let tape = try Tape([("GOOG_1d.csv", "GOOG")], from: "2004-09-01", to: "2004-09-20")
        let recorder = DecisionRecorder()
        let s = stage(recorder)
        tape.run(s) { $0 == 0 ? [0: verdict(.short)] : [:] }               // 2004-09-01, close 100.25
        XCTAssertEqual(recorder.placed.map(\.side), [.sell, .buy])
        XCTAssertEqual(recorder.placed[1].type, .stop(price(105.27)), "5% above 100.25, rounded up to the cent")
        XCTAssertEqual(recorder.placed[0].quantity, 99)                     // ⌊10000 / 100.25⌋
        // Sold at 99.19 on 2004-09-02; bought back at the stop on 2004-09-10 (open 101.6, high 106.56).
        XCTAssertEqual(recorder.fills.map(\.price), [price(99.19), price(105.27)])
        XCTAssertEqual(recorder.closed.first?.quantity, -99)
        XCTAssertEqual(recorder.closed.first?.pnl, Money(raw: -99 * 608_000_000))           // −601.92
        XCTAssertEqual(s.portfolio.cash, Money(raw: 100_000 * fixedPointScale - 99 * 608_000_000))
    }

    func testAProfitableShortThroughTheCrashClosedByTheVerdict() throws {
        let tape = try Tape([("GOOG_1d.csv", "GOOG")], from: "2008-09-25", to: "2008-10-15")
        let recorder = DecisionRecorder()
        let s = stage(recorder)
        let entry = tape.index("2008-09-26"), exit = tape.index("2008-10-09")
        var buyingPowerAfterEntry = Money.zero
        tape.run(s) { i in
            if i == entry + 1 { buyingPowerAfterEntry = s.portfolio.buyingPower }
            return i == entry ? [0: verdict(.short)] : (i == exit ? [0: verdict(.flat)] : [0: verdict(i > entry && i < exit ? .short : .flat)])
        }
        // ⌊10000 / 431.04⌋ = 23 sold at 419.51 (2008-09-29 open); stop 452.60 never reached; covered at 313.16.
        XCTAssertEqual(recorder.fills.map(\.quantity), [-23, 23])
        XCTAssertEqual(recorder.fills.map(\.price), [price(419.51), price(313.16)])
        XCTAssertEqual(recorder.placed.first { $0.leg == .stopLoss }?.type, .stop(price(452.60)))
        XCTAssertEqual(recorder.closed.first?.pnl, Money(raw: 23 * 10_635_000_000))           // 2446.05
        XCTAssertEqual(s.portfolio.cash, Money(raw: 100_000 * fixedPointScale + 23 * 10_635_000_000))
        // While short, the proceeds were collateral: buying power = equity − gross exposure, not cash.
        XCTAssertLessThan(buyingPowerAfterEntry, s.portfolio.cash)
        XCTAssertEqual(recorder.phases.last, .closed)
        XCTAssertTrue(recorder.events.contains { $0.order.leg == .stopLoss && $0.reason == "position closing" })
    }

    func testAReversalClosesThenOpensAtTheSameOpen() throws {
        let tape = try Tape([("GOOG_1d.csv", "GOOG")], from: "2004-09-01", to: "2004-09-09")
        let recorder = DecisionRecorder()
        let s = stage(recorder, limits: nil)
        tape.run(s) { $0 == 0 ? [0: verdict(.long)] : ($0 == 2 ? [0: verdict(.short)] : [:]) }
        // Long 947 at 99.19 (⌊95000 / 100.25⌋); reversed at 2004-09-07's open 101.01: sell 947, then short.
        XCTAssertEqual(recorder.fills.map(\.leg), [.entry, .exit, .entry])
        XCTAssertEqual(recorder.fills.map(\.quantity).prefix(2), [947, -947])
        XCTAssertEqual(Set(recorder.fills.dropFirst().map(\.price)), [price(101.01)])
        XCTAssertLessThan(s.portfolio.positions[0].quantity, 0)
        XCTAssertEqual(recorder.closed.count, 1)
        XCTAssertTrue(recorder.refusals.isEmpty)
        // The long trade closes; the short one waited behind it and now holds.
        XCTAssertTrue(recorder.phases.contains(.closed))
        XCTAssertEqual(recorder.phases.last, .holding)
    }
}
