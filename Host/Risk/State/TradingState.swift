import QuorumModel

/// The account's trading state (SPEC §8).
public enum TradingState: String, Sendable, CustomStringConvertible {
    /// Every order the limits allow.
    case active = "ACTIVE"
    /// Only orders that reduce exposure (after the daily loss limit), open entry orders cancelled; back to ACTIVE
    /// on the next trading day.
    case reducing = "REDUCING"
    /// The kill switch (after the maximum drawdown): no new orders, open entry orders cancelled. Left only by
    /// `quorum resume` or a configured auto-resume rule.
    case halted = "HALTED"

    public var description: String { rawValue }
}

/// A change of trading state, with the rule and the numbers that caused it.
public struct TradingStateChange: Sendable, Equatable {
    public var time: Timestamp
    public var from: TradingState
    public var to: TradingState
    public var reason: String
}
