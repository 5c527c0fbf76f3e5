/// A record on its way to the writer thread: an equity point, a record built already, or one built there.
///
/// Kept small (an equity point's size): equity points come every time step for every book, so they travel
/// unboxed, while other records (far rarer) are boxed, so that appending one never copies the largest record
/// kind's worth of fields.
///
/// Records whose text is costly to format (client order ids, risk explanations) are appended as a closure
/// over plain values, so the engine's thread pays for a capture, not for string formatting; the writer thread
/// calls it just before inserting the row.
enum PendingRecord: Sendable {
    case equity(EquityRecord)
    indirect case ready(JournalRecord)
    case deferred(@Sendable () -> JournalRecord)

    /// The record, built now if it was deferred.
    var record: JournalRecord {
        switch self {
        case .equity(let point): return .equity(point)
        case .ready(let record): return record
        case .deferred(let build): return build()
        }
    }
}
