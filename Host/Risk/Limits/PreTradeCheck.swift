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
        func refuse(_ rule: String, _ detail: String) -> Quantity {
            decisions.append(RiskDecision(time: request.time, symbol: request.symbol, action: .refused, rule: rule,
                                          requested: request.units, approved: 0, detail: detail))
            return 0
        }
        if state != .active { return refuse("trading_state", "trading is \(state): no new entries") }
        if let refusal = commonRefusal(symbol: request.symbol, time: request.time) {
            return refuse(refusal.rule, refusal.detail)
        }
        if account.openPositions >= limits.maxPositions {
            return refuse("max_positions", "\(account.openPositions) open positions, max_positions \(limits.maxPositions)")
        }
        var units = request.units
        let price = request.price
        func cap(_ rule: String, _ budget: Money, _ explain: String) -> Bool {
            let value = price.notional(units)
            guard value > budget else { return true }
            let allowed = FixedPoint.units(of: price, within: budget)
            let detail = "\(units) × \(price) = \(value) > \(explain) → \(allowed) units"
            decisions.append(RiskDecision(time: request.time, symbol: request.symbol,
                                          action: allowed > 0 ? .resized : .refused, rule: rule,
                                          requested: units, approved: allowed, detail: detail))
            units = allowed
            return allowed > 0
        }
        let equity = account.equity
        guard cap("max_position", limits.maxPosition.of(equity),
                  "max_position \(limits.maxPosition) × equity \(equity) = \(limits.maxPosition.of(equity))") else { return 0 }
        if let sector = account.sector {
            let room = limits.maxSectorExposure.of(equity) - account.sectorExposure
            guard cap("max_sector_exposure", room, "max_sector_exposure \(limits.maxSectorExposure) × equity \(equity) "
                      + "− \(sector) exposure \(account.sectorExposure) = \(room)") else { return 0 }
        }
        guard cap("max_order_value", limits.maxOrderValue, "max_order_value \(limits.maxOrderValue)") else { return 0 }
        let reserve = limits.minCashReserve.of(equity)
        let room = account.buyingPower - reserve
        let rule = reserve.raw > 0 ? "min_cash_reserve" : "buying_power"
        guard cap(rule, room, "buying power \(account.buyingPower) − reserve \(limits.minCashReserve) × equity "
                  + "(\(reserve)) = \(room)") else { return 0 }
        decisions.append(RiskDecision(time: request.time, symbol: request.symbol, action: .approved, rule: "all",
                                      requested: request.units, approved: units,
                                      detail: "\(units) × \(price) = \(price.notional(units))"))
        return units
    }

    /// Decides an order that only reduces exposure: nil when it may go, else the refusal.
    public func checkReduction(symbol: Int, units: Quantity, time: Timestamp, state: TradingState) -> RiskDecision? {
        guard state == .halted else { return nil }
        return RiskDecision(time: time, symbol: symbol, action: .refused, rule: "trading_state", requested: units,
                            approved: 0, detail: "trading is HALTED: no new orders until resumed")
    }

    /// The rules that refuse outright, whatever the size.
    private func commonRefusal(symbol: Int, time: Timestamp) -> (rule: String, detail: String)? {
        if restricted[symbol] { return ("restricted_symbols", "the symbol is restricted") }
        if live, let hours = marketHours, !hours.isOpen(at: time) {
            return ("market_hours", "outside market hours")
        }
        let recent = rate.ordersInMinute(before: time)
        if recent >= limits.maxOrdersPerMinute {
            return ("max_orders_per_minute", "\(recent) orders in the last minute, max_orders_per_minute "
                    + "\(limits.maxOrdersPerMinute)")
        }
        if live, let last = rate.last, time - last < Int64(limits.minOrderIntervalMs) * 1_000_000 {
            return ("min_order_interval_ms", "\((time - last) / 1_000_000) ms since the last order, "
                    + "min_order_interval_ms \(limits.minOrderIntervalMs)")
        }
        return nil
    }
}
