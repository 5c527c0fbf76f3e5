import QuorumConfig
import QuorumExecution
import QuorumJudge
import QuorumModel
import QuorumPortfolio
import QuorumRisk
import XCTest

/// The execution stage with `limits: none` and worked numbers: next-open fills, cash checks, shorts as
/// collateral, exact money.
final class ExecutionStageTests: XCTestCase {
    private func bar(_ day: Int64, open: Int64, close: Int64) -> Bar {
        Bar(time: day * nanosecondsPerDay, open: Price(raw: open * fixedPointScale), high: Price(raw: max(open, close) * fixedPointScale),
            low: Price(raw: min(open, close) * fixedPointScale), close: Price(raw: close * fixedPointScale), volume: 1000)
    }

    private func verdict(_ d: Direction) -> Verdict {
        Verdict(direction: d, conviction: 1, net: d.sign, stances: 1, nonFlat: d == .flat ? 0 : 1)
    }

    private func stage() -> ExecutionStage {
        ExecutionStage(settings: ExecutionSettings(startingCash: Money(units: 100_000), symbolNames: ["A", "B"],
                                                   sizer: FractionOfCash(fraction: Ratio(raw: 95_000_000))))
    }

    func testMarketOrdersFillAtTheNextOpenAndRoundTripsAreExact() {
        let s = stage()
        s.barOpened(symbol: 0, bar: bar(1, open: 100, close: 100))
        s.decide(verdict(.long), symbol: 0, bar: bar(1, open: 100, close: 100), event: 1)   // ⌊95000 / 100⌋ = 950
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0, "nothing fills before the next bar")
        s.barOpened(symbol: 0, bar: bar(2, open: 101, close: 103))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 950)
        XCTAssertEqual(s.portfolio.cash, Money(units: 100_000 - 95_950))
        XCTAssertEqual(s.equity, Money(units: 100_000 - 95_950 + 950 * 103))
        s.decide(verdict(.flat), symbol: 0, bar: bar(2, open: 101, close: 103), event: 2)
        s.barOpened(symbol: 0, bar: bar(3, open: 99, close: 99))
        XCTAssertEqual(s.portfolio.roundTrips.count, 1)
        XCTAssertEqual(s.portfolio.roundTrips[0].pnl, Money(units: -2 * 950))
        XCTAssertEqual(s.portfolio.cash, Money(units: 100_000 - 2 * 950))
    }

    func testAnOrderCostingMoreThanTheCashIsRejectedNotResized() {
        let s = stage()
        s.barOpened(symbol: 0, bar: bar(1, open: 100, close: 100))
        s.decide(verdict(.long), symbol: 0, bar: bar(1, open: 100, close: 100), event: 1)   // 950 units
        s.barOpened(symbol: 0, bar: bar(2, open: 106, close: 106))                 // 950 × 106 > 100000
        XCTAssertEqual(s.rejected.map { $0.quantity }, [950])
        XCTAssertEqual(s.rejected.first?.reason, "insufficient cash")
        XCTAssertEqual(s.portfolio.cash, Money(units: 100_000))
        s.decide(verdict(.long), symbol: 0, bar: bar(2, open: 106, close: 106), event: 2)   // the target stands: no new order
        s.barOpened(symbol: 0, bar: bar(3, open: 100, close: 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0)
    }

    func testShortProceedsAreCollateralNotBuyingPower() {
        let s = stage()
        s.barOpened(symbol: 0, bar: bar(1, open: 100, close: 100))
        s.barOpened(symbol: 1, bar: bar(1, open: 100, close: 100))
        s.decide(verdict(.short), symbol: 0, bar: bar(1, open: 100, close: 100), event: 1)
        s.barOpened(symbol: 0, bar: bar(2, open: 100, close: 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, -950)
        XCTAssertEqual(s.portfolio.cash, Money(units: 195_000))
        XCTAssertEqual(s.portfolio.buyingPower, Money(units: 5_000))   // equity 100000 − gross 95000
        s.decide(verdict(.long), symbol: 1, bar: bar(2, open: 100, close: 100), event: 2)   // ⌊0.95 × 5000 / 100⌋ = 47
        s.barOpened(symbol: 1, bar: bar(3, open: 100, close: 100))
        XCTAssertEqual(s.portfolio.positions[1].quantity, 47)
        // Reversing the short into a long sizes from the buying power the closed short frees.
        s.decide(verdict(.long), symbol: 0, bar: bar(3, open: 100, close: 100), event: 3)
        s.barOpened(symbol: 0, bar: bar(4, open: 100, close: 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 905)   // ⌊0.95 × (300 + 95000) / 100⌋
        XCTAssertEqual(s.portfolio.roundTrips.count, 1)
        XCTAssertEqual(s.portfolio.roundTrips[0].quantity, -950)
        XCTAssertGreaterThanOrEqual(s.portfolio.buyingPower.raw, 0)
    }

    /// An entry capped by the bar's volume fills in part; when the rest no longer fits the cash it is cancelled
    /// (an order cannot be rejected after a fill: the refused transition used to leave it working, and it
    /// filled days later) and reported as rejected.
    func testThePartOfAPartlyFilledEntryTheCashCannotCarryEnds() {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 20_000), symbolNames: ["A"], sizer: FixedQuantity(quantity: 190),
            maxParticipation: Ratio(1)!, entryTimeInForce: .gtc))
        func bar(_ day: Int64, _ price: Int64, volume: Double) -> Bar {
            let p = Price(raw: price * fixedPointScale)
            return Bar(time: day * nanosecondsPerDay, open: p, high: p, low: p, close: p, volume: volume)
        }
        s.barOpened(symbol: 0, bar: bar(1, 100, volume: 1_000))
        s.decide(verdict(.long), symbol: 0, bar: bar(1, 100, volume: 1_000), event: 1)
        s.barOpened(symbol: 0, bar: bar(2, 100, volume: 100))                    // 100 of 190 fill
        XCTAssertEqual(s.portfolio.positions[0].quantity, 100)
        s.barOpened(symbol: 0, bar: bar(3, 200, volume: 1_000))                  // 90 × 200 > 10000 left
        XCTAssertEqual(s.rejected.map(\.quantity), [90])
        XCTAssertEqual(s.rejected.map(\.reason), ["insufficient cash"])
        XCTAssertFalse(s.broker.hasOrders(0), "the rest of the entry ended")
        s.barOpened(symbol: 0, bar: bar(4, 105, volume: 1_000))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 100)
    }

    func testCommissionAndSlippageAreChargedExactly() {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A"], sizer: FractionOfCash(fraction: Ratio(raw: 50_000_000)),
            costs: CostModel(perUnit: Money(raw: 1_000_000), bps: Ratio(10)!, minimum: Money(units: 1), slippageBps: Ratio(5)!)))
        s.barOpened(symbol: 0, bar: bar(1, open: 100, close: 100))
        s.decide(verdict(.long), symbol: 0, bar: bar(1, open: 100, close: 100), event: 1)   // 500 units
        s.barOpened(symbol: 0, bar: bar(2, open: 100, close: 100))
        // fill at 100.05; commission = 500 × 0.01 + 10 bps × 50025 = 5 + 50.025
        XCTAssertEqual(s.portfolio.positions[0].costBasis, Money(units: 50_025))
        XCTAssertEqual(s.portfolio.cash, Money(raw: (100_000 - 50_025) * fixedPointScale - 5_502_500_000))
    }
}

/// Stage features beyond the next-open market path: rebalancing, trailing stops, sizing through the stage.
final class ExecutionStageFeatureTests: XCTestCase {
    private func bar(_ day: Int64, _ o: Double, _ h: Double, _ l: Double, _ c: Double) -> Bar {
        Bar(time: day * nanosecondsPerDay, open: Price(o)!, high: Price(h)!, low: Price(l)!, close: Price(c)!, volume: 1e6)
    }

    private func long(_ conviction: Double = 1) -> Verdict {
        Verdict(direction: .long, conviction: conviction, net: conviction, stances: 1, nonFlat: 1)
    }

    /// Conviction-scaled sizing (half the cash at conviction 1), rebalancing beyond 20%: 500 units of A held
    /// at 100 after event 1's entry filled on day 2's open.
    private func rebalancingStageHolding500() -> ExecutionStage {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A"], sizer: ConvictionScaled(fraction: Ratio(0.5)!),
            rebalanceThreshold: Ratio(0.2)!))
        s.barOpened(symbol: 0, bar: bar(1, 100, 100, 100, 100))
        s.decide(long(1), symbol: 0, bar: bar(1, 100, 100, 100, 100), event: 1)
        s.barOpened(symbol: 0, bar: bar(2, 100, 100, 100, 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 500)
        return s
    }

    func testRebalanceResizesAHeldPositionWhenTheTargetMovesBeyondTheThreshold() {
        let s = rebalancingStageHolding500()
        s.decide(long(0.9), symbol: 0, bar: bar(2, 100, 100, 100, 100), event: 2)      // target 450: −10%, within 20%
        s.barOpened(symbol: 0, bar: bar(3, 100, 100, 100, 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 500)
        s.decide(long(0.5), symbol: 0, bar: bar(3, 100, 100, 100, 100), event: 3)      // target 250: −50%
        s.barOpened(symbol: 0, bar: bar(4, 100, 100, 100, 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 250)
        s.decide(long(1), symbol: 0, bar: bar(4, 100, 100, 100, 100), event: 4)        // target 500: +100%
        s.barOpened(symbol: 0, bar: bar(5, 100, 100, 100, 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 500)
        XCTAssertEqual(s.ordersSent, 3)
    }

    /// A symbol judged again within a bar (on another symbol's event, for a strategy following both) turns flat
    /// while a rebalance's reduction is still working: the closing exit replaces that reduction instead of
    /// joining it (both filling took a long-only book short), and every order of the bar has its own id.
    func testAClosingExitReplacesAWorkingReductionAndIdsNameTheirEvent() {
        let s = rebalancingStageHolding500()
        s.decide(long(0.5), symbol: 0, bar: bar(2, 100, 100, 100, 100), event: 3)        // reduce by 250
        XCTAssertEqual(s.broker.openOrders(0).map(\.quantity), [250])
        s.decide(Verdict.flat, symbol: 0, bar: bar(2, 100, 100, 100, 100), event: 4)     // judged again: close
        let open = s.broker.openOrders(0)
        XCTAssertEqual(open.map(\.quantity), [500], "the reduction is withdrawn, the exit closes the whole position")
        XCTAssertEqual(open.map(\.id), [ClientOrderID(event: 4, symbol: 0, leg: .exit)])
        s.barOpened(symbol: 0, bar: bar(3, 100, 100, 100, 100))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0)
        XCTAssertTrue(s.broker.openOrders(0).isEmpty)
    }

    func testATrailingStopProtectsEntriesWhenConfigured() {
        var limits = RiskLimits()
        limits.maxOrderValue = Money(units: 1_000_000)
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A"], sizer: FixedQuantity(quantity: 100),
            limits: limits, trailingStop: Ratio(0.1)!))
        s.barOpened(symbol: 0, bar: bar(1, 100, 100, 100, 100))
        s.decide(long(), symbol: 0, bar: bar(1, 100, 100, 100, 100), event: 1)
        XCTAssertEqual(s.broker.openOrders(0).last?.type, .trailingStop(.percent(Ratio(0.05)!)),
                       "never wider than default_stop")
        s.barOpened(symbol: 0, bar: bar(2, 100, 120, 99, 118))     // filled at 100; level 95 holds; best 120
        s.barOpened(symbol: 0, bar: bar(3, 117, 118, 113, 114))    // 113 ≤ 114 (120 × 0.95): stopped at 114
        XCTAssertEqual(s.portfolio.positions[0].quantity, 0)
        XCTAssertEqual(s.portfolio.roundTrips.first?.exitPrice, Price(114)!)
    }

    /// `execution.trailing_stop` protects entries by itself, when no stop is required (it was ignored then).
    func testATrailingStopWorksWithoutRequiredStops() {
        var optional = RiskLimits()
        optional.stopLossRequired = false
        optional.maxOrderValue = Money(units: 1_000_000)
        for limits: RiskLimits? in [nil, optional] {
            let s = ExecutionStage(settings: ExecutionSettings(
                startingCash: Money(units: 100_000), symbolNames: ["A"], sizer: FixedQuantity(quantity: 100),
                limits: limits, trailingStop: Ratio(0.05)!))
            s.barOpened(symbol: 0, bar: bar(1, 100, 100, 100, 100))
            s.decide(long(), symbol: 0, bar: bar(1, 100, 100, 100, 100), event: 1)
            XCTAssertEqual(s.broker.openOrders(0).last?.type, .trailingStop(.percent(Ratio(0.05)!)))
            s.barOpened(symbol: 0, bar: bar(2, 100, 120, 99, 118))
            s.barOpened(symbol: 0, bar: bar(3, 117, 118, 113, 114))    // 120 × 0.95 = 114
            XCTAssertEqual(s.portfolio.positions[0].quantity, 0, "limits \(limits == nil ? "none" : "on")")
            XCTAssertEqual(s.portfolio.roundTrips.first?.exitPrice, Price(114)!)
        }
    }

    func testVolatilityTargetSizingReadsTheATRTheStageKeeps() {
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A"],
            sizer: VolatilityTarget(period: 2, riskPerTrade: Ratio(0.01)!, atrMultiple: 2)))
        s.barOpened(symbol: 0, bar: bar(1, 100, 101, 99, 100))
        s.decide(long(), symbol: 0, bar: bar(1, 100, 101, 99, 100), event: 1)          // ATR not ready: no entry
        s.barOpened(symbol: 0, bar: bar(2, 100, 100, 100, 100))
        XCTAssertEqual(s.ordersSent, 0)
        s.decide(Verdict.flat, symbol: 0, bar: bar(2, 100, 100, 100, 100), event: 2)
        s.barOpened(symbol: 0, bar: bar(3, 100, 103, 99, 102))              // TR 0, 4 → ATR 2
        s.decide(long(), symbol: 0, bar: bar(3, 100, 103, 99, 102), event: 3)
        s.barOpened(symbol: 0, bar: bar(4, 102, 102, 102, 102))
        XCTAssertEqual(s.portfolio.positions[0].quantity, 250)               // 1000 / (2 × 2)
    }

    /// A volatility target sizes an entry for a stop atr_multiple × ATR away; the stop placed is no farther (a
    /// review: the 5% default stop was placed instead, 14.77 away where 11.26 was sized for, losing 1.3 times
    /// the risk budget at the stop). The ATR is 2 after three bars, so the stop sized for is 4 under the
    /// close of 102.
    func testAVolatilityTargetEntryIsStoppedNoFartherThanItWasSizedFor() {
        func stopPlaced(limits: RiskLimits?, multiple: Double = 2, suggested: Double? = nil,
                        trailing: Ratio? = nil, short: Bool = false) -> OrderType? {
            let s = ExecutionStage(settings: ExecutionSettings(
                startingCash: Money(units: 100_000), symbolNames: ["A"],
                sizer: VolatilityTarget(period: 2, riskPerTrade: Ratio(0.01)!, atrMultiple: multiple), limits: limits,
                trailingStop: trailing))
            for (day, b) in [bar(1, 100, 101, 99, 100), bar(2, 100, 100, 100, 100)].enumerated() {
                s.barOpened(symbol: 0, bar: b)
                s.decide(Verdict.flat, symbol: 0, bar: b, event: day)
            }
            let third = bar(3, 100, 103, 99, 102)
            s.barOpened(symbol: 0, bar: third)
            var verdict = short ? Verdict(direction: .short, conviction: 1, net: -1, stances: 1, nonFlat: 1) : long()
            verdict.stopLoss = suggested.map { Price($0)! }
            s.decide(verdict, symbol: 0, bar: third, event: 3)
            return s.broker.openOrders(0).first { $0.leg == .stopLoss }?.type
        }
        var limits = RiskLimits()
        limits.maxPosition = Ratio(1)!
        limits.maxOrderValue = Money(units: 1_000_000)
        limits.minCashReserve = Ratio(raw: 0)
        XCTAssertEqual(stopPlaced(limits: nil), .stop(Price(98)!), "sized for, also with limits: none")
        XCTAssertEqual(stopPlaced(limits: limits), .stop(Price(98)!), "nearer than the 5% default (96.90)")
        XCTAssertEqual(stopPlaced(limits: limits, multiple: 5), .stop(Price(96.9)!), "the default is nearer than 92")
        XCTAssertEqual(stopPlaced(limits: limits, multiple: 1.3333), .stop(Price(99.34)!),
                       "102 − 2.6666 = 99.3334, rounded to the tick toward the price")
        XCTAssertEqual(stopPlaced(limits: nil, multiple: 1.3333, short: true), .stop(Price(104.66)!))
        XCTAssertEqual(stopPlaced(limits: limits, suggested: 97), .stop(Price(98)!), "the strategy's, farther, is not")
        XCTAssertEqual(stopPlaced(limits: limits, suggested: 99.5), .stop(Price(99.5)!), "the strategy's, nearer")
        XCTAssertEqual(stopPlaced(limits: nil, trailing: Ratio(0.1)!), .trailingStop(.percent(Ratio(raw: 3_921_568))),
                       "4 / 102, rounded down")
        XCTAssertEqual(stopPlaced(limits: limits, trailing: Ratio(0.02)!), .trailingStop(.percent(Ratio(0.02)!)))
    }

    /// Sized at half the equity against a 20% `max_position`, a held position at the cap asked for a top-up on
    /// every bar with `rebalance_threshold`, refused each time (a review: 1,115 rejected orders against 37 trades).
    /// A top-up aims no higher than the cap: none is asked for while the position is at it, and one is when the
    /// equity grows under it; a position above the cap is not reduced.
    func testARebalanceAsksForNoTopUpTheLimitWouldRefuse() {
        var limits = RiskLimits()
        limits.maxOrderValue = Money(units: 1_000_000)
        limits.minCashReserve = Ratio(raw: 0)
        limits.stopLossRequired = false
        let s = ExecutionStage(settings: ExecutionSettings(
            startingCash: Money(units: 100_000), symbolNames: ["A", "B"], sizer: FractionOfEquity(fraction: Ratio(0.5)!),
            limits: limits, rebalanceThreshold: Ratio(0.1)!))
        let recorder = DecisionRecorder()
        s.journal = recorder
        // A: held at the cap; B: bought once, rising, lifts the equity (and A's cap) above what A holds.
        for day in 1...40 {
            let a = bar(Int64(day), 100, 100, 100, 100)
            let priceB = day < 10 ? 100.0 : 100 + Double(day - 9) * 5
            let b = bar(Int64(day), priceB, priceB, priceB, priceB)
            s.barOpened(symbol: 0, bar: a)
            s.barOpened(symbol: 1, bar: b)
            s.decide(long(), symbol: 0, bar: a, event: 2 * day)
            if day == 1 { s.decide(long(), symbol: 1, bar: b, event: 2 * day + 1) }
            s.endOfStep(time: a.time)
        }
        XCTAssertEqual(recorder.decisions.filter { $0.symbol == 0 && $0.action == .refused }.count, 0,
                       "\(recorder.decisions.filter { $0.symbol == 0 }.map(\.detail).suffix(3))")
        XCTAssertTrue(s.rejected.isEmpty)
        let topUps = recorder.placed.filter { $0.symbol == 0 && $0.leg == .entry }.count
        XCTAssertGreaterThan(topUps, 1, "the entry, then top-ups as B lifts the equity")
        let held = s.portfolio.positions[0].quantity
        XCTAssertLessThanOrEqual(Double(held) * 100, 0.2 * s.portfolio.equity.doubleValue + 100, "within the cap")
    }

    /// A trailing distance is written exactly, as the journal's `orders.trail` shows it (one worked out from a
    /// sized stop read 9.029110999999999%).
    func testATrailingPercentIsWrittenExactly() {
        XCTAssertEqual(Trail.percent(Ratio(raw: 9_029_111)).description, "9.029111%")
        XCTAssertEqual(Trail.percent(Ratio(0.1)!).description, "10%")
        XCTAssertEqual(Trail.percent(Ratio(raw: 1)).description, "0.000001%")
    }
}
