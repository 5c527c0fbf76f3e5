/// A stance's direction, as in the plugin ABI (`QUORUM_DIRECTION_*`).
public enum Direction: Int32, Sendable, Hashable, CustomStringConvertible {
    case short = -1
    case flat = 0
    case long = 1

    /// The direction of a signed quantity: long above zero, short below, flat at zero.
    @inlinable public init(signOf quantity: Int64) {
        self = quantity > 0 ? .long : (quantity < 0 ? .short : .flat)
    }

    /// +1, 0 or −1, for arithmetic.
    @inlinable public var sign: Double { Double(rawValue) }

    public var description: String {
        switch self {
        case .short: return "short"
        case .flat: return "flat"
        case .long: return "long"
        }
    }
}
