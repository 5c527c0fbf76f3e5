/// What the judge reads of a signal: all of it but the reason text, so that it copies as plain bytes (a stance
/// is copied for every subscriber on every bar; a whole `Signal`, which holds a string, was copied through the
/// runtime's value witnesses).
public struct Stance: Sendable, Equatable {
    public var direction: Direction
    /// In [0, 1].
    public var confidence: Double
    /// Suggested fraction of equity in [0, 1].
    public var targetWeight: Double?
    public var stopLoss: Price?
    public var takeProfit: Price?
    /// The stance lapses after this many further bars of its symbol; 0 = it stands until replaced.
    public var expiryBars: Int

    public init(direction: Direction, confidence: Double, targetWeight: Double? = nil, stopLoss: Price? = nil,
                takeProfit: Price? = nil, expiryBars: Int = 0) {
        self.direction = direction
        self.confidence = confidence
        self.targetWeight = targetWeight
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.expiryBars = expiryBars
    }
}

/// A strategy's stance on one symbol with its reason, validated by the host (SPEC §4 rule 12, §7).
@dynamicMemberLookup
public struct Signal: Sendable, Equatable {
    /// Everything but the reason; its fields read and write as the signal's own (`signal.direction`).
    public var stance: Stance
    /// Short reason, copied from the plugin (at most 128 bytes).
    public var reason: String?

    public init(direction: Direction, confidence: Double, targetWeight: Double? = nil, stopLoss: Price? = nil,
                takeProfit: Price? = nil, expiryBars: Int = 0, reason: String? = nil) {
        stance = Stance(direction: direction, confidence: confidence, targetWeight: targetWeight, stopLoss: stopLoss,
                        takeProfit: takeProfit, expiryBars: expiryBars)
        self.reason = reason
    }

    @inlinable
    public subscript<Value>(dynamicMember field: WritableKeyPath<Stance, Value>) -> Value {
        get { stance[keyPath: field] }
        set { stance[keyPath: field] = newValue }
    }
}

/// Why a strategy's output for an event counts as absent (SPEC §7). Each one is journaled and raises the
/// instance's fault counters.
public enum SignalFault: Error, Sendable, Equatable, CustomStringConvertible {
    /// on_bar returned a negative status.
    case callFailed(status: Int32)
    /// on_bar left `output->count` above `capacity`: none of the call's signals is taken.
    case countAboveCapacity(count: UInt32, capacity: UInt32)
    case invalidDirection(Int32)
    case invalidConfidence(Double)
    case invalidPrice(field: String, value: Double)
    case invalidTargetWeight(Double)
    case invalidExpiry
    case symbolOutOfRange(UInt32)
    case duplicateSymbol(UInt32)
    /// Past the event's deadline (daemon only).
    case late(nanoseconds: Int64)

    public var description: String {
        switch self {
        case .callFailed(let status): return "on_bar failed with status \(status)"
        case .countAboveCapacity(let count, let capacity): return "wrote \(count) signals, capacity \(capacity)"
        case .invalidDirection(let d): return "invalid direction \(d)"
        case .invalidConfidence(let c): return "confidence \(c) is not in [0, 1]"
        case .invalidPrice(let field, let value): return "\(field) \(value) is not a positive finite price"
        case .invalidTargetWeight(let w): return "target weight \(w) is not in [0, 1]"
        case .invalidExpiry: return "expiry of 0 bars"
        case .symbolOutOfRange(let i): return "symbol index \(i) out of range"
        case .duplicateSymbol(let i): return "two signals for symbol index \(i) in one call"
        case .late(let ns): return "late by \(ns / 1_000_000) ms"
        }
    }
}
