import QuorumModel

/// A record other than an equity point on its way to the writer thread: built already, or built there.
///
/// Records whose text is costly to format (risk explanations) are appended as a closure over plain values, so
/// the engine's thread pays for a capture, not for string formatting; the writer thread calls it just before
/// inserting the row.
enum PendingRecord: Sendable {
    case ready(JournalRecord)
    case deferred(@Sendable () -> JournalRecord)

    /// The record, built now if it was deferred.
    var record: JournalRecord {
        switch self {
        case .ready(let record): return record
        case .deferred(let build): return build()
        }
    }
}
