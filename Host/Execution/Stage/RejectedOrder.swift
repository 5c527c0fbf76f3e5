import QuorumModel

/// An order the risk core refused or the broker rejected (`rejected_orders` in `quorum backtest --json`).
public struct RejectedOrder: Sendable, Equatable {
    public var time: Timestamp
    public var symbol: Int
    /// Signed: positive buys, negative sells.
    public var quantity: Quantity
    public var reason: String
}
