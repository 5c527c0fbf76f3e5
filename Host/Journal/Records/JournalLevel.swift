/// How much a run journals (`journal.level` in strategies.yaml, SPEC §11). Each level writes everything the
/// next one down writes:
///
/// - ``summary``: trading-state changes, round trips, equity, judge weights, faults, quarantines and
///   transition errors — what `quorum compare` and `quorum report` need, and whatever went wrong.
/// - ``decisions``: adds verdicts, risk decisions, orders, order events, fills and position snapshots.
/// - ``full``: adds every strategy signal.
public enum JournalLevel: String, Sendable, CaseIterable {
    case full
    case decisions
    case summary

    /// Whether a journal at this level writes records of `kind`.
    @inlinable public func includes(_ kind: JournalRecord.Kind) -> Bool {
        switch kind.level {
        case .summary: return true
        case .decisions: return self != .summary
        case .full: return self == .full
        }
    }
}
