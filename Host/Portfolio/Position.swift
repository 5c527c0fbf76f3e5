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
    /// Price of the fill that opened the position.
    public var entryPrice: Price = Price(raw: 0)

    public init() {}

    public var isFlat: Bool { quantity == 0 }
}

/// One round trip of one symbol: from the fill that opened a position to the fill that closed it.
public struct RoundTrip: Sendable, Equatable {
    public var symbol: Int
    public var entryTime: Timestamp
    public var entryPrice: Price
    public var exitTime: Timestamp
    public var exitPrice: Price
    /// Signed: positive for a long trade, negative for a short one.
    public var quantity: Quantity
    /// Gross P&L (before commissions), exact.
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
