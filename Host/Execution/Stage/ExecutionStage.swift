import QuorumConfig
import QuorumJudge
import QuorumModel
import QuorumPortfolio
import QuorumRisk

/// The risk and execution core behind the judge (SPEC §3, §8–§10): a verdict that changes a symbol's target
/// direction is sized, checked against every hard limit and the trading state, turned into orders (an exit, an
/// entry with its protective stop and optional target), and sent to the broker, whose fills are booked into
/// the portfolio. Each symbol's trades move through the lifecycle of SPEC §9; every decision goes to the
/// ``ExecutionObserver`` (the journal).
///
/// The backtest, the shadow books and the paper daemon drive this same stage through ``TradingStage``; only the
/// broker behind it differs. Not thread-safe: the engine drives it from its control thread only (so its state
/// is exempt from dynamic exclusivity checks, which would dominate the per-bar cost).
public final class ExecutionStage: TradingStage {
    public let settings: ExecutionSettings
    public let broker: SimulatedBroker
    @exclusivity(unchecked) public internal(set) var portfolio: Portfolio
    /// Orders the risk core refused or the broker rejected.
    @exclusivity(unchecked) public internal(set) var rejected: [RejectedOrder] = []
    /// Entry and exit orders sent (protective orders not counted).
    @exclusivity(unchecked) public internal(set) var ordersSent = 0
    /// Receives the equity curve. Held strongly (a weak load per step costs more than the step): an observer
    /// must not hold its stage.
    @exclusivity(unchecked) public var observer: EquityObserver?
    /// Receives every decision (the journal). Held strongly, as `observer`.
    @exclusivity(unchecked) public var journal: ExecutionObserver?

    /// The pre-trade check, in use when `monitoring` (risk limits on). Not an optional, for the reason the
    /// monitor is not: `if let check` copied the large struct, retaining and releasing its arrays, on every order.
    @exclusivity(unchecked) var check: PreTradeCheck
    /// The trading-state monitor, in use when `monitoring` (risk limits on; fixed at init). Not an optional:
    /// every bar's call through `monitor!` copied the large optional struct out and back with outlined code.
    @exclusivity(unchecked) var monitor: TradingStateMonitor
    let monitoring: Bool
    @exclusivity(unchecked) var atr: ATRTracker?
    @exclusivity(unchecked) var record = TrackRecord()
    /// The direction each symbol was last sent towards.
    @exclusivity(unchecked) var target: [Direction]
    /// The trade holding (or opening, or closing) each symbol's position.
    @exclusivity(unchecked) var current: [Trade?]
    /// A reversal's new trade, waiting for the current one to close.
    @exclusivity(unchecked) var pending: [Trade?]
    @exclusivity(unchecked) var decisions: [RiskDecision] = []
    @exclusivity(unchecked) var nextTradeID = 0
    /// The event of the decision being made: its orders' client order ids take its number; their placing time,
    /// its risk decisions, rejections and trade transitions its time (not the bar's, which is older when the
    /// symbol is judged at the end of a step it had no bar in).
    @exclusivity(unchecked) var decisionEvent = MarketEvent(number: 0, time: 0)
    /// Sector index of each symbol (nil without a sector).
    let sectorOf: [Int?]
    let sectorNames: [String]

    public init(settings: ExecutionSettings) {
        self.settings = settings
        let n = settings.symbolNames.count
        portfolio = Portfolio(startingCash: settings.startingCash, symbolCount: n)
        broker = SimulatedBroker(symbolCount: n, costs: settings.costs, maxParticipation: settings.maxParticipation,
                                 stampedAfterOpening: settings.stampedAfterOpening)
        target = Array(repeating: .flat, count: n)
        current = Array(repeating: nil, count: n)
        pending = Array(repeating: nil, count: n)
        let limits = settings.limits ?? RiskLimits()
        check = PreTradeCheck(limits: limits, symbolNames: settings.symbolNames, live: settings.live)
        monitor = TradingStateMonitor(limits: limits, startingEquity: settings.startingCash)
        monitoring = settings.limits != nil
        atr = settings.sizer.atrPeriod.map { ATRTracker(period: $0, symbolCount: n) }
        let names = Array(Set(settings.sectors.values)).sorted()
        sectorNames = names
        sectorOf = settings.symbolNames.map { settings.sectors[$0].flatMap(names.firstIndex(of:)) }
        broker.sink = self
    }

    public var equity: Money { portfolio.equity }

    /// The trading state (always ACTIVE with `limits: none`).
    public var tradingState: TradingState { monitoring ? monitor.state : .active }

    // MARK: TradingStage

    public func barOpened(symbol: Int, bar: Bar) {
        if monitoring, monitor.isNewDay(bar.time), let change = monitor.startDay(bar.time) {
            tradingStateChanged(change)
        }
        if broker.hasOrders(symbol) { broker.process(symbol: symbol, bar: bar) }
        portfolio.mark(symbol, at: bar.close)
        if atr != nil { atr!.update(symbol, high: bar.high.doubleValue, low: bar.low.doubleValue, close: bar.close.doubleValue) }
    }

    public func decide(_ verdict: Verdict, symbol: Int, bar: Bar, event: MarketEvent) {
        decisionEvent = event
        let direction = verdict.direction
        guard direction != target[symbol] else {
            if settings.rebalanceThreshold != nil && direction != .flat { rebalance(verdict, symbol: symbol, bar: bar) }
            return
        }
        target[symbol] = direction
        let held = portfolio.positions[symbol].quantity
        let heldDirection = Direction(signOf: held)
        if broker.hasOrders(symbol) { withdrawOrders(symbol: symbol, towards: direction, held: held, bar: bar) }
        var exit: ClientOrderID?
        if held != 0 && heldDirection != direction {
            guard let id = placeExit(symbol: symbol, units: abs(held), bar: bar, closing: true) else { return }
            exit = id
        }
        if direction != .flat && heldDirection != direction {
            placeEntry(verdict, symbol: symbol, bar: bar, after: exit, freed: bar.close.notional(abs(held)))
        }
    }

    public func endOfStep(time: Timestamp) {
        endOfStep(time: time, reportingValue: false)
    }

    /// Ends the step as ``endOfStep(time:)`` does, and returns the book's value when it was worked out: always
    /// with `reportingValue` (the engine hands every shadow book's value to its observer at once, rather than
    /// each book calling an observer of its own), else when the trading-state monitor or ``observer`` needed it.
    @discardableResult
    public func endOfStep(time: Timestamp, reportingValue: Bool) -> BookValue? {
        // Valued only for someone who reads it: no monitor and no observer (limits and journal off) skip it.
        guard monitoring || reportingValue || observer != nil else { return nil }
        let valuation = portfolio.valuation
        if monitoring, let change = monitor.observe(equity: valuation.equity, at: time) {
            tradingStateChanged(change)
        }
        let value = BookValue(equity: valuation.equity, cash: portfolio.cash, exposure: valuation.grossExposure)
        observer?.equity(value.equity, cash: value.cash, exposure: value.exposure, at: time)
        return value
    }

    // MARK: Trading state

    /// A person resumes trading after a halt or a day of reducing (`quorum resume`).
    public func resume(at time: Timestamp, reason: String) {
        if monitoring, let change = monitor.resume(at: time, reason: reason) { tradingStateChanged(change) }
    }

    func tradingStateChanged(_ change: TradingStateChange) {
        journal?.tradingStateChanged(change)
        switch change.to {
        case .halted:
            // The kill switch: entry orders go; protective exits stay.
            cancelEntries(change, reason: "kill switch", rule: "max_drawdown")
        case .reducing:
            // Only what reduces exposure: an entry still open would add to it when it fills — one decided in
            // the very step whose loss reached the limit among them (on daily bars, every such entry: it would
            // fill at the next open) — so entries go too; exits, stops and targets stay.
            cancelEntries(change, reason: "daily loss limit", rule: "daily_loss_limit")
        case .active:
            // Entries refused meanwhile are taken again on the next verdict that asks for them: each symbol's
            // target becomes where its orders take it — the position with its working exits filled as far as
            // they reduce it (they are reduce-only: one left with nothing to reduce moves nothing); no entry is
            // working, REDUCING and HALTED cancelled them. An exit still filling keeps its target, so the
            // unchanged verdict behind it does not read as a change that withdraws it.
            for symbol in target.indices {
                var position = portfolio.positions[symbol].quantity
                if broker.hasOrders(symbol, leg: .exit) {
                    for order in broker.openOrders(symbol) where order.leg == .exit {
                        position += order.side.sign * min(order.remaining, order.side.reducible(position))
                    }
                }
                target[symbol] = Direction(signOf: position)
            }
        }
    }

    /// Cancels every open entry order (what is left of it), naming `reason`, with one risk decision of `rule`
    /// a symbol.
    private func cancelEntries(_ change: TradingStateChange, reason: String, rule: String) {
        for symbol in settings.symbolNames.indices where broker.hasOrders(symbol) {
            let entries = broker.openOrders(symbol).filter { $0.leg == .entry }
            guard !entries.isEmpty else { continue }
            broker.cancel(symbol: symbol, time: change.time, reason: reason) { $0.leg == .entry }
            journal?.riskDecision(RiskDecision(
                time: change.time, symbol: symbol, action: .cancelled, rule: rule,
                requested: entries.reduce(0) { $0 + $1.remaining }, approved: 0,
                explanation: .entriesCancelled(change.to, orders: entries.count)))
        }
    }
}

/// One trade of one symbol and where it is in its lifecycle.
struct Trade {
    var id: Int
    var phase: TradePhase = .scanning
    /// The order that opened it.
    var entry: ClientOrderID?
}
