import QuorumModel

/// A client order id in a journal record: the id's parts, as the engine placed the order (the writer thread
/// writes its text, ``ClientOrderID/text(run:symbolName:)`` with the run's id and the symbol's name), or its
/// text (as read back from a journal).
public enum OrderName: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    case id(ClientOrderID)
    case text(String)

    public init(stringLiteral text: String) { self = .text(text) }

    /// The text, when this is one (a record read back always has it).
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var description: String {
        switch self {
        case .id(let id): return "\(id)"
        case .text(let text): return text
        }
    }
}

/// An order as submitted (table `orders`).
public struct OrderRecord: Sendable, Equatable {
    public var time: Timestamp
    public var clientOrderID: OrderName
    /// The symbol's index in ``RunInfo/symbols``.
    public var symbol: Int
    /// `buy` or `sell`.
    public var side: String
    /// `market`, `limit`, `stop`, `stop_limit` or `trailing_stop`.
    public var type: String
    /// Units, positive.
    public var quantity: Quantity
    public var limitPrice: Price?
    public var stopPrice: Price?
    /// A trailing stop's distance as configured (e.g. `2%` or `1.50`).
    public var trail: String?
    /// e.g. `day`, `gtc`.
    public var timeInForce: String
    /// The order this one belongs to (a bracket's entry), if any.
    public var parentID: OrderName?
    /// `entry`, `exit`, `stop_loss` or `take_profit`.
    public var leg: String

    public init(time: Timestamp, clientOrderID: OrderName, symbol: Int, side: String, type: String,
                quantity: Quantity, limitPrice: Price? = nil, stopPrice: Price? = nil, trail: String? = nil,
                timeInForce: String, parentID: OrderName? = nil, leg: String) {
        self.time = time
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.trail = trail
        self.timeInForce = timeInForce
        self.parentID = parentID
        self.leg = leg
    }
}

/// An order changed state (table `order_events`).
public struct OrderEventRecord: Sendable, Equatable {
    public var time: Timestamp
    public var clientOrderID: OrderName
    public var from: String
    public var to: String
    /// Units filled so far.
    public var filledQuantity: Quantity
    public var reason: String?

    public init(time: Timestamp, clientOrderID: OrderName, from: String, to: String, filledQuantity: Quantity,
                reason: String? = nil) {
        self.time = time
        self.clientOrderID = clientOrderID
        self.from = from
        self.to = to
        self.filledQuantity = filledQuantity
        self.reason = reason
    }
}

/// An order was (partly) filled (table `fills`).
public struct FillRecord: Sendable, Equatable {
    public var time: Timestamp
    public var clientOrderID: OrderName
    /// The symbol's index in ``RunInfo/symbols``.
    public var symbol: Int
    /// Signed: positive buys, negative sells.
    public var quantity: Quantity
    public var price: Price
    public var commission: Money

    public init(time: Timestamp, clientOrderID: OrderName, symbol: Int, quantity: Quantity, price: Price,
                commission: Money) {
        self.time = time
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.quantity = quantity
        self.price = price
        self.commission = commission
    }
}

/// The ensemble's position in a symbol right after a fill (table `positions`).
public struct PositionRecord: Sendable, Equatable {
    public var time: Timestamp
    /// The symbol's index in ``RunInfo/symbols``.
    public var symbol: Int
    /// Signed units: positive long, negative short, 0 flat.
    public var quantity: Quantity
    /// Exact signed cost of the units held.
    public var costBasis: Money
    /// Realized P&L of the symbol so far.
    public var realizedPnL: Money

    public init(time: Timestamp, symbol: Int, quantity: Quantity, costBasis: Money, realizedPnL: Money) {
        self.time = time
        self.symbol = symbol
        self.quantity = quantity
        self.costBasis = costBasis
        self.realizedPnL = realizedPnL
    }
}
