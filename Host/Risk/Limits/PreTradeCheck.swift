import QuorumConfig
import QuorumModel

/// The hard limits of SPEC §8 applied to one order request. A limit that would be breached resizes the order
/// down when a smaller order still satisfies it, and refuses it otherwise; every refusal, resize and approval
/// becomes a ``RiskDecision`` with the rule and the numbers.
///
/// Entries (orders that add exposure) face every limit. Orders that only reduce exposure are refused only
/// while trading is HALTED ("no new orders"); they still count towards the order rate.
public struct PreTradeCheck: Sendable {
    public let limits: RiskLimits
    /// Live trading: the order interval and market hours apply only then.
    public let live: Bool
    private let restricted: [Bool]
    private let marketHours: MarketHoursCheck?
    public private(set) var rate: OrderRateLimiter

    public init(limits: RiskLimits, symbolNames: [String], live: Bool) {
        self.limits = limits
        self.live = live
        let names = Set(limits.restrictedSymbols)
        restricted = symbolNames.map(names.contains)
        marketHours = limits.marketHours.flatMap(MarketHoursCheck.init)
        rate = OrderRateLimiter(perMinute: limits.maxOrdersPerMinute)
    }

    /// Records an order that was sent.
    public mutating func recordOrder(at time: Timestamp) { rate.record(time) }

    /// Decides an entry of `request.units`; returns the units approved (0 = refused) and appends the decisions.
    public func checkEntry(_ request: EntryRequest, account: AccountView, state: TradingState,
                           into decisions: inout [RiskDecision]) -> Quantity {
        func refuse(_ rule: String, _ why: RiskExplanation) -> Quantity {
            decisions.append(RiskDecision(time: request.time, symbol: request.symbol, action: .refused, rule: rule,
                                          requested: request.units, approved: 0, explanation: why))
            return 0
        }
        if state != .active { return refuse("trading_state", .tradingState(state)) }
        if let refusal = commonRefusal(symbol: request.symbol, time: request.time) {
            return refuse(refusal.rule, refusal.why)
        }
        if account.openPositions >= limits.maxPositions {
            return refuse("max_positions", .maxPositions(open: account.openPositions, limit: limits.maxPositions))
        }
        var units = request.units
        let price = request.price
        /// Keeps the order's value within `budget`; false when nothing fits.
        func cap(_ rule: String, _ budget: RiskBudget) -> Bool {
            let room = budget.value
            guard price.notional(units) > room else { return true }
            let allowed = FixedPoint.units(of: price, within: room)
            decisions.append(RiskDecision(time: request.time, symbol: request.symbol,
                                          action: allowed > 0 ? .resized : .refused, rule: rule, requested: units,
                                          approved: allowed,
                                          explanation: .capped(units: units, price: price, budget: budget,
                                                               allowed: allowed)))
            units = allowed
            return allowed > 0
        }
        let equity = account.equity
        guard cap("max_position", .maxPosition(limits.maxPosition, equity: equity, held: account.positionValue))
        else { return 0 }
        if let sector = account.sector {
            guard cap("max_sector_exposure", .sectorExposure(limits.maxSectorExposure, equity: equity, sector: sector,
                                                             exposure: account.sectorExposure)) else { return 0 }
        }
        guard cap("max_order_value", .maxOrderValue(limits.maxOrderValue)) else { return 0 }
        guard cap(limits.minCashReserve.raw > 0 ? "min_cash_reserve" : "buying_power",
                  .cashReserve(buyingPower: account.buyingPower, reserve: limits.minCashReserve, equity: equity))
        else { return 0 }
        decisions.append(RiskDecision(time: request.time, symbol: request.symbol, action: .approved, rule: "all",
                                      requested: request.units, approved: units,
                                      explanation: .approved(units: units, price: price)))
        return units
    }

    /// Decides an order that only reduces exposure: nil when it may go, else the refusal.
    public func checkReduction(symbol: Int, units: Quantity, time: Timestamp, state: TradingState) -> RiskDecision? {
        guard state == .halted else { return nil }
        return RiskDecision(time: time, symbol: symbol, action: .refused, rule: "trading_state", requested: units,
                            approved: 0, explanation: .halted)
    }

    /// The rules that refuse outright, whatever the size.
    private func commonRefusal(symbol: Int, time: Timestamp) -> (rule: String, why: RiskExplanation)? {
        if restricted[symbol] { return ("restricted_symbols", .restricted) }
        if live, let hours = marketHours, !hours.isOpen(at: time) { return ("market_hours", .outsideMarketHours) }
        let recent = rate.ordersInMinute(before: time)
        if recent >= limits.maxOrdersPerMinute {
            return ("max_orders_per_minute", .ordersPerMinute(recent: recent, limit: limits.maxOrdersPerMinute))
        }
        if live, let last = rate.last, time - last < Int64(limits.minOrderIntervalMs) * 1_000_000 {
            return ("min_order_interval_ms", .orderInterval(elapsedMs: (time - last) / 1_000_000,
                                                            minimumMs: limits.minOrderIntervalMs))
        }
        return nil
    }
}
