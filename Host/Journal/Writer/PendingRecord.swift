import QuorumModel

/// A record other than an equity point on its way to the writer thread: built already, or built there.
///
/// Records whose text is costly to format (client order ids, risk explanations) are appended as a closure
/// over plain values, so the engine's thread pays for a capture, not for string formatting; the writer thread
/// calls it just before inserting the row.
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

/// The records of one batch, in the order they were appended, in two lanes: equity points (every book writes
/// one every time step) in an array of plain values, which costs nothing to empty, and every other record,
/// with its place in the batch.
struct PendingBatch: Sendable {
    /// The equity points, in order.
    private(set) var points: [EquityRecord] = []
    /// The other records, in order, each with the number of records (of both lanes) appended before it.
    private(set) var records: [Placed] = []

    /// A record and its place in the batch. A struct, not a tuple: the compiler copies and destroys a struct
    /// with code of its own, a tuple of an enum through the runtime's generic witnesses (~200 and ~300
    /// instructions a record).
    struct Placed: Sendable {
        let position: Int
        let record: PendingRecord
    }

    init(capacity: Int) {
        points.reserveCapacity(capacity)
    }

    /// Records of both lanes.
    var count: Int { points.count &+ records.count }

    var isEmpty: Bool { count == 0 }

    mutating func append(_ point: EquityRecord) { points.append(point) }

    /// Appends one point at `time` for each of the books `0..<values.count`.
    mutating func appendPoints(_ values: UnsafeBufferPointer<BookValue>, time: Timestamp) {
        for book in values.indices {
            let value = values[book]
            points.append(EquityRecord(time: time, book: book, equity: value.equity, cash: value.cash,
                                       exposure: value.exposure))
        }
    }

    mutating func append(_ record: PendingRecord) { records.append(Placed(position: count, record: record)) }

    /// Empties both lanes, keeping their storage.
    mutating func removeAll() {
        points.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
    }

    /// Calls `point` or `record` for each record of the batch, in the order they were appended, with its
    /// offset in the batch.
    func forEach<E: Error>(point: (EquityRecord, Int) throws(E) -> Void,
                           record: (PendingRecord, Int) throws(E) -> Void) throws(E) {
        var offset = 0
        var pointIndex = 0
        try records.withUnsafeBufferPointer { (records) throws(E) in
            for index in records.indices {  // through the buffer: no copy of each entry
                while offset < records[index].position {
                    try point(points[pointIndex], offset)
                    pointIndex &+= 1
                    offset &+= 1
                }
                try record(records[index].record, offset)
                offset &+= 1
            }
        }
        while pointIndex < points.count {
            try point(points[pointIndex], offset)
            pointIndex &+= 1
            offset &+= 1
        }
    }
}
