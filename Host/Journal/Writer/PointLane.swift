import QuorumModel

/// A batch's equity points: every book writes one every time step, the most numerous records by far, so they
/// are stored in room allocated once for a full batch and reused batch after batch — an append is a bounds
/// check and the point's stores (no uniqueness check, no growth in the common case). Points are plain values
/// (``EquityRecord`` holds no references), overwritten and dropped without deinitialization.
///
/// Its batch's owner alone uses it: the producer while filling the batch, the writer thread while writing it.
final class PointLane: @unchecked Sendable {
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<EquityRecord>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    func append(_ point: EquityRecord) {
        if count == capacity { grow(by: 1) }
        (base + count).initialize(to: point)
        count &+= 1
    }

    /// One point at `time` for each of the books `0..<values.count` (`values[book]`).
    func append(_ values: UnsafeBufferPointer<BookValue>, time: Timestamp) {
        if count &+ values.count > capacity { grow(by: values.count) }
        var next = base + count
        for book in values.indices {
            let value = values[book]
            next.initialize(to: EquityRecord(time: time, book: book, equity: value.equity, cash: value.cash,
                                             exposure: value.exposure))
            next += 1
        }
        count &+= values.count
    }

    subscript(index: Int) -> EquityRecord {
        precondition(index >= 0 && index < count, "no such point")
        return base[index]
    }

    func removeAll() { count = 0 }

    /// A batch is handed off once it is full, so this happens only when one call appends past a full batch.
    private func grow(by extra: Int) {
        RawStorage.grow(&base, count: count, capacity: &capacity, toFit: extra)
    }
}
