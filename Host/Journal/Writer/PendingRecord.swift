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

/// The records of one batch, in the order they were appended, in lanes of plain values: equity points (every
/// book writes one every time step), orders, order events and fills (an order's records: ~5 per order) each
/// in an array of their own type, which costs nothing to empty and copies a record with code of its own, and
/// every other record; each record but the points with its place in the batch.
struct PendingBatch: Sendable {
    /// The equity points, in order.
    private(set) var points: [EquityRecord] = []
    /// Where each record but the points goes: in order, with the number of records (of every lane) before it.
    private(set) var places: [Place] = []
    private(set) var records: [PendingRecord] = []
    private(set) var orders: [OrderRecord] = []
    private(set) var orderEvents: [OrderEventRecord] = []
    private(set) var fills: [FillRecord] = []

    /// The lanes other than the points'.
    enum Lane: UInt8, Sendable {
        case record, order, orderEvent, fill
    }

    /// A record's place in the batch and its lane. A struct, not a tuple: the compiler copies and destroys a
    /// struct with code of its own, a tuple through the runtime's generic witnesses.
    struct Place: Sendable {
        let position: Int
        let lane: Lane
    }

    init(capacity: Int) {
        points.reserveCapacity(capacity)
    }

    /// Records of every lane.
    var count: Int { points.count &+ places.count }

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

    mutating func append(_ record: consuming PendingRecord) {
        places.append(Place(position: count, lane: .record))
        records.append(record)
    }

    mutating func append(_ order: consuming OrderRecord) {
        places.append(Place(position: count, lane: .order))
        orders.append(order)
    }

    mutating func append(_ event: consuming OrderEventRecord) {
        places.append(Place(position: count, lane: .orderEvent))
        orderEvents.append(event)
    }

    mutating func append(_ fill: consuming FillRecord) {
        places.append(Place(position: count, lane: .fill))
        fills.append(fill)
    }

    /// Empties every lane, keeping their storage.
    mutating func removeAll() {
        points.removeAll(keepingCapacity: true)
        places.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        orders.removeAll(keepingCapacity: true)
        orderEvents.removeAll(keepingCapacity: true)
        fills.removeAll(keepingCapacity: true)
    }

    /// Calls `visitor` for each record of the batch, in the order they were appended, with its offset in the
    /// batch.
    func forEach<Visitor: PendingBatchVisitor>(_ visitor: Visitor) throws(Visitor.Failure) {
        var offset = 0
        var point = 0, record = 0, order = 0, orderEvent = 0, fill = 0
        try places.withUnsafeBufferPointer { (places) throws(Visitor.Failure) in
            for place in places {  // through the buffer: no copy of each entry's storage
                while offset < place.position {
                    try visitor.visit(points[point], offset: offset)
                    point &+= 1
                    offset &+= 1
                }
                switch place.lane {
                case .record:
                    try visitor.visit(records[record], offset: offset)
                    record &+= 1
                case .order:
                    try visitor.visit(orders[order], offset: offset)
                    order &+= 1
                case .orderEvent:
                    try visitor.visit(orderEvents[orderEvent], offset: offset)
                    orderEvent &+= 1
                case .fill:
                    try visitor.visit(fills[fill], offset: offset)
                    fill &+= 1
                }
                offset &+= 1
            }
        }
        while point < points.count {
            try visitor.visit(points[point], offset: offset)
            point &+= 1
            offset &+= 1
        }
    }
}

/// What ``PendingBatch/forEach(_:)`` hands each record of a batch to, by its lane.
protocol PendingBatchVisitor {
    associatedtype Failure: Error
    func visit(_ point: EquityRecord, offset: Int) throws(Failure)
    func visit(_ record: PendingRecord, offset: Int) throws(Failure)
    func visit(_ order: OrderRecord, offset: Int) throws(Failure)
    func visit(_ event: OrderEventRecord, offset: Int) throws(Failure)
    func visit(_ fill: FillRecord, offset: Int) throws(Failure)
}
