import QuorumModel

/// Packs the equity points of one written batch into one `equity_blocks` row per book (the `equity` view and
/// ``EquityBlockDecoder`` unpack them), in ``EquityBlockFormat/fromPrevious``: the block stores its first
/// point's values (`base_seq`, `first_ts`, `first_equity_raw`, `first_cash_raw`, `first_exposure_raw`), the
/// unit of its time differences (`ts_unit`), and a JSON array with one `[seq, ts, equity, cash, exposure]`
/// entry per point, each the difference from the previous point, with the trailing entries the format lets
/// it leave out left out. A step of a flat book is `[2,60]`, one of a held position `[2,60,-95000000]`.
///
/// One SQLite row per point cost ~10k instructions and was most of a journal's cost (every book writes a
/// point every time step); a point here is a few short integers printed into a buffer, ~13 bytes.
struct EquityBlocks {
    /// Each book's open block, by book + 1 (the ensemble's book is -1, strategy books 0, 1, …).
    private var owners: [Block] = []
    /// `owners`, unretained, so that appending a point retains nothing.
    private var blocks: [Unmanaged<Block>] = []
    /// Books with points in the current batch, in the order their first point came.
    private var order: [Int] = []

    /// Blocks closed early in this batch (a point that cannot be written as a difference from the previous
    /// one), inserted before the open ones.
    private var closed: [(book: Int, block: Block)] = []

    /// The unit a block's time differences are first tried in: whole seconds, as bar times are (finer steps
    /// start a block counted in nanoseconds). ``RecordBlocks`` counts in it too.
    static let preferredTimeUnit: Int64 = 1_000_000_000

    /// A book's block being filled. Only the writer thread touches it (no dynamic exclusivity checks).
    private final class Block {
        @exclusivity(unchecked) var first = EquityRecord(time: 0, book: 0, equity: .zero, cash: .zero,
                                                         exposure: .zero)
        @exclusivity(unchecked) var previous = EquityRecord(time: 0, book: 0, equity: .zero, cash: .zero,
                                                            exposure: .zero)
        @exclusivity(unchecked) var baseSeq: Int64 = 0
        @exclusivity(unchecked) var previousSeq: Int64 = 0
        @exclusivity(unchecked) var timeUnit: Int64
        @exclusivity(unchecked) var points = 0
        let text = TextBuilder()
        /// The last entry when it was a flat step (`,[seq,ts]`, nothing else changed) of at most 8 bytes: its
        /// bytes, their count, and its steps (`time` in nanoseconds). A point that repeats it exactly stores
        /// those bytes again instead of printing them — the points of a flat book, which strategy books are
        /// much of the time (~40% of the points in the nine-instance benchmark).
        @exclusivity(unchecked) var repeatable = false
        @exclusivity(unchecked) var repeatBytes: UInt64 = 0
        @exclusivity(unchecked) var repeatLength = 0
        @exclusivity(unchecked) var repeatSteps: (seq: Int64, time: Int64) = (0, 0)

        init(timeUnit: Int64) { self.timeUnit = timeUnit }

        /// Appends `point` as differences from the previous point; false (appending nothing) when it cannot
        /// be: a difference, or the distance from the block's first point (which the `equity` view sums
        /// up to), does not fit in 64 bits, or the time difference is not a whole number of the block's unit.
        func append(_ point: EquityRecord, seq: Int64) -> Bool {
            if points == 0 {
                first = point
                previous = point
                baseSeq = seq
                previousSeq = seq
                points = 1
                repeatable = false
                text.removeAll()
                text.append("[[0,0]")
                return true
            }
            if repeatable, seq &- previousSeq == repeatSteps.seq, point.time &- previous.time == repeatSteps.time,
               point.equity == previous.equity, point.cash == previous.cash, point.exposure == previous.exposure,
               !point.time.subtractingReportingOverflow(first.time).overflow {
                let (bytes, length) = (repeatBytes, repeatLength)
                text.write(maxLength: 8) { out in
                    UnsafeMutableRawPointer(out.next).storeBytes(of: bytes, as: UInt64.self)
                    out.next += length
                }
                previous = point
                previousSeq = seq
                points += 1
                return true
            }
            guard let time = Self.step(point.time, previous.time, first.time),
                  time % timeUnit == 0,
                  let equity = Self.step(point.equity.raw, previous.equity.raw, first.equity.raw),
                  let cash = Self.step(point.cash.raw, previous.cash.raw, first.cash.raw),
                  let exposure = Self.step(point.exposure.raw, previous.exposure.raw, first.exposure.raw)
            else { return false }
            let steps = (seq &- previousSeq, time / timeUnit)
            // Trailing entries the format reads as: equity 0, cash 0, exposure = the equity difference.
            let written = exposure != equity ? 5 : cash != 0 ? 4 : equity != 0 ? 3 : 2
            let start = text.count
            text.write(maxLength: Self.maxEntryLength) { out in
                out.put(UInt8(ascii: ","))
                out.put(UInt8(ascii: "["))
                out.putDecimal(steps.0)
                out.put(UInt8(ascii: ","))
                out.putDecimal(steps.1)
                if written >= 3 {
                    out.put(UInt8(ascii: ","))
                    out.putDecimal(equity)
                }
                if written >= 4 {
                    out.put(UInt8(ascii: ","))
                    out.putDecimal(cash)
                }
                if written == 5 {
                    out.put(UInt8(ascii: ","))
                    out.putDecimal(exposure)
                }
                out.put(UInt8(ascii: "]"))
            }
            repeatLength = text.count - start
            repeatable = written == 2 && repeatLength <= 8
            if repeatable {
                // `write` made room for the longest entry, so 8 bytes from `start` are inside the buffer.
                repeatBytes = UnsafeRawPointer(text.bytes.baseAddress! + start).loadUnaligned(as: UInt64.self)
                repeatSteps = (steps.0, time)
            }
            previous = point
            previousSeq = seq
            points += 1
            return true
        }

        /// The longest entry: `,[` five numbers with commas between them, and `]`.
        private static let maxEntryLength = 2 + 5 * DecimalText.maxLength + 4 + 1

        /// `value - previous`, when both it and `value - first` fit in 64 bits.
        @inline(__always)
        private static func step(_ value: Int64, _ previous: Int64, _ first: Int64) -> Int64? {
            let (difference, o1) = value.subtractingReportingOverflow(previous)
            let (_, o2) = value.subtractingReportingOverflow(first)
            return o1 || o2 ? nil : difference
        }

        func insert(run runID: Int64, book: Int, with insert: Statement) throws(JournalError) {
            text.append(UInt8(ascii: "]"))
            insert.bind(runID)
            insert.bind(book)
            insert.bind(EquityBlockFormat.fromPrevious.rawValue)
            insert.bind(timeUnit)
            insert.bind(baseSeq)
            insert.bind(first.time)
            insert.bind(first.equity.raw)
            insert.bind(first.cash.raw)
            insert.bind(first.exposure.raw)
            insert.bind(points)
            insert.bind(borrowedUTF8: text.bytes)
            try insert.run()
            points = 0
            timeUnit = EquityBlocks.preferredTimeUnit
        }
    }

    /// Adds `point`, numbered `seq`, to its book's block.
    mutating func append(_ point: EquityRecord, seq: Int64) {
        let slot = point.book + 1
        precondition(slot >= 0, "book \(point.book) is neither the ensemble's (-1) nor a strategy's")
        while blocks.count <= slot { open(Block(timeUnit: Self.preferredTimeUnit), at: blocks.count) }
        let appended = blocks[slot]._withUnsafeGuaranteedRef { block in
            if block.points == 0 { order.append(slot) }
            return block.append(point, seq: seq)
        }
        if !appended {
            // A new block, whose first point is its own origin (always fits); in nanoseconds when the step
            // was not whole seconds, so sub-second data starts a block per batch, not one per point.
            let block = owners[slot]
            closed.append((point.book, block))
            let fresh = Block(timeUnit: (point.time &- block.previous.time) % block.timeUnit == 0
                              ? block.timeUnit : 1)
            open(fresh, at: slot)
            _ = fresh.append(point, seq: seq)
        }
    }

    /// Makes `block` the open block of `slot` (at most one past the last).
    private mutating func open(_ block: Block, at slot: Int) {
        if slot == owners.count {
            owners.append(block)
            blocks.append(.passUnretained(block))
        } else {
            owners[slot] = block
            blocks[slot] = .passUnretained(block)
        }
    }

    /// Inserts one row per block through `insert` (parameters: run_id, book, format, ts_unit, base_seq,
    /// first_ts, first_equity_raw, first_cash_raw, first_exposure_raw, points, data), then starts empty for
    /// the next batch.
    mutating func flush(run runID: Int64, into insert: Statement) throws(JournalError) {
        for (book, block) in closed { try block.insert(run: runID, book: book, with: insert) }
        closed.removeAll()
        for slot in order { try owners[slot].insert(run: runID, book: slot - 1, with: insert) }
        order.removeAll(keepingCapacity: true)
    }
}
