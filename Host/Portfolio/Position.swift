import QuorumModel

/// An open position in one symbol. `costBasis` is the exact amount paid (long) or received (short) for the
/// units held, so the average price is derived, never stored with rounding.
public struct Position: Sendable, Equatable {
    /// Signed units: positive long, negative short, 0 flat.
    public var quantity: Quantity = 0
    /// Exact signed cost of the units held (quantity × fill prices).
    public var costBasis: Money = .zero
    /// Time of the fill that opened the position.
    public var openedAt: Timestamp = 0
    public init() {}

    public var isFlat: Bool { quantity == 0 }

    /// The average cost of the units held — |cost basis| / |quantity|, rounded half away from zero to 10⁻⁸ (0
    /// when flat) — so that quantity × (mark − average cost) is the unrealized P&L to that rounding. A fill that
    /// reduces the position leaves it as it was; one that adds averages it with the fill's price.
    public var averageCost: Price {
        var totals = FillTotals()
        totals.units = Int128(quantity.magnitude)
        totals.notional = Int128(costBasis.raw.magnitude)
        return totals.averagePrice
    }
}

/// A position's trade since the position was last flat: what its opening and adding fills bought or sold, and
/// what its reducing fills closed (units, notional, exact P&L), for the round trip it ends as. Kept beside the
/// positions, not in them: valuing the book reads every position at every step.
struct OpenTrade: Sendable {
    var opened = FillTotals()
    var closed = FillTotals()
    var closedPnL: Int128 = 0
}

/// Units and notional of a run of fills, exact.
struct FillTotals: Sendable, Equatable {
    var units: Int128 = 0
    var notional: Int128 = 0

    mutating func add(_ units: Int128, at price: Int128) {
        self.units += units
        notional += units * price
    }

    /// The average price, rounded half away from zero to 10⁻⁸.
    var averagePrice: Price {
        guard units > 0 else { return Price(raw: 0) }
        let (q, r) = notional.quotientAndRemainder(dividingBy: units)
        return Price(raw: FixedPoint.clamp(2 * r >= units ? q + 1 : q))
    }
}

/// One round trip of one symbol: from the fill that opened a position to the fill that closed it, with every
/// fill that added to or reduced it in between.
public struct RoundTrip: Sendable, Equatable {
    public var symbol: Int
    public var entryTime: Timestamp
    /// Average price of the opening and adding fills (the entry fill's price when there was one).
    public var entryPrice: Price
    public var exitTime: Timestamp
    /// Average price of the reducing and closing fills (the exit fill's price when there was one).
    public var exitPrice: Price
    /// Units the trade bought (long) or sold short, in all. Signed: positive for a long trade, negative for a
    /// short one.
    public var quantity: Quantity
    /// Gross P&L (before commissions) of every fill that reduced or closed the position, exact: the round trips
    /// of a book add up to its realized P&L.
    public var pnl: Money
    public var commission: Money
}

/// A fill as the portfolio books it.
public struct Fill: Sendable, Equatable {
    public var symbol: Int
    public var time: Timestamp
    /// Signed: positive buys, negative sells.
    public var quantity: Quantity
    public var price: Price
    public var commission: Money

    public init(symbol: Int, time: Timestamp, quantity: Quantity, price: Price, commission: Money = .zero) {
        self.symbol = symbol
        self.time = time
        self.quantity = quantity
        self.price = price
        self.commission = commission
    }
}
