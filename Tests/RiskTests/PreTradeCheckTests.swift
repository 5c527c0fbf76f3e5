import QuorumConfig
import QuorumModel
import QuorumRisk
import XCTest

/// Every hard limit of SPEC §8, table-driven: the rule that acts, the action, and the units left.
final class PreTradeCheckTests: XCTestCase {
    private let t0: Timestamp = 19_000 * nanosecondsPerDay + 15 * 3600 * nanosecondsPerSecond   // 2022-01-08 15:00 UTC
    private let price = Price(raw: 100 * fixedPointScale)

    private struct Case {
        var name: String
        var units: Quantity
        var limits: (inout RiskLimits) -> Void = { _ in }
        var account = AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 100_000), openPositions: 0)
        var state = TradingState.active
        var symbol = 0
        var live = false
        /// (rule, action, units after) of each decision, in order.
        var expected: [(String, RiskDecision.Action, Quantity)]
    }

    private var cases: [Case] {
        [
            Case(name: "within every default", units: 50, expected: [("all", .approved, 50)]),
            Case(name: "max_position does not bind below 20% of equity", units: 150,
                 limits: { $0.maxOrderValue = Money(units: 1_000_000) }, expected: [("all", .approved, 150)]),
            Case(name: "max_position binds", units: 300, limits: { $0.maxOrderValue = Money(units: 1_000_000) },
                 expected: [("max_position", .resized, 200), ("all", .approved, 200)]),
            Case(name: "max_order_value binds", units: 150,
                 expected: [("max_order_value", .resized, 100), ("all", .approved, 100)]),
            Case(name: "sector exposure leaves room for 50", units: 90,
                 account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 100_000), openPositions: 1,
                                      sectorExposure: Money(units: 25_000), sector: "tech"),
                 expected: [("max_sector_exposure", .resized, 50), ("all", .approved, 50)]),
            Case(name: "sector full refuses", units: 10,
                 account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 100_000), openPositions: 1,
                                      sectorExposure: Money(units: 30_000), sector: "tech"),
                 expected: [("max_sector_exposure", .refused, 0)]),
            Case(name: "cash reserve keeps 10% of equity", units: 90,
                 account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 15_000), openPositions: 0),
                 expected: [("min_cash_reserve", .resized, 50), ("all", .approved, 50)]),
            Case(name: "buying power without reserve", units: 90, limits: { $0.minCashReserve = Ratio(raw: 0) },
                 account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 4_050), openPositions: 0),
                 expected: [("buying_power", .resized, 40), ("all", .approved, 40)]),
            Case(name: "no buying power refuses", units: 5,
                 account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 9_000), openPositions: 0),
                 expected: [("min_cash_reserve", .refused, 0)]),
            Case(name: "max_positions", units: 5,
                 account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 100_000), openPositions: 10),
                 expected: [("max_positions", .refused, 0)]),
            Case(name: "restricted symbol", units: 5, limits: { $0.restrictedSymbols = ["B"] }, symbol: 1,
                 expected: [("restricted_symbols", .refused, 0)]),
            Case(name: "reducing refuses entries", units: 5, state: .reducing, expected: [("trading_state", .refused, 0)]),
            Case(name: "halted refuses entries", units: 5, state: .halted, expected: [("trading_state", .refused, 0)]),
            Case(name: "market hours apply live (Saturday)", units: 5, live: true,
                 expected: [("market_hours", .refused, 0)]),
            Case(name: "market hours do not apply to backtests", units: 5, expected: [("all", .approved, 5)]),
            Case(name: "several limits bind in turn", units: 1_000,
                 account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 12_000), openPositions: 0),
                 expected: [("max_position", .resized, 200), ("max_order_value", .resized, 100),
                            ("min_cash_reserve", .resized, 20), ("all", .approved, 20)]),
        ]
    }

    func testEveryLimit() {
        for c in cases {
            var limits = RiskLimits()
            c.limits(&limits)
            let check = PreTradeCheck(limits: limits, symbolNames: ["A", "B"], live: c.live)
            var decisions: [RiskDecision] = []
            let approved = check.checkEntry(EntryRequest(time: t0, symbol: c.symbol, units: c.units, price: price),
                                            account: c.account, state: c.state, into: &decisions)
            XCTAssertEqual(decisions.map(\.rule), c.expected.map(\.0), c.name)
            XCTAssertEqual(decisions.map(\.action), c.expected.map(\.1), c.name)
            XCTAssertEqual(decisions.map(\.approved), c.expected.map(\.2), c.name)
            XCTAssertEqual(approved, c.expected.last?.2, c.name)
            for d in decisions { XCTAssertFalse(d.detail.isEmpty, c.name) }
        }
    }

    func testDecisionsCarryTheNumbers() {
        let check = PreTradeCheck(limits: RiskLimits(), symbolNames: ["A"], live: false)
        var decisions: [RiskDecision] = []
        _ = check.checkEntry(EntryRequest(time: t0, symbol: 0, units: 150, price: price),
                             account: AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 100_000),
                                                  openPositions: 0), state: .active, into: &decisions)
        XCTAssertEqual(decisions[0].detail, "150 × 100 = 15000 > max_order_value 10000 → 100 units")
        XCTAssertEqual(decisions[0].requested, 150)
    }

    func testOrdersPerMinuteAndTheLiveOrderInterval() {
        var limits = RiskLimits()
        limits.maxOrdersPerMinute = 3
        var check = PreTradeCheck(limits: limits, symbolNames: ["A"], live: false)
        let account = AccountView(equity: Money(units: 100_000), buyingPower: Money(units: 100_000), openPositions: 0)
        func rules(at time: Timestamp) -> [String] {
            var d: [RiskDecision] = []
            _ = check.checkEntry(EntryRequest(time: time, symbol: 0, units: 1, price: price), account: account,
                                 state: .active, into: &d)
            return d.map(\.rule)
        }
        let s = nanosecondsPerSecond
        for k in 0..<3 { check.recordOrder(at: t0 + Int64(k) * s) }
        XCTAssertEqual(rules(at: t0 + 3 * s), ["max_orders_per_minute"])
        XCTAssertEqual(rules(at: t0 + 60 * s), ["all"], "the first order left the window")
        // In a backtest the interval does not apply; live it does.
        XCTAssertEqual(rules(at: t0 + 200 * s), ["all"])
        var live = PreTradeCheck(limits: RiskLimits(), symbolNames: ["A"], live: true)
        let monday = t0 + 2 * nanosecondsPerDay           // 2022-01-10 15:00 UTC = 10:00 New York
        live.recordOrder(at: monday)
        var d: [RiskDecision] = []
        _ = live.checkEntry(EntryRequest(time: monday + 50_000_000, symbol: 0, units: 1, price: price), account: account,
                            state: .active, into: &d)
        XCTAssertEqual(d.map(\.rule), ["min_order_interval_ms"])
        d = []
        _ = live.checkEntry(EntryRequest(time: monday + 150_000_000, symbol: 0, units: 1, price: price), account: account,
                            state: .active, into: &d)
        XCTAssertEqual(d.map(\.rule), ["all"])
    }

    func testReductionsAreRefusedOnlyWhenHalted() {
        let check = PreTradeCheck(limits: RiskLimits(), symbolNames: ["A"], live: false)
        XCTAssertNil(check.checkReduction(symbol: 0, units: 10, time: t0, state: .active))
        XCTAssertNil(check.checkReduction(symbol: 0, units: 10, time: t0, state: .reducing))
        XCTAssertEqual(check.checkReduction(symbol: 0, units: 10, time: t0, state: .halted)?.rule, "trading_state")
    }

    func testMarketHoursInNewYork() throws {
        let hours = try XCTUnwrap(MarketHoursCheck(MarketHours()))
        let monday = 19_002 * nanosecondsPerDay                       // 2022-01-10 (winter: UTC−5)
        let h = 3600 * nanosecondsPerSecond, m = 60 * nanosecondsPerSecond
        XCTAssertFalse(hours.isOpen(at: monday + 14 * h + 29 * m))    // 09:29
        XCTAssertTrue(hours.isOpen(at: monday + 14 * h + 30 * m))     // 09:30
        XCTAssertTrue(hours.isOpen(at: monday + 20 * h + 59 * m))     // 15:59
        XCTAssertFalse(hours.isOpen(at: monday + 21 * h))             // 16:00
        XCTAssertFalse(hours.isOpen(at: monday - 2 * nanosecondsPerDay + 15 * h))   // Saturday
        let july = 19_185 * nanosecondsPerDay                         // 2022-07-12, a Tuesday (summer: UTC−4)
        XCTAssertTrue(hours.isOpen(at: july + 13 * h + 30 * m))       // 09:30 EDT
        XCTAssertFalse(hours.isOpen(at: july + 20 * h))               // 16:00 EDT
        XCTAssertNil(MarketHoursCheck(MarketHours(timeZone: "Mars/Olympus")))
    }
}
