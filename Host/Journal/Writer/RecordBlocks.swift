import QuorumModel

/// Packs the records of one written batch into one `record_blocks` row per kind (``PackedRecords`` gives the
/// layout, and the views that unpack them). An entry is written in place: ``begin(_:seq:time:)`` starts it
/// with its seq and ts and returns it, its `put` methods add its values in the order of
/// ``PackedRecords/columns(of:)``, and ``PackedEntry/end()`` closes it.
///
/// Only the writer thread touches it.
struct RecordBlocks {
    /// By ``PackedRecords/slot(of:)``.
    private var blocks: [Block]
    /// Slots with entries in the current batch, in the order their first entry came.
    private var order: [Int] = []
    /// Blocks closed early in this batch (an entry whose time is not a whole number of the block's unit from
    /// its first), inserted before the open ones.
    private var closed: [Block] = []

    /// One kind's block being filled.
    private final class Block {
        let kind: JournalRecord.Kind
        @exclusivity(unchecked) var baseSeq: Int64 = 0
        @exclusivity(unchecked) var firstTime: Int64 = 0
        @exclusivity(unchecked) var timeUnit: Int64
        @exclusivity(unchecked) var entries = 0
        let text = TextBuilder()

        init(kind: JournalRecord.Kind, timeUnit: Int64) {
            self.kind = kind
            self.timeUnit = timeUnit
        }

        /// Starts an entry numbered `seq` at `time`; false (writing nothing) when `time` is not a whole number
        /// of the block's unit from its first entry's, or that distance does not fit in 64 bits.
        func begin(seq: Int64, time: Int64) -> Bool {
            if entries == 0 {
                baseSeq = seq
                firstTime = time
                text.removeAll()
                text.append("[[0,0")
            } else {
                let (offset, overflow) = time.subtractingReportingOverflow(firstTime)
                guard !overflow, offset % timeUnit == 0 else { return false }
                text.append(",[")
                text.append(seq &- baseSeq)
                text.append(UInt8(ascii: ","))
                text.append(offset / timeUnit)
            }
            entries += 1
            return true
        }

        func insert(run runID: Int64, with insert: Statement) throws(JournalError) {
            text.append(UInt8(ascii: "]"))
            insert.bind(runID)
            insert.bind(kind.rawValue)
            insert.bind(baseSeq)
            insert.bind(firstTime)
            insert.bind(timeUnit)
            insert.bind(entries)
            insert.bind(borrowedUTF8: text.bytes)
            try insert.run()
            entries = 0
            timeUnit = EquityBlocks.preferredTimeUnit
        }
    }

    init() {
        blocks = PackedRecords.kinds.map { Block(kind: $0, timeUnit: EquityBlocks.preferredTimeUnit) }
    }

    /// Starts the entry of a packed record of `kind`, numbered `seq`, at `time`; its values follow.
    mutating func begin(_ kind: JournalRecord.Kind, seq: Int64, time: Timestamp) -> PackedEntry {
        guard let slot = PackedRecords.slot(of: kind) else {
            preconditionFailure("\(kind.rawValue) records are not packed")
        }
        let block = blocks[slot]
        if block.entries == 0 { order.append(slot) }
        if !block.begin(seq: seq, time: time) {
            // A new block, whose first entry is its own origin (always fits); counted in nanoseconds when the
            // time was not whole seconds from the first, so sub-second data starts a block per batch, not one
            // per entry.
            closed.append(block)
            let (offset, overflow) = time.subtractingReportingOverflow(block.firstTime)
            let fresh = Block(kind: kind, timeUnit: !overflow && offset % block.timeUnit != 0 ? 1 : block.timeUnit)
            blocks[slot] = fresh
            _ = fresh.begin(seq: seq, time: time)
        }
        return PackedEntry(text: blocks[slot].text)
    }

    /// Inserts one row per block through `insert` (parameters: run_id, kind, base_seq, first_ts, ts_unit,
    /// entries, data), then starts empty for the next batch.
    mutating func flush(run runID: Int64, into insert: Statement) throws(JournalError) {
        for block in closed { try block.insert(run: runID, with: insert) }
        closed.removeAll()
        for slot in order { try blocks[slot].insert(run: runID, with: insert) }
        order.removeAll(keepingCapacity: true)
    }
}

/// The entry being written: its values in the order of ``PackedRecords/columns(of:)``, then ``end()``.
struct PackedEntry {
    let text: TextBuilder

    /// Closes the entry.
    func end() { text.append(UInt8(ascii: "]")) }

    func put(_ value: Int64) {
        text.append(UInt8(ascii: ","))
        text.append(value)
    }

    func put(_ value: Int) { put(Int64(value)) }

    /// A double, in the shortest form that reads back as it (`null` when not finite), through `texts`.
    func put(_ value: Double, _ texts: DoubleTexts) {
        text.append(UInt8(ascii: ","))
        texts.append(value, to: text)
    }

    func put(_ value: String) {
        text.append(UInt8(ascii: ","))
        text.appendJSONString(value)
    }

    /// A string written as JSON already (``QuotedNames``).
    func put(quoted value: UnsafeBufferPointer<UInt8>) {
        text.append(UInt8(ascii: ","))
        text.append(value)
    }

    /// A price: its exact raw integer.
    func put(_ value: Price) { put(value.raw) }

    /// An amount of money: its exact raw integer.
    func put(_ value: Money) { put(value.raw) }

    func put(_ value: Int64?) { if let value { put(value) } else { putNull() } }
    func put(_ value: Double?, _ texts: DoubleTexts) { if let value { put(value, texts) } else { putNull() } }
    func put(_ value: String?) { if let value { put(value) } else { putNull() } }
    func put(_ value: Price?) { if let value { put(value) } else { putNull() } }

    func putNull() { text.append(",null") }
}
