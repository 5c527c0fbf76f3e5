import QuorumModel

/// Packs the equity points of one written batch into one `equity_blocks` row per book (the `equity` view
/// unpacks them). A block stores its first point's values (`base_seq`, `first_ts`, `first_equity_raw`,
/// `first_cash_raw`, `first_exposure_raw`) and a JSON array with one `[seq, ts, equity_raw, cash_raw,
/// exposure_raw]` entry per point, each value the difference from the first point's, in the order the points
/// were appended (differences are short: cash rarely changes, and a step moves equity by little).
///
/// One SQLite row per point cost ~10k instructions and was most of a journal's cost (every book writes a
/// point every time step); a point here is five short integers printed into a buffer.
struct EquityBlocks {
    /// By book + 1 (the ensemble's book is -1, strategy books 0, 1, …).
    private var blocks: [Block] = []
    /// Books with points in the current batch, in the order their first point came.
    private var order: [Int] = []

    /// Blocks closed early in this batch (a point too far from its block's first point to be written as a
    /// difference), inserted before the open ones.
    private var closed: [(book: Int, block: Block)] = []

    private final class Block {
        var first = EquityRecord(time: 0, book: 0, equity: .zero, cash: .zero, exposure: .zero)
        var baseSeq: Int64 = 0
        var points = 0
        let text = TextBytes()

        /// Appends `point` as differences from the block's first point; false (appending nothing) when a
        /// difference does not fit in 64 bits.
        func append(_ point: EquityRecord, seq: Int64) -> Bool {
            if points == 0 {
                first = point
                baseSeq = seq
                text.removeAll()
                text.append(UInt8(ascii: "["))
            }
            let (equity, o1) = point.equity.raw.subtractingReportingOverflow(first.equity.raw)
            let (cash, o2) = point.cash.raw.subtractingReportingOverflow(first.cash.raw)
            let (exposure, o3) = point.exposure.raw.subtractingReportingOverflow(first.exposure.raw)
            let (time, o4) = point.time.subtractingReportingOverflow(first.time)
            guard !(o1 || o2 || o3 || o4) else { return false }
            if points > 0 { text.append(UInt8(ascii: ",")) }
            points += 1
            text.append(UInt8(ascii: "["))
            text.appendDecimal(seq &- baseSeq)
            text.append(UInt8(ascii: ","))
            text.appendDecimal(time)
            text.append(UInt8(ascii: ","))
            text.appendDecimal(equity)
            text.append(UInt8(ascii: ","))
            text.appendDecimal(cash)
            text.append(UInt8(ascii: ","))
            text.appendDecimal(exposure)
            text.append(UInt8(ascii: "]"))
            return true
        }

        func insert(run runID: Int64, book: Int, with insert: Statement) throws(JournalError) {
            text.append(UInt8(ascii: "]"))
            insert.bind(runID)
            insert.bind(book)
            insert.bind(baseSeq)
            insert.bind(first.time)
            insert.bind(first.equity.raw)
            insert.bind(first.cash.raw)
            insert.bind(first.exposure.raw)
            insert.bind(points)
            insert.bind(utf8: text.bytes)
            try insert.run()
            points = 0
        }
    }

    /// Adds `point`, numbered `seq`, to its book's block.
    mutating func append(_ point: EquityRecord, seq: Int64) {
        let slot = point.book + 1
        precondition(slot >= 0, "book \(point.book) is neither the ensemble's (-1) nor a strategy's")
        while blocks.count <= slot { blocks.append(Block()) }
        let block = blocks[slot]
        if block.points == 0 { order.append(slot) }
        if !block.append(point, seq: seq) {
            closed.append((point.book, block))
            let fresh = Block()
            blocks[slot] = fresh
            _ = fresh.append(point, seq: seq)  // a first point is its own origin: always fits
        }
    }

    /// Inserts one row per block through `insert` (parameters: run_id, book, base_seq, first_ts,
    /// first_equity_raw, first_cash_raw, first_exposure_raw, points, data), then starts empty for the next
    /// batch.
    mutating func flush(run runID: Int64, into insert: Statement) throws(JournalError) {
        for (book, block) in closed { try block.insert(run: runID, book: book, with: insert) }
        closed.removeAll()
        for slot in order { try blocks[slot].insert(run: runID, book: slot - 1, with: insert) }
        order.removeAll(keepingCapacity: true)
    }
}

/// A growable UTF-8 buffer written in place: appending a number is a few stores, not an array append.
final class TextBytes {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// The bytes written so far (valid until the next append or removeAll).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    func removeAll() { count = 0 }

    func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count &+= 1
    }

    /// Appends `value` in decimal.
    func appendDecimal(_ value: Int64) {
        reserve(DecimalText.maxLength)
        count &+= DecimalText.write(value, to: storage + count)
    }

    @inline(__always) private func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(extra) }
    }

    private func grow(_ extra: Int) {
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + extra))
        grown.update(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = max(capacity * 2, count + extra)
    }
}
