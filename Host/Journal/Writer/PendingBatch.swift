import QuorumModel

/// The records of one batch, in the order they were appended, in lanes of plain values: equity points (every
/// book writes one every time step), signals, verdicts, orders, order events and fills (the most frequent
/// records after the points) each in an array of their own type, which costs nothing to empty and copies a
/// record with code of its own (a ``JournalRecord`` goes through the runtime's outlined copies of a large
/// enum), and every other record; each record but the points with its place in the batch.
struct PendingBatch: Sendable {
    /// The equity points, in order.
    let points: PointLane
    /// Where each record but the points goes: in order, with the number of records (of every lane) before it.
    private(set) var places: [Place] = []
    private(set) var records: [PendingRecord] = []
    private(set) var signals: [SignalRecord] = []
    private(set) var verdicts: [VerdictRecord] = []
    private(set) var orders: [OrderRecord] = []
    private(set) var orderEvents: [OrderEventRecord] = []
    private(set) var fills: [FillRecord] = []

    /// The lanes other than the points'.
    enum Lane: UInt8, Sendable {
        case record, signal, verdict, order, orderEvent, fill
    }

    /// A record's place in the batch and its lane. A struct, not a tuple: the compiler copies and destroys a
    /// struct with code of its own, a tuple through the runtime's generic witnesses.
    struct Place: Sendable {
        let position: Int
        let lane: Lane
    }

    init(capacity: Int) {
        points = PointLane(capacity: capacity)
    }

    /// Records of every lane.
    var count: Int { points.count &+ places.count }

    mutating func append(_ record: consuming PendingRecord) { Self.add(record, .record, count, &places, &records) }
    mutating func append(_ signal: consuming SignalRecord) { Self.add(signal, .signal, count, &places, &signals) }
    mutating func append(_ verdict: consuming VerdictRecord) { Self.add(verdict, .verdict, count, &places, &verdicts) }
    mutating func append(_ order: consuming OrderRecord) { Self.add(order, .order, count, &places, &orders) }
    mutating func append(_ event: consuming OrderEventRecord) {
        Self.add(event, .orderEvent, count, &places, &orderEvents)
    }
    mutating func append(_ fill: consuming FillRecord) { Self.add(fill, .fill, count, &places, &fills) }

    /// Appends `record` to its lane and its place, at `position`, to `places`.
    private static func add<Record>(_ record: consuming Record, _ lane: Lane, _ position: Int, _ places: inout [Place],
                                    _ records: inout [Record]) {
        places.append(Place(position: position, lane: lane))
        records.append(record)
    }

    /// Empties every lane, keeping their storage.
    mutating func removeAll() {
        points.removeAll()
        places.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        signals.removeAll(keepingCapacity: true)
        verdicts.removeAll(keepingCapacity: true)
        orders.removeAll(keepingCapacity: true)
        orderEvents.removeAll(keepingCapacity: true)
        fills.removeAll(keepingCapacity: true)
    }

    /// Calls `visitor` for each record of the batch, in the order they were appended, with its offset in the
    /// batch.
    func forEach<Visitor: PendingBatchVisitor>(_ visitor: Visitor) throws(Visitor.Failure) {
        var offset = 0
        var point = 0, record = 0, signal = 0, verdict = 0, order = 0, orderEvent = 0, fill = 0
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
                case .signal:
                    try visitor.visit(signals[signal], offset: offset)
                    signal &+= 1
                case .verdict:
                    try visitor.visit(verdicts[verdict], offset: offset)
                    verdict &+= 1
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
    func visit(_ signal: SignalRecord, offset: Int) throws(Failure)
    func visit(_ verdict: VerdictRecord, offset: Int) throws(Failure)
    func visit(_ order: OrderRecord, offset: Int) throws(Failure)
    func visit(_ event: OrderEventRecord, offset: Int) throws(Failure)
    func visit(_ fill: FillRecord, offset: Int) throws(Failure)
}
