import QuorumModel

/// Inserts batches of records with prepared statements, one transaction per batch: each record is numbered
/// (`seq`, from `journal_sequence`, read and advanced inside the batch's transaction so that two writers on
/// one file never share a number). Equity points are packed per book into one `equity_blocks` row per batch
/// (``EquityBlocks``), the records of every decision per kind into one `record_blocks` row
/// (``RecordBlocks``), and the rest (weights, faults, quarantines, transition errors) become rows of their
/// tables (several rows for weights).
///
/// It belongs to the writer thread; the producer's thread uses it only while that thread is idle or gone
/// (the hand-offs go through ``BatchQueue``'s lock).
final class RecordInserter: @unchecked Sendable {
    let database: Database
    let runID: Int64
    /// The run's symbols as JSON strings, by index.
    private let symbols: QuotedNames
    /// The run's id as JSON-escaped text (no quotes), the first part of every client order id it writes.
    private let runText: TextBuilder
    private let timeFormat: TimeFormat
    private var lastTime: Timestamp?
    private var lastTimeText = ""

    private let readSequence: Statement
    private let writeSequence: Statement
    private let equityBlocks: Statement
    /// Touched per point by the writer thread alone (no dynamic exclusivity checks).
    @exclusivity(unchecked) private var equityPoints = EquityBlocks()
    private let recordBlocks: Statement
    /// Touched per record by the writer thread alone (no dynamic exclusivity checks).
    @exclusivity(unchecked) private var packed = RecordBlocks()
    /// The texts of the doubles written lately (verdicts' scores repeat).
    private let doubles = DoubleTexts()
    private let weights: Statement
    private let faults: Statement
    private let quarantines: Statement
    private let transitionErrors: Statement

    /// The columns every record table starts with.
    private static let common = ["seq", "run_id", "ts", "time"]

    init(database: Database, runID: Int64, run: RunInfo) throws(JournalError) {
        self.database = database
        self.runID = runID
        symbols = QuotedNames(run.symbols)
        let runText = TextBuilder()
        var id = run.id
        id.withUTF8 { id in JSONStringEscaping.escape(id) { runText.append($0) } }
        self.runText = runText
        timeFormat = run.timeFormat
        func prepare(_ kind: JournalRecord.Kind, _ columns: [String]) throws(JournalError) -> Statement {
            try database.prepare(SQL.insert(kind.table, Self.common + columns), persistent: true)
        }
        readSequence = try database.prepare("SELECT next_seq FROM journal_sequence", persistent: true)
        writeSequence = try database.prepare("UPDATE journal_sequence SET next_seq = ?", persistent: true)
        equityBlocks = try database.prepare(SQL.insert("equity_blocks", [
            "run_id", "book", "format", "ts_unit", "base_seq", "first_ts", "first_equity_raw", "first_cash_raw",
            "first_exposure_raw", "points", "data"]), persistent: true)
        recordBlocks = try database.prepare(SQL.insert("record_blocks", [
            "run_id", "kind", "base_seq", "first_ts", "ts_unit", "entries", "data"]), persistent: true)
        weights = try prepare(.weights, ["instance", "weight"])
        faults = try prepare(.fault, ["instance", "message"])
        quarantines = try prepare(.quarantine, ["instance"])
        transitionErrors = try prepare(.transitionError, ["machine", "id", "from_state", "event", "message"])
    }

    /// Finalizes the statements and closes the database, so the file is checkpointed and closed now.
    func close() {
        for statement in [readSequence, writeSequence, equityBlocks, recordBlocks, weights, faults, quarantines,
                          transitionErrors] {
            statement.finalize()
        }
        database.close()
    }

    /// Inserts `batch` in one transaction: all of it is committed, or none of it.
    func write(_ batch: PendingBatch) throws(JournalError) {
        try database.transaction { () throws(JournalError) in
            guard let first = try readSequence.rows({ (r: inout Row) in r.int64() }).first else {
                throw .invalidData(path: database.path, message: "journal_sequence has no row")
            }
            try batch.forEach(BatchWriting(inserter: self, first: first))
            try equityPoints.flush(run: runID, into: equityBlocks)
            try packed.flush(run: runID, into: recordBlocks)
            writeSequence.bind(first &+ Int64(batch.count))
            try writeSequence.run()
        }
    }

    fileprivate func insert(_ record: JournalRecord, seq: Int64) throws(JournalError) {
        if case .equity(let point) = record {
            append(point, seq: seq)
            return
        }
        let ts = record.time

        /// Binds the columns every record table starts with and returns the statement.
        func row(_ statement: Statement) -> Statement {
            statement.bind(seq)
            statement.bind(runID)
            statement.bind(ts)
            statement.bind(text(ts))
            return statement
        }

        switch record {
        case .signal(let r):
            try insert(r, seq: seq)
        case .verdict(let r):
            try insert(r, seq: seq)
        case .riskDecision(let r):
            let name = try symbol(r.symbol, of: record.kind)
            let e = packed.begin(.riskDecision, seq: seq, time: ts)
            e.put(quoted: name)
            e.put(r.action)
            e.put(r.rule)
            e.put(r.requested)
            e.put(r.approved)
            e.put(r.detail)
            e.end()
        case .tradingState(let r):
            let e = packed.begin(.tradingState, seq: seq, time: ts)
            e.put(r.from)
            e.put(r.to)
            e.put(r.reason)
            e.end()
        case .order(let r):
            try insert(r, seq: seq)
        case .orderEvent(let r):
            try insert(r, seq: seq)
        case .fill(let r):
            try insert(r, seq: seq)
        case .position(let r):
            let name = try symbol(r.symbol, of: record.kind)
            let e = packed.begin(.position, seq: seq, time: ts)
            e.put(quoted: name)
            e.put(r.quantity)
            e.put(r.costBasis)
            e.put(r.realizedPnL)
            e.end()
        case .trade(let r):
            let name = try symbol(r.symbol, of: record.kind)
            let e = packed.begin(.trade, seq: seq, time: ts)
            e.put(r.book)
            e.put(quoted: name)
            e.put(r.quantity)
            e.put(r.entryTime)
            e.put(r.entryPrice)
            e.put(r.exitPrice)
            e.put(r.pnl)
            e.put(r.commission)
            e.end()
        case .equity:
            preconditionFailure("equity points are packed in blocks above")
        case .weights(let r):
            for (instance, weight) in r.weights.enumerated() {
                let s = row(weights)
                s.bind(instance)
                s.bind(weight)
                try s.run()
            }
        case .fault(let r):
            let s = row(faults)
            s.bind(r.instance)
            s.bind(r.message)
            try s.run()
        case .quarantine(let r):
            let s = row(quarantines)
            s.bind(r.instance)
            try s.run()
        case .transitionError(let r):
            let s = row(transitionErrors)
            s.bind(r.machine)
            s.bind(r.id)
            s.bind(r.from)
            s.bind(r.event)
            s.bind(r.message)
            try s.run()
        }
    }

    /// The name of symbol `index` as a JSON string; a record naming a symbol the run does not have is refused.
    private func symbol(_ index: Int, of kind: JournalRecord.Kind) throws(JournalError) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0 && index < symbols.count else {
            throw .invalidData(path: database.path, message: "a \(kind.rawValue) record refers to symbol "
                               + "index \(index); the run has \(symbols.count) symbols")
        }
        return symbols[index]
    }

    fileprivate func insert(_ r: SignalRecord, seq: Int64) throws(JournalError) {
        let name = try symbol(r.symbol, of: .signal)
        let e = packed.begin(.signal, seq: seq, time: r.time)
        e.put(r.instance)
        e.put(quoted: name)
        e.put(Int64(r.direction.rawValue))
        e.put(r.confidence, doubles)
        e.put(r.targetWeight, doubles)
        e.put(r.stopLoss)
        e.put(r.takeProfit)
        e.put(r.expiryBars)
        e.put(r.reason)
        e.end()
    }

    fileprivate func insert(_ r: VerdictRecord, seq: Int64) throws(JournalError) {
        let name = try symbol(r.symbol, of: .verdict)
        let e = packed.begin(.verdict, seq: seq, time: r.time)
        e.put(quoted: name)
        e.put(Int64(r.direction.rawValue))
        e.put(r.conviction, doubles)
        e.put(r.net, doubles)
        e.put(r.stances)
        e.put(r.nonFlat)
        e.put(r.targetWeight, doubles)
        e.put(r.stopLoss)
        e.put(r.takeProfit)
        e.end()
    }

    fileprivate func insert(_ r: OrderRecord, seq: Int64) throws(JournalError) {
        let name = try symbol(r.symbol, of: .order)
        let e = packed.begin(.order, seq: seq, time: r.time)
        try put(r.clientOrderID, in: e, of: .order)
        e.put(quoted: name)
        e.put(r.side)
        e.put(r.type)
        e.put(r.quantity)
        e.put(r.limitPrice)
        e.put(r.stopPrice)
        e.put(r.trail)
        e.put(r.timeInForce)
        if let parent = r.parentID { try put(parent, in: e, of: .order) } else { e.putNull() }
        e.put(r.leg)
        e.end()
    }

    fileprivate func insert(_ r: OrderEventRecord, seq: Int64) throws(JournalError) {
        let e = packed.begin(.orderEvent, seq: seq, time: r.time)
        try put(r.clientOrderID, in: e, of: .orderEvent)
        e.put(r.from)
        e.put(r.to)
        e.put(r.filledQuantity)
        e.put(r.reason)
        e.end()
    }

    fileprivate func insert(_ r: FillRecord, seq: Int64) throws(JournalError) {
        let name = try symbol(r.symbol, of: .fill)
        let e = packed.begin(.fill, seq: seq, time: r.time)
        try put(r.clientOrderID, in: e, of: .fill)
        e.put(quoted: name)
        e.put(r.quantity)
        e.put(r.price)
        e.put(r.commission)
        e.end()
    }

    /// Adds a client order id to `entry` as a JSON string: an id's parts are written as its text, with this
    /// run's id and the symbol's name (``ClientOrderID/write(run:symbolName:to:)``), straight into the block.
    private func put(_ name: OrderName, in entry: PackedEntry, of kind: JournalRecord.Kind) throws(JournalError) {
        switch name {
        case .text(let text):
            entry.put(text)
        case .id(let id):
            let quoted = try symbol(id.symbol, of: kind)
            let symbolText = UnsafeBufferPointer(rebasing: quoted[1..<quoted.count - 1])
            let run = runText.bytes
            entry.text.write(maxLength: run.count + symbolText.count + ClientOrderID.maxLengthBesidesNames + 3) {
                $0.put(UInt8(ascii: ","))
                $0.put(UInt8(ascii: "\""))
                id.write(run: run, symbolName: symbolText, to: &$0)
                $0.put(UInt8(ascii: "\""))
            }
        }
    }

    /// `ts` as the run's data writes times. Consecutive records mostly share a time, so the last one is kept.
    private func text(_ ts: Timestamp) -> String {
        if ts != lastTime {
            lastTime = ts
            lastTimeText = Timestamps.format(ts, timeFormat)
        }
        return lastTimeText
    }
}

extension RecordInserter {
    fileprivate func append(_ point: EquityRecord, seq: Int64) {
        equityPoints.append(point, seq: seq)
    }
}

/// Inserts each record of a batch whose first record is numbered `first`.
private struct BatchWriting: PendingBatchVisitor {
    let inserter: RecordInserter
    let first: Int64

    func visit(_ point: EquityRecord, offset: Int) { inserter.append(point, seq: first &+ Int64(offset)) }

    func visit(_ record: PendingRecord, offset: Int) throws(JournalError) {
        try inserter.insert(record.record, seq: first &+ Int64(offset))
    }

    func visit(_ signal: SignalRecord, offset: Int) throws(JournalError) {
        try inserter.insert(signal, seq: first &+ Int64(offset))
    }

    func visit(_ verdict: VerdictRecord, offset: Int) throws(JournalError) {
        try inserter.insert(verdict, seq: first &+ Int64(offset))
    }

    func visit(_ order: OrderRecord, offset: Int) throws(JournalError) {
        try inserter.insert(order, seq: first &+ Int64(offset))
    }

    func visit(_ event: OrderEventRecord, offset: Int) throws(JournalError) {
        try inserter.insert(event, seq: first &+ Int64(offset))
    }

    func visit(_ fill: FillRecord, offset: Int) throws(JournalError) {
        try inserter.insert(fill, seq: first &+ Int64(offset))
    }
}
