import QuorumModel

/// What the risk core did with one order request, with the rule and the numbers (SPEC §8). Every decision is
/// journaled.
public struct RiskDecision: Sendable, Equatable {
    public enum Action: String, Sendable {
        /// The order goes as requested (or as resized by earlier decisions).
        case approved
        /// A limit would have been breached: the order is smaller.
        case resized
        /// The order does not go.
        case refused
        /// Resting orders were cancelled (the kill switch).
        case cancelled
    }

    public var time: Timestamp
    public var symbol: Int
    public var action: Action
    /// The rule's configuration key (e.g. `max_order_value`), `trading_state`, or `all` for an approval.
    public var rule: String
    /// Units asked for and units allowed (0 when refused).
    public var requested: Quantity
    public var approved: Quantity
    /// The numbers behind the decision, kept as numbers: the text is made only when someone reads it.
    public var explanation: RiskExplanation

    public init(time: Timestamp, symbol: Int, action: Action, rule: String, requested: Quantity, approved: Quantity,
                explanation: RiskExplanation) {
        self.time = time
        self.symbol = symbol
        self.action = action
        self.rule = rule
        self.requested = requested
        self.approved = approved
        self.explanation = explanation
    }

    /// The numbers as text, e.g. "150 × 100 = 15000 > max_order_value 10000 → 100 units".
    public var detail: String { explanation.description }
}

/// The numbers behind a ``RiskDecision``.
public enum RiskExplanation: Sendable, Equatable, CustomStringConvertible {
    /// `units × price` exceeded `budget`; `allowed` units fit.
    case capped(units: Quantity, price: Price, budget: RiskBudget, allowed: Quantity)
    /// Entries are not taken in this trading state.
    case tradingState(TradingState)
    /// HALTED refuses every new order, reductions included.
    case halted
    case restricted
    case outsideMarketHours
    case ordersPerMinute(recent: Int, limit: Int)
    case orderInterval(elapsedMs: Int64, minimumMs: Int)
    case maxPositions(open: Int, limit: Int)
    case approved(units: Quantity, price: Price)
    case reducesExposure
    case sizedToZero
    /// Entering `state` (HALTED: the kill switch; REDUCING: the daily loss limit) cancelled this many open entry
    /// orders.
    case entriesCancelled(TradingState, orders: Int)

    public var description: String {
        let text = TextBuilder()
        write(to: text)
        return text.text
    }

    /// Appends the description to `text` (built byte by byte: one is written for every order).
    public func write(to text: TextBuilder) {
        switch self {
        case .capped(let units, let price, let budget, let allowed):
            text.append(units); text.append(" × "); text.append(price); text.append(" = ")
            text.append(price.notional(units)); text.append(" > "); budget.write(to: text)
            text.append(" → "); text.append(allowed); text.append(" units")
        case .tradingState(let state):
            text.append("trading is "); text.append(contentsOf: state.rawValue); text.append(": no new entries")
        case .halted: text.append("trading is HALTED: no new orders until resumed")
        case .restricted: text.append("the symbol is restricted")
        case .outsideMarketHours: text.append("outside market hours")
        case .ordersPerMinute(let recent, let limit):
            text.append(recent); text.append(" orders in the last minute, max_orders_per_minute "); text.append(limit)
        case .orderInterval(let elapsed, let minimum):
            text.append(elapsed); text.append(" ms since the last order, min_order_interval_ms "); text.append(minimum)
        case .maxPositions(let open, let limit):
            text.append(open); text.append(" open positions, max_positions "); text.append(limit)
        case .approved(let units, let price):
            text.append(units); text.append(" × "); text.append(price); text.append(" = ")
            text.append(price.notional(units))
        case .reducesExposure: text.append("reduces exposure")
        case .sizedToZero: text.append("sized to 0 units")
        case .entriesCancelled(let state, let orders):
            let cause: StaticString = state == .halted ? "kill switch: " : "daily loss limit: "
            text.append(cause)
            text.append(orders); text.append(" open entry order(s) cancelled")
        }
    }
}

/// The budget a limit leaves for an order's value.
public enum RiskBudget: Sendable, Equatable, CustomStringConvertible {
    /// `held`: the value of the position the order adds to (zero for a new position).
    case maxPosition(Ratio, equity: Money, held: Money = .zero)
    case sectorExposure(Ratio, equity: Money, sector: String, exposure: Money)
    case maxOrderValue(Money)
    case cashReserve(buyingPower: Money, reserve: Ratio, equity: Money)

    /// The money the order's value may reach (saturating at the ends of Money's range, as the equity and
    /// buying power it starts from do).
    public var value: Money {
        switch self {
        case .maxPosition(let r, let equity, let held): return r.of(equity).clampedSubtracting(held)
        case .sectorExposure(let r, let equity, _, let exposure): return r.of(equity).clampedSubtracting(exposure)
        case .maxOrderValue(let limit): return limit
        case .cashReserve(let power, let reserve, let equity): return power.clampedSubtracting(reserve.of(equity))
        }
    }

    public var description: String {
        let text = TextBuilder()
        write(to: text)
        return text.text
    }

    /// Appends the description to `text`.
    public func write(to text: TextBuilder) {
        switch self {
        case .maxPosition(let r, let equity, let held):
            text.append("max_position "); text.append(r); text.append(" × equity "); text.append(equity)
            if held != .zero { text.append(" − position "); text.append(held) }
            text.append(" = "); text.append(value)
        case .sectorExposure(let r, let equity, let sector, let exposure):
            text.append("max_sector_exposure "); text.append(r); text.append(" × equity "); text.append(equity)
            text.append(" − "); text.append(contentsOf: sector); text.append(" exposure "); text.append(exposure)
            text.append(" = "); text.append(value)
        case .maxOrderValue(let limit):
            text.append("max_order_value "); text.append(limit)
        case .cashReserve(let power, let reserve, let equity):
            text.append("buying power "); text.append(power); text.append(" − reserve "); text.append(reserve)
            text.append(" × equity ("); text.append(reserve.of(equity)); text.append(") = "); text.append(value)
        }
    }
}
