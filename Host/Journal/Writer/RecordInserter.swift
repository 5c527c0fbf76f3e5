import QuorumModel

/// Inserts batches of records with prepared statements, one transaction per batch: each record is numbered
/// (`seq`, from `journal_sequence`, read and advanced inside the batch's transaction so that two writers on
/// one file never share a number) and becomes a row of its typed table (several rows for weights), except
/// equity points, which are packed per book into one `equity_blocks` row per batch (``EquityBlocks``).
///
/// It belongs to the writer thread; the producer's thread uses it only while that thread is idle or gone
/// (the hand-offs go through ``BatchQueue``'s lock).
final class RecordInserter: @unchecked Sendable {
    let database: Database
    let runID: Int64
    private let symbols: [String]
    private let timeFormat: TimeFormat
    private var lastTime: Timestamp?
    private var lastTimeText = ""

    private let readSequence: Statement
    private let writeSequence: Statement
    private let equityBlocks: Statement
    /// Touched per point by the writer thread alone (no dynamic exclusivity checks).
    @exclusivity(unchecked) private var equityPoints = EquityBlocks()
    private let signals: Statement
    private let verdicts: Statement
    private let riskDecisions: Statement
    private let tradingStates: Statement
    private let orders: Statement
    private let orderEvents: Statement
    private let fills: Statement
    private let positions: Statement
    private let trades: Statement
    private let weights: Statement
    private let faults: Statement
    private let quarantines: Statement
    private let transitionErrors: Statement

    /// The columns every record table starts with.
    private static let common = ["seq", "run_id", "ts", "time"]

    init(database: Database, runID: Int64, run: RunInfo) throws(JournalError) {
        self.database = database
        self.runID = runID
        symbols = run.symbols
        timeFormat = run.timeFormat
        func prepare(_ kind: JournalRecord.Kind, _ columns: [String]) throws(JournalError) -> Statement {
            try database.prepare(SQL.insert(kind.table, Self.common + columns), persistent: true)
        }
        readSequence = try database.prepare("SELECT next_seq FROM journal_sequence", persistent: true)
        writeSequence = try database.prepare("UPDATE journal_sequence SET next_seq = ?", persistent: true)
        equityBlocks = try database.prepare(SQL.insert("equity_blocks", [
            "run_id", "book", "format", "ts_unit", "base_seq", "first_ts", "first_equity_raw", "first_cash_raw",
            "first_exposure_raw", "points", "data"]), persistent: true)
        signals = try prepare(.signal, [
            "instance", "symbol", "direction", "confidence", "target_weight", "stop_loss", "stop_loss_raw",
            "take_profit", "take_profit_raw", "expiry_bars", "reason"])
        verdicts = try prepare(.verdict, [
            "symbol", "direction", "conviction", "net", "stances", "non_flat", "target_weight", "stop_loss",
            "stop_loss_raw", "take_profit", "take_profit_raw"])
        riskDecisions = try prepare(.riskDecision, [
            "symbol", "action", "rule", "requested", "approved", "detail"])
        tradingStates = try prepare(.tradingState, ["from_state", "to_state", "reason"])
        orders = try prepare(.order, [
            "client_order_id", "symbol", "side", "type", "quantity", "limit_price", "limit_price_raw", "stop_price",
            "stop_price_raw", "trail", "time_in_force", "parent_id", "leg"])
        orderEvents = try prepare(.orderEvent, [
            "client_order_id", "from_state", "to_state", "filled_quantity", "reason"])
        fills = try prepare(.fill, [
            "client_order_id", "symbol", "quantity", "price", "price_raw", "commission", "commission_raw"])
        positions = try prepare(.position, [
            "symbol", "quantity", "cost_basis", "cost_basis_raw", "realized_pnl", "realized_pnl_raw"])
        trades = try prepare(.trade, [
            "book", "symbol", "quantity", "entry_ts", "entry_time", "entry_price", "entry_price_raw", "exit_price",
            "exit_price_raw", "pnl", "pnl_raw", "commission", "commission_raw"])
        weights = try prepare(.weights, ["instance", "weight"])
        faults = try prepare(.fault, ["instance", "message"])
        quarantines = try prepare(.quarantine, ["instance"])
        transitionErrors = try prepare(.transitionError, ["machine", "id", "from_state", "event", "message"])
    }

    /// Finalizes the statements and closes the database, so the file is checkpointed and closed now.
    func close() {
        for statement in [readSequence, writeSequence, equityBlocks, signals, verdicts, riskDecisions, tradingStates,
                          orders, orderEvents, fills, positions, trades, weights, faults, quarantines,
                          transitionErrors] {
            statement.finalize()
        }
        database.close()
    }

    /// Inserts `batch` in one transaction: all of it is committed, or none of it.
    func write(_ batch: [PendingRecord]) throws(JournalError) {
        try database.transaction { () throws(JournalError) in
            guard let first = try readSequence.rows({ (r: inout Row) in r.int64() }).first else {
                throw .invalidData(path: database.path, message: "journal_sequence has no row")
            }
            var seq = first
            for pending in batch {
                if case .equity(let point) = pending {
                    equityPoints.append(point, seq: seq)
                } else {
                    try insert(pending.record, seq: seq)
                }
                seq += 1
            }
            try equityPoints.flush(run: runID, into: equityBlocks)
            writeSequence.bind(seq)
            try writeSequence.run()
        }
    }

    private func insert(_ record: JournalRecord, seq: Int64) throws(JournalError) {
        if case .equity(let point) = record {
            equityPoints.append(point, seq: seq)
            return
        }
        let ts = record.time
        let time = text(ts)

        /// Binds the columns every record table starts with and returns the statement.
        func row(_ statement: Statement) -> Statement {
            statement.bind(seq)
            statement.bind(runID)
            statement.bind(ts)
            statement.bind(time)
            return statement
        }

        switch record {
        case .signal(let r):
            let name = try symbol(r.symbol, of: record)
            let s = row(signals)
            s.bind(r.instance)
            s.bind(name)
            s.bind(Int64(r.direction.rawValue))
            s.bind(r.confidence)
            s.bind(r.targetWeight)
            s.bind(r.stopLoss)
            s.bind(r.takeProfit)
            s.bind(r.expiryBars)
            s.bind(r.reason)
            try s.run()
        case .verdict(let r):
            let name = try symbol(r.symbol, of: record)
            let s = row(verdicts)
            s.bind(name)
            s.bind(Int64(r.direction.rawValue))
            s.bind(r.conviction)
            s.bind(r.net)
            s.bind(r.stances)
            s.bind(r.nonFlat)
            s.bind(r.targetWeight)
            s.bind(r.stopLoss)
            s.bind(r.takeProfit)
            try s.run()
        case .riskDecision(let r):
            let name = try symbol(r.symbol, of: record)
            let s = row(riskDecisions)
            s.bind(name)
            s.bind(r.action)
            s.bind(r.rule)
            s.bind(r.requested)
            s.bind(r.approved)
            s.bind(r.detail)
            try s.run()
        case .tradingState(let r):
            let s = row(tradingStates)
            s.bind(r.from)
            s.bind(r.to)
            s.bind(r.reason)
            try s.run()
        case .order(let r):
            let name = try symbol(r.symbol, of: record)
            let s = row(orders)
            s.bind(r.clientOrderID)
            s.bind(name)
            s.bind(r.side)
            s.bind(r.type)
            s.bind(r.quantity)
            s.bind(r.limitPrice)
            s.bind(r.stopPrice)
            s.bind(r.trail)
            s.bind(r.timeInForce)
            s.bind(r.parentID)
            s.bind(r.leg)
            try s.run()
        case .orderEvent(let r):
            let s = row(orderEvents)
            s.bind(r.clientOrderID)
            s.bind(r.from)
            s.bind(r.to)
            s.bind(r.filledQuantity)
            s.bind(r.reason)
            try s.run()
        case .fill(let r):
            let name = try symbol(r.symbol, of: record)
            let s = row(fills)
            s.bind(r.clientOrderID)
            s.bind(name)
            s.bind(r.quantity)
            s.bind(r.price)
            s.bind(r.commission)
            try s.run()
        case .position(let r):
            let name = try symbol(r.symbol, of: record)
            let s = row(positions)
            s.bind(name)
            s.bind(r.quantity)
            s.bind(r.costBasis)
            s.bind(r.realizedPnL)
            try s.run()
        case .trade(let r):
            let name = try symbol(r.symbol, of: record)
            let s = row(trades)
            s.bind(r.book)
            s.bind(name)
            s.bind(r.quantity)
            s.bind(r.entryTime)
            s.bind(Timestamps.format(r.entryTime, timeFormat))
            s.bind(r.entryPrice)
            s.bind(r.exitPrice)
            s.bind(r.pnl)
            s.bind(r.commission)
            try s.run()
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

    /// The name of symbol `index`; a record naming a symbol the run does not have is refused.
    private func symbol(_ index: Int, of record: JournalRecord) throws(JournalError) -> String {
        guard symbols.indices.contains(index) else {
            throw .invalidData(path: database.path, message: "a \(record.kind.rawValue) record refers to symbol "
                               + "index \(index); the run has \(symbols.count) symbols")
        }
        return symbols[index]
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
