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
    /// The numbers behind the decision, e.g. "order value 12000 > max_order_value 10000".
    public var detail: String

    public init(time: Timestamp, symbol: Int, action: Action, rule: String, requested: Quantity, approved: Quantity,
                detail: String) {
        self.time = time
        self.symbol = symbol
        self.action = action
        self.rule = rule
        self.requested = requested
        self.approved = approved
        self.detail = detail
    }
}
