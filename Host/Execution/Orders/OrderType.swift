import QuorumConfig
import QuorumModel

/// Buy or sell.
public enum OrderSide: String, Sendable {
    case buy
    case sell

    /// +1 for buys, −1 for sells.
    @inlinable public var sign: Int64 { self == .buy ? 1 : -1 }

    /// How many units an order on this side can take off a position of `held` units (signed): all of them when
    /// it trades against the position, none when the position is flat or on this side.
    @inlinable public func reducible(_ held: Quantity) -> Quantity {
        held.signum() == -sign ? abs(held) : 0
    }
}

/// How far a trailing stop follows the best price since it became active.
public enum Trail: Sendable, Equatable, CustomStringConvertible {
    /// A fraction of the best price (0.05 = 5%).
    case percent(Ratio)
    /// A fixed price distance.
    case amount(Price)

    public var description: String {
        switch self {
        // Exactly, from the 10⁻⁸ ratio (a double printed 9.029110999999999% for 0.09029111).
        case .percent(let r): return FixedPoint.format(Int64(clamping: Int128(r.raw) * 100)) + "%"
        case .amount(let p): return p.description
        }
    }
}

/// Order types of SPEC §9.
public enum OrderType: Sendable, Equatable {
    case market
    case limit(Price)
    case stop(Price)
    case stopLimit(stop: Price, limit: Price)
    case trailingStop(Trail)

    /// The name used in the journal and by Alpaca.
    public var name: String {
        switch self {
        case .market: return "market"
        case .limit: return "limit"
        case .stop: return "stop"
        case .stopLimit: return "stop_limit"
        case .trailingStop: return "trailing_stop"
        }
    }

    public var limitPrice: Price? {
        switch self {
        case .limit(let p), .stopLimit(_, let p): return p
        default: return nil
        }
    }

    public var stopPrice: Price? {
        switch self {
        case .stop(let p), .stopLimit(let p, _): return p
        default: return nil
        }
    }
}

/// Time in force (day / gtc / ioc), as configured in `execution.time_in_force`.
public typealias TimeInForce = ExecutionConfig.TimeInForce
