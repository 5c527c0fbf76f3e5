import QuorumExecution
import QuorumModel
import QuorumPortfolio
import XCTest

/// The fill rules of SPEC §10 on hand-made bars: market, limit, stop (with gaps), stop-limit, trailing stop,
/// brackets (stop first), one-cancels-other, participation caps, time in force, cash rejection, contingent
/// orders.
final class SimulatedBrokerTests: XCTestCase {
    /// Books fills into a portfolio (refusing what the cash cannot carry) and records every event.
    final class Recorder: BrokerEventSink {
        var portfolio = Portfolio(startingCash: Money(units: 100_000), symbolCount: 1)
        var fills: [(leg: OrderLeg, quantity: Quantity, price: Price)] = []
        var events: [String] = []
        var refusals: [TransitionError] = []

        func reducible(symbol: Int, by side: OrderSide) -> Quantity { side.reducible(portfolio.positions[0].quantity) }
        func book(_ order: Order, quantity: Quantity, price: Price, commission: Money, time: Timestamp) -> String? {
            let held = portfolio.positions[0].quantity
            if abs(held + quantity) > abs(held),
               portfolio.buyingPower(after: quantity, of: 0, at: price, commission: commission) < 0 {
                return "insufficient cash"
            }
            portfolio.apply(Fill(symbol: 0, time: time, quantity: quantity, price: price, commission: commission))
            fills.append((order.leg, quantity, price))
            return nil
        }

        func orderChanged(_ order: Order, event: OrderEvent, from: OrderStatus, reason: String?, time: Timestamp) {
            events.append("\(order.leg.rawValue):\(order.status.rawValue)")
        }

        func transitionRefused(_ error: TransitionError, order: Order, time: Timestamp) { refusals.append(error) }
    }

    private func p(_ v: Double) -> Price { Price(v)! }
    private func bar(_ day: Int64, _ o: Double, _ h: Double, _ l: Double, _ c: Double, volume: Double = 1_000_000) -> Bar {
        Bar(time: day * nanosecondsPerDay, open: p(o), high: p(h), low: p(l), close: p(c), volume: volume)
    }
    /// An order placed on day `day` (it acts from the next bar on), its id naming `event` (default: the day).
    private func order(_ leg: OrderLeg, _ side: OrderSide, _ qty: Quantity, _ type: OrderType, day: Int64 = 0,
                       event: Int? = nil, tif: TimeInForce = .gtc, parent: ClientOrderID? = nil) -> Order {
        Order(id: ClientOrderID(event: event ?? Int(day), symbol: 0, leg: leg), side: side, quantity: qty, type: type,
              timeInForce: tif, parent: parent, placedAt: day * nanosecondsPerDay)
    }
    private func setUp(_ costs: CostModel = .free, participation: Ratio? = nil) -> (SimulatedBroker, Recorder) {
        let broker = SimulatedBroker(symbolCount: 1, costs: costs, maxParticipation: participation)
        let recorder = Recorder()
        broker.sink = recorder
        return (broker, recorder)
    }

    func testFillPricesOfEveryOrderType() {
        // (order, bar, expected fill price or nil)
        let cases: [(String, OrderSide, OrderType, Bar, Double?)] = [
            ("market buy", .buy, .market, bar(1, 100, 105, 95, 101), 100),
            ("limit buy touched", .buy, .limit(p(97)), bar(1, 100, 105, 95, 101), 97),
            ("limit buy gap below", .buy, .limit(p(97)), bar(1, 96, 99, 94, 98), 96),
            ("limit buy not reached", .buy, .limit(p(94)), bar(1, 100, 105, 95, 101), nil),
            ("limit sell touched", .sell, .limit(p(104)), bar(1, 100, 105, 95, 101), 104),
            ("limit sell gap above", .sell, .limit(p(104)), bar(1, 106, 108, 103, 107), 106),
            ("stop buy touched", .buy, .stop(p(103)), bar(1, 100, 105, 95, 101), 103),
            ("stop buy gap through", .buy, .stop(p(103)), bar(1, 104, 105, 103.5, 104), 104),
            ("stop buy not reached", .buy, .stop(p(106)), bar(1, 100, 105, 95, 101), nil),
            ("stop sell touched", .sell, .stop(p(96)), bar(1, 100, 105, 95, 101), 96),
            ("stop sell gap through", .sell, .stop(p(96)), bar(1, 90, 92, 88, 91), 90),
            ("stop-limit buy within limit", .buy, .stopLimit(stop: p(103), limit: p(104)), bar(1, 100, 105, 95, 101), 103),
            ("stop-limit buy gap above limit, comes back", .buy, .stopLimit(stop: p(103), limit: p(104)),
             bar(1, 106, 107, 103.5, 105), 104),
            ("stop-limit buy gap above limit, stays", .buy, .stopLimit(stop: p(103), limit: p(104)),
             bar(1, 106, 107, 105, 106), nil),
            ("stop-limit sell", .sell, .stopLimit(stop: p(96), limit: p(95.5)), bar(1, 100, 101, 95, 96), 96),
            ("trailing sell from the open", .sell, .trailingStop(.percent(Ratio(0.05)!)), bar(1, 100, 101, 94, 96), 95),
            ("trailing buy from the open", .buy, .trailingStop(.amount(p(2))), bar(1, 100, 103, 99, 101), 102),
        ]
        for (name, side, type, b, expected) in cases {
            let (broker, recorder) = setUp()
            if side == .sell { recorder.portfolio.apply(Fill(symbol: 0, time: 0, quantity: 10, price: p(100))) }
            broker.submit(order(.entry, side, 10, type), time: 0)
            broker.process(symbol: 0, bar: b)
            XCTAssertEqual(recorder.fills.first.map { $0.price.doubleValue }, expected, name)
        }
    }

    func testTrailingStopFollowsTheBestPriceAndChecksBeforeMoving() {
        let (broker, recorder) = setUp()
        recorder.portfolio.apply(Fill(symbol: 0, time: 0, quantity: 10, price: p(100)))
        broker.submit(order(.stopLoss, .sell, 10, .trailingStop(.percent(Ratio(0.1)!))), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 120, 95, 118))    // level 90 holds; anchor → 120
        broker.process(symbol: 0, bar: bar(2, 117, 119, 109, 110))   // level 108 holds; anchor stays 120
        XCTAssertTrue(recorder.fills.isEmpty)
        broker.process(symbol: 0, bar: bar(3, 109, 110, 107, 108))   // 107 ≤ 108: fills at min(109, 108)
        XCTAssertEqual(recorder.fills.map { $0.price }, [p(108)])
    }

    func testBracketStopFillsFirstWhenBothCouldAndCancelsTheTarget() {
        let (broker, recorder) = setUp()
        let entry = order(.entry, .buy, 100, .market)
        broker.submit(entry, time: 0)
        broker.submit(order(.stopLoss, .sell, 100, .stop(p(95)), parent: entry.id), time: 0)
        broker.submit(order(.takeProfit, .sell, 100, .limit(p(110)), parent: entry.id), time: 0)
        XCTAssertEqual(broker.openOrders(0).count, 3)
        broker.process(symbol: 0, bar: bar(1, 100, 101, 99, 100))     // entry at 100; exits work from now on
        XCTAssertEqual(recorder.fills.map { $0.leg }, [.entry])
        broker.process(symbol: 0, bar: bar(2, 100, 112, 94, 100))      // both reachable: the stop wins
        XCTAssertEqual(recorder.fills.map { $0.leg }, [.entry, .stopLoss])
        XCTAssertEqual(recorder.fills.last?.price, p(95))
        XCTAssertTrue(recorder.events.contains("take_profit:canceled"))
        XCTAssertEqual(recorder.portfolio.positions[0].quantity, 0)
        XCTAssertFalse(broker.hasOrders(0))
    }

    func testTargetAloneFillsAndCancelsTheStop() {
        let (broker, recorder) = setUp()
        let entry = order(.entry, .buy, 100, .market)
        broker.submit(entry, time: 0)
        broker.submit(order(.stopLoss, .sell, 100, .stop(p(95)), parent: entry.id), time: 0)
        broker.submit(order(.takeProfit, .sell, 100, .limit(p(110)), parent: entry.id), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 101, 99, 100))
        broker.process(symbol: 0, bar: bar(2, 108, 111, 107, 109))
        XCTAssertEqual(recorder.fills.map { $0.leg }, [.entry, .takeProfit])
        XCTAssertEqual(recorder.fills.last?.price, p(110))
        XCTAssertTrue(recorder.events.contains("stop_loss:canceled"))
        XCTAssertFalse(broker.hasOrders(0))
    }

    func testExitsMayFillInTheEntrysBarAfterIt() {
        let (broker, recorder) = setUp()
        let entry = order(.entry, .buy, 100, .market)
        broker.submit(entry, time: 0)
        broker.submit(order(.stopLoss, .sell, 100, .stop(p(95)), parent: entry.id), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 101, 90, 92))       // fills at 100, then falls through 95
        XCTAssertEqual(recorder.fills.map { $0.price }, [p(100), p(95)])
    }

    /// The cap is P × the bar's volume, exactly: 0.29 of 100 units is 29 (the doubles' product, 28.999999999999996,
    /// gave 28).
    func testTheParticipationCapIsExact() {
        let (broker, recorder) = setUp(participation: Ratio(0.29)!)
        broker.submit(order(.entry, .buy, 200, .market), time: 0)
        for day in 1...3 { broker.process(symbol: 0, bar: bar(Int64(day), 10, 10, 10, 10, volume: 100)) }
        XCTAssertEqual(recorder.fills.map(\.quantity), [29, 29, 29])
    }

    func testParticipationCapsFillsPerBarAndProtectionCoversWhatFilled() {
        let (broker, recorder) = setUp(participation: Ratio(0.1)!)
        let entry = order(.entry, .buy, 250, .market, tif: .gtc)
        broker.submit(entry, time: 0)
        broker.submit(order(.stopLoss, .sell, 250, .stop(p(50)), parent: entry.id), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 101, 99, 100, volume: 1_000))   // 100 of 250
        broker.process(symbol: 0, bar: bar(2, 100, 101, 99, 100, volume: 1_200))   // 120 more
        XCTAssertEqual(recorder.fills.map { $0.quantity }, [100, 120])
        XCTAssertEqual(recorder.events.filter { $0.hasPrefix("entry") }.suffix(2), ["entry:partially_filled", "entry:partially_filled"])
        broker.process(symbol: 0, bar: bar(3, 100, 101, 99, 100, volume: 5_000))   // the last 30
        XCTAssertEqual(recorder.fills.map { $0.quantity }, [100, 120, 30])
        XCTAssertEqual(broker.openOrders(0).map { $0.leg }, [.stopLoss])
        XCTAssertEqual(broker.openOrders(0).first?.quantity, 250)
    }

    func testADayOrderExpiresAndItsBracketWithItButPartialFillsStayProtected() {
        let (broker, recorder) = setUp(participation: Ratio(0.1)!)
        let entry = order(.entry, .buy, 250, .market, tif: .day)
        broker.submit(entry, time: 0)
        broker.submit(order(.stopLoss, .sell, 250, .stop(p(50)), parent: entry.id), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 101, 99, 100, volume: 1_000))   // 100 fill on day 1
        broker.process(symbol: 0, bar: bar(2, 100, 101, 99, 100, volume: 1_000))   // day 2: the entry expired first
        XCTAssertEqual(recorder.fills.map { $0.quantity }, [100])
        XCTAssertTrue(recorder.events.contains("entry:expired"))
        XCTAssertEqual(broker.openOrders(0).map { $0.quantity }, [100], "the stop covers the 100 that filled")

        let (b2, r2) = setUp()
        let limit = order(.entry, .buy, 10, .limit(p(90)), tif: .day)
        b2.submit(limit, time: 0)
        b2.submit(order(.stopLoss, .sell, 10, .stop(p(80)), parent: limit.id), time: 0)
        b2.process(symbol: 0, bar: bar(1, 100, 101, 95, 100))
        b2.process(symbol: 0, bar: bar(2, 100, 101, 85, 100))
        XCTAssertTrue(r2.fills.isEmpty, "expired before day 2 could fill it")
        XCTAssertEqual(r2.events.suffix(3), ["entry:expired", "stop_loss:pending_cancel", "stop_loss:canceled"])
        XCTAssertFalse(b2.hasOrders(0))
    }

    func testImmediateOrCancelAndGoodTillCancelled() {
        let (broker, recorder) = setUp()
        broker.submit(order(.entry, .buy, 10, .limit(p(90)), tif: .ioc), time: 0)
        broker.submit(order(.entry, .buy, 10, .limit(p(80)), event: 1, tif: .gtc), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 101, 95, 100))
        XCTAssertTrue(recorder.events.contains("entry:canceled"))
        for d in 2...20 { broker.process(symbol: 0, bar: bar(Int64(d), 100, 101, 95, 100)) }
        XCTAssertEqual(broker.openOrders(0).map { $0.timeInForce }, [.gtc], "gtc works until filled")
        broker.process(symbol: 0, bar: bar(21, 85, 86, 79, 80))
        XCTAssertEqual(recorder.fills.map { $0.price }, [p(80)])
    }

    func testAnOrderTheCashCannotCarryIsRejectedWithItsChildren() {
        let (broker, recorder) = setUp()
        let entry = order(.entry, .buy, 1_000, .market)
        broker.submit(entry, time: 0)
        broker.submit(order(.stopLoss, .sell, 1_000, .stop(p(90)), parent: entry.id), time: 0)
        broker.process(symbol: 0, bar: bar(1, 101, 102, 100, 101))      // 101000 > 100000
        XCTAssertTrue(recorder.fills.isEmpty)
        XCTAssertEqual(recorder.events.suffix(3), ["entry:rejected", "stop_loss:pending_cancel", "stop_loss:canceled"])
        XCTAssertFalse(broker.hasOrders(0))
    }

    /// Exits, stops and targets only reduce a position: whichever fills first, what is left of the others
    /// covers only what is still held, and one with nothing left to reduce is cancelled (a stop that filled
    /// before a working reduction used to leave the book short by the reduction).
    func testExitsNeverTakeAPositionThroughZero() {
        for stopSentFirst in [true, false] {
            let (broker, recorder) = setUp()
            recorder.portfolio.apply(Fill(symbol: 0, time: 0, quantity: 100, price: p(100)))
            let stop = order(.stopLoss, .sell, 100, .stop(p(90))), reduction = order(.exit, .sell, 48, .market, event: 1)
            for o in stopSentFirst ? [stop, reduction] : [reduction, stop] { broker.submit(o, time: 0) }
            broker.process(symbol: 0, bar: bar(1, 85, 86, 80, 82))                // opens through the stop
            XCTAssertEqual(recorder.fills.map(\.quantity), [-100], "stops act first; sent first: \(stopSentFirst)")
            XCTAssertEqual(recorder.portfolio.positions[0].quantity, 0)
            XCTAssertFalse(broker.hasOrders(0))
            XCTAssertTrue(recorder.events.contains("exit:canceled"))
        }
        // A target after a reduction in one bar takes only what is left, and its rest ends.
        let (broker, recorder) = setUp()
        recorder.portfolio.apply(Fill(symbol: 0, time: 0, quantity: 100, price: p(100)))
        broker.submit(order(.takeProfit, .sell, 100, .limit(p(110))), time: 0)
        broker.submit(order(.exit, .sell, 48, .market, event: 1), time: 0)
        broker.process(symbol: 0, bar: bar(1, 105, 112, 104, 111))
        XCTAssertEqual(recorder.fills.map(\.quantity), [-48, -52])
        XCTAssertEqual(recorder.portfolio.positions[0].quantity, 0)
        XCTAssertFalse(broker.hasOrders(0))
    }

    /// An entry filling over several bars (capped by their volume) is protected from its first fill, for what
    /// it has filled; a stop that acts withdraws the rest of the entry. Before, the stop waited for the whole
    /// entry, and a bar through it left the filled units unprotected.
    func testAPartlyFilledEntryIsProtectedForWhatItFilled() {
        let (broker, recorder) = setUp(participation: Ratio(1)!)
        let entry = order(.entry, .buy, 181, .market)
        broker.submit(entry, time: 0)
        broker.submit(order(.stopLoss, .sell, 181, .stop(p(95)), parent: entry.id), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 101, 99, 100, volume: 100))
        XCTAssertEqual(recorder.portfolio.positions[0].quantity, 100)
        XCTAssertEqual(broker.openOrders(0).filter { $0.leg == .stopLoss }.map(\.quantity), [100])
        broker.process(symbol: 0, bar: bar(2, 100, 101, 99, 100, volume: 50))
        XCTAssertEqual(broker.openOrders(0).filter { $0.leg == .stopLoss }.map(\.remaining), [150], "grows with the entry")
        broker.process(symbol: 0, bar: bar(3, 90, 91, 80, 85, volume: 150))     // through the stop
        XCTAssertEqual(recorder.fills.map(\.quantity), [100, 50, -150])
        XCTAssertEqual(recorder.portfolio.positions[0].quantity, 0)
        XCTAssertFalse(broker.hasOrders(0), "the rest of the entry is withdrawn")
        XCTAssertTrue(recorder.events.contains("entry:canceled"))
    }

    /// A reversal whose exit a stop beat to it: the exit has nothing left to reduce, and the entry waiting for it
    /// goes, since the position is flat as the exit was to leave it.
    func testAReversalGoesOnWhenAStopFlattenedThePositionFirst() {
        let (broker, recorder) = setUp()
        recorder.portfolio.apply(Fill(symbol: 0, time: 0, quantity: 100, price: p(100)))
        broker.submit(order(.stopLoss, .sell, 100, .stop(p(90))), time: 0)
        let exit = order(.exit, .sell, 100, .market, event: 1)
        broker.submit(exit, time: 0)
        broker.submit(order(.entry, .sell, 50, .market, event: 1, parent: exit.id), time: 0)
        broker.process(symbol: 0, bar: bar(2, 85, 86, 80, 82))
        XCTAssertEqual(recorder.fills.map(\.leg), [.stopLoss, .entry])
        XCTAssertEqual(recorder.portfolio.positions[0].quantity, -50)
        XCTAssertTrue(recorder.events.contains("exit:canceled"))
    }

    func testAContingentEntryGoesOnlyAfterItsParentFilledCompletely() {
        let (broker, recorder) = setUp()
        recorder.portfolio.apply(Fill(symbol: 0, time: 0, quantity: 10, price: p(100)))
        let exit = order(.exit, .sell, 10, .market)
        broker.submit(exit, time: 0)
        broker.submit(order(.entry, .sell, 20, .market, parent: exit.id), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 101, 99, 100))
        XCTAssertEqual(recorder.fills.map { $0.leg }, [.exit, .entry])
        XCTAssertEqual(recorder.portfolio.positions[0].quantity, -20)
    }

    func testCancelAndCapProtection() {
        let (broker, recorder) = setUp()
        recorder.portfolio.apply(Fill(symbol: 0, time: 0, quantity: 100, price: p(100)))
        broker.submit(order(.stopLoss, .sell, 60, .stop(p(90)), day: 0), time: 0)
        broker.submit(order(.stopLoss, .sell, 40, .stop(p(91)), day: 1), time: 0)
        broker.capProtection(symbol: 0, units: 70, time: 0)
        XCTAssertEqual(broker.openOrders(0).map { $0.quantity }, [60, 10], "the newest gives way first")
        broker.capProtection(symbol: 0, units: 50, time: 0)
        XCTAssertEqual(broker.openOrders(0).map { $0.quantity }, [50])
        broker.cancel(symbol: 0, time: 0, reason: "test") { _ in true }
        XCTAssertFalse(broker.hasOrders(0))
        XCTAssertEqual(recorder.events.suffix(2), ["stop_loss:pending_cancel", "stop_loss:canceled"])
        XCTAssertTrue(recorder.refusals.isEmpty)
    }

    func testSlippageAppliesToMarketAndStopFillsNotLimits() {
        let (broker, recorder) = setUp(CostModel(slippageBps: Ratio(10)!))
        broker.submit(order(.entry, .buy, 10, .market), time: 0)
        broker.submit(order(.exit, .sell, 5, .limit(p(104)), day: 0), time: 0)
        broker.process(symbol: 0, bar: bar(1, 100, 105, 95, 101))
        XCTAssertEqual(recorder.fills.map { $0.price }, [p(100.1), p(104)])
    }

    func testClientOrderIDsAreDerivedFromRunEventSymbolAndLeg() {
        let a = ClientOrderID(event: 4711, symbol: 0, leg: .entry)
        XCTAssertEqual(a.text(run: "bt1", symbolName: "GOOG"), "bt1~4711-GOOG-en")
        XCTAssertEqual(a, ClientOrderID(event: 4711, symbol: 0, leg: .entry))
        XCTAssertNotEqual(a, ClientOrderID(event: 4711, symbol: 0, leg: .stopLoss))
        XCTAssertNotEqual(a, ClientOrderID(event: 4712, symbol: 0, leg: .entry))
        XCTAssertEqual(ClientOrderID(event: 0, symbol: 1, leg: .takeProfit).text(run: "r", symbolName: "X"), "r~0-X-tp")
        XCTAssertEqual(ClientOrderID(event: .max, symbol: 1, leg: .stopLoss).text(run: "r", symbolName: "X"),
                       "r~\(Int.max)-X-sl")
        // Run ids may hold dashes and digits, symbols anything: no two runs' orders share an id (run R with
        // symbol 85-X and run R-85 with symbol X did, at event 85).
        let event85 = ClientOrderID(event: 85, symbol: 0, leg: .entry)
        XCTAssertNotEqual(event85.text(run: "R", symbolName: "85-X"), event85.text(run: "R-85", symbolName: "X"))
        XCTAssertEqual(event85.text(run: "R", symbolName: "85-X"), "R~85-85-X-en")
    }
}
