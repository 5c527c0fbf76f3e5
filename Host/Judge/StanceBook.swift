import QuorumModel

/// The current stance of every instance on every symbol it follows (SPEC §7: a stance stands until the same
/// instance replaces it, or until its expiry passes). A stance with expiry N set on bar t of its symbol is
/// in force for the verdicts of bars t … t+N and lapses before bar t+N+1.
public struct StanceBook: Sendable {
    private var stances: [Stance?]
    private var remaining: [Int]
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
    }

    public func stance(instance: Int, slot: Int) -> Stance? { stances[offsets[instance] + slot] }

    /// Replaces the stance of `instance` on `slot`.
    public mutating func set(_ signal: Signal, instance: Int, slot: Int) {
        let k = offsets[instance] + slot
        stances[k] = signal.stance
        remaining[k] = signal.expiryBars
    }

    /// A new bar of the symbol at `slot` of `instance` arrived: count its expiry down.
    public mutating func barPassed(instance: Int, slot: Int) {
        let k = offsets[instance] + slot
        guard let s = stances[k], s.expiryBars > 0 else { return }
        if remaining[k] == 0 { stances[k] = nil } else { remaining[k] -= 1 }
    }

    /// Removes every stance of `instance` (quarantine, retirement).
    public mutating func clear(instance: Int, slots: Int) {
        for k in offsets[instance]..<(offsets[instance] + slots) { stances[k] = nil }
    }
}
