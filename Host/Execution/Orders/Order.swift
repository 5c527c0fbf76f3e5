import QuorumModel

/// One order as the core tracks it. Quantities are absolute; the side gives the sign.
public struct Order: Sendable {
    public let id: ClientOrderID
    public var symbol: Int { id.symbol }
    public let side: OrderSide
    /// Units ordered (> 0).
    public internal(set) var quantity: Quantity
    public let type: OrderType
    public let timeInForce: TimeInForce
    public var leg: OrderLeg { id.leg }
    /// The order this one waits for: a bracket's exits wait for the entry, a reversal's entry for the exit.
    public let parent: ClientOrderID?
    public internal(set) var status: OrderStatus = .new
    public internal(set) var filled: Quantity = 0
    /// Exact cost of the units filled so far (for the average fill price); saturates at the end of the range.
    public internal(set) var filledNotional: Money = .zero
    /// Time of the bar after which the order was placed.
    public let placedAt: Timestamp

    /// Day (days since 1970 in the data's clock) of the first bar the order could act on; set by the broker.
    var activeDay: Int64?
    /// A stop-limit whose stop was touched acts as a limit order from then on.
    var triggered = false
    /// Best price since a trailing stop became active (highest for sells, lowest for buys).
    var trailAnchor: Price?

    public init(id: ClientOrderID, side: OrderSide, quantity: Quantity, type: OrderType,
                timeInForce: TimeInForce, parent: ClientOrderID? = nil, placedAt: Timestamp) {
        precondition(quantity > 0, "orders carry a positive quantity; the side gives the direction")
        self.id = id
        self.side = side
        self.quantity = quantity
        self.type = type
        self.timeInForce = timeInForce
        self.parent = parent
        self.placedAt = placedAt
    }

    /// Units still to fill.
    public var remaining: Quantity { quantity - filled }

    /// Signed units to fill: positive buys, negative sells.
    public var signedRemaining: Quantity { remaining * side.sign }

    /// What the unfilled rest is worth: at the limit price when the order has one, else at `mark` (10⁻⁸ units).
    public func unfilledValue(at mark: Price) -> Int128 {
        Int128(remaining) * Int128((type.limitPrice ?? mark).raw)
    }

    /// Moves the order through its state machine; a refused event leaves it untouched.
    mutating func apply(_ event: OrderEvent) -> Result<OrderStatus, TransitionError> {
        let result = status.after(event, hasFills: filled > 0)
        if case .success(let next) = result { status = next }
        return result
    }
}
