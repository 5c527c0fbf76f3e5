import QuorumModel

/// The current stance of every instance on every symbol it follows (SPEC §7: a stance stands until the same
/// instance replaces it, or until its expiry passes). A stance with expiry N set on bar t of its symbol is
/// in force for the verdicts of bars t … t+N and lapses before bar t+N+1. Bars count from the first of the
/// symbol later than the signal: a stance set for a symbol on another symbol's event is not counted down by
/// the symbol's own bar of that time, whichever of the two came first in the stream.
public struct StanceBook: Sendable {
    private var stances: [Stance?]
    private var remaining: [Int]
    /// When each stance was set.
    private var setAt: [Timestamp]
    /// First slot of each instance.
    private let offsets: [Int]

    /// `slots[i]` = number of symbols instance i follows.
    public init(slots: [Int]) {
        var offsets: [Int] = []
        var total = 0
        for n in slots { offsets.append(total); total += n }
        self.offsets = offsets
        stances = Array(repeating: nil, count: total)
        remaining = Array(repeating: 0, count: total)
        setAt = Array(repeating: .min, count: total)
    }

    public func stance(instance: Int, slot: Int) -> Stance? { stances[offsets[instance] + slot] }

    /// Replaces the stance of `instance` on `slot` with `signal`, produced by a bar at `time`.
    public mutating func set(_ signal: Signal, instance: Int, slot: Int, at time: Timestamp) {
        let k = offsets[instance] + slot
        stances[k] = signal.stance
        remaining[k] = signal.expiryBars
        setAt[k] = time
    }

    /// A new bar of the symbol at `slot` of `instance` arrived, at `time`: count its expiry down (not for a bar
    /// of the time the stance was set at). Returns whether the stance lapsed on it.
    @discardableResult
    public mutating func barPassed(instance: Int, slot: Int, at time: Timestamp) -> Bool {
        let k = offsets[instance] + slot
        guard let s = stances[k], s.expiryBars > 0, time > setAt[k] else { return false }
        if remaining[k] == 0 {
            stances[k] = nil
            return true
        }
        remaining[k] -= 1
        return false
    }

    /// Removes every stance of `instance` (quarantine, retirement).
    public mutating func clear(instance: Int, slots: Int) {
        for k in offsets[instance]..<(offsets[instance] + slots) { stances[k] = nil }
    }
}
