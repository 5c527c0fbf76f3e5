import QuorumModel

/// How each kind of record is read back from its table: the SELECT (its columns in the order the decoder
/// reads them, after `seq`) and the decoder. Weights, several rows per record, are read by
/// ``JournalReader`` itself, and so are equity points (packed in blocks).
struct RecordQuery: Sendable {
    let kind: JournalRecord.Kind
    let columns: String
    let decode: @Sendable (inout Row, RunScope) throws(JournalError) -> JournalRecord

    init(_ kind: JournalRecord.Kind, columns: String,
         decode: @escaping @Sendable (inout Row, RunScope) throws(JournalError) -> JournalRecord) {
        self.kind = kind
        self.columns = columns
        self.decode = decode
    }

    /// The run's rows (the run's `run_id` is the first parameter), optionally narrowed by `condition` on the
    /// table's rows (alias `t`; its parameters follow), in `seq` order.
    func sql(where condition: String? = nil) -> String {
        "SELECT seq, ts, \(columns) FROM \(kind.table) t WHERE run_id = ?"
            + (condition.map { " AND (\($0))" } ?? "") + " ORDER BY seq"
    }

    /// Every kind but weights and equity.
    static let all: [JournalRecord.Kind: RecordQuery] = Dictionary(uniqueKeysWithValues: [
        RecordQuery(.signal, columns: """
            instance, symbol, direction, confidence, target_weight, stop_loss, stop_loss_raw, take_profit,
            take_profit_raw, expiry_bars, reason
            """) { (r: inout Row, scope: RunScope) throws(JournalError) in
            let time = r.int64(), instance = r.int(), symbol = try scope.symbol(r.text())
            let direction = try scope.direction(r.int64())
            return .signal(SignalRecord(time: time, instance: instance, symbol: symbol, direction: direction,
                                        confidence: r.double(), targetWeight: r.optionalDouble(),
                                        stopLoss: r.optionalPrice(), takeProfit: r.optionalPrice(),
                                        expiryBars: r.int(), reason: r.optionalText()))
        },
        RecordQuery(.verdict, columns: """
            symbol, direction, conviction, net, stances, non_flat, target_weight, stop_loss, stop_loss_raw,
            take_profit, take_profit_raw
            """) { (r: inout Row, scope: RunScope) throws(JournalError) in
            let time = r.int64(), symbol = try scope.symbol(r.text()), direction = try scope.direction(r.int64())
            return .verdict(VerdictRecord(time: time, symbol: symbol, direction: direction, conviction: r.double(),
                                          net: r.double(), stances: r.int(), nonFlat: r.int(),
                                          targetWeight: r.optionalDouble(), stopLoss: r.optionalPrice(),
                                          takeProfit: r.optionalPrice()))
        },
        RecordQuery(.riskDecision, columns: "symbol, action, rule, requested, approved, detail") {
            (r: inout Row, scope: RunScope) throws(JournalError) in
            let time = r.int64(), symbol = try scope.symbol(r.text())
            return .riskDecision(RiskDecisionRecord(time: time, symbol: symbol, action: r.text(), rule: r.text(),
                                                    requested: r.int64(), approved: r.int64(), detail: r.text()))
        },
        RecordQuery(.tradingState, columns: "from_state, to_state, reason") {
            (r: inout Row, _: RunScope) throws(JournalError) in
            .tradingState(TradingStateRecord(time: r.int64(), from: r.text(), to: r.text(), reason: r.text()))
        },
        RecordQuery(.order, columns: """
            client_order_id, symbol, side, type, quantity, limit_price, limit_price_raw, stop_price, stop_price_raw,
            trail, time_in_force, parent_id, leg
            """) { (r: inout Row, scope: RunScope) throws(JournalError) in
            let time = r.int64(), id = OrderName.text(r.text()), symbol = try scope.symbol(r.text())
            return .order(OrderRecord(time: time, clientOrderID: id, symbol: symbol, side: r.text(), type: r.text(),
                                      quantity: r.int64(), limitPrice: r.optionalPrice(),
                                      stopPrice: r.optionalPrice(), trail: r.optionalText(),
                                      timeInForce: r.text(), parentID: r.optionalText().map(OrderName.text),
                                      leg: r.text()))
        },
        RecordQuery(.orderEvent, columns: "client_order_id, from_state, to_state, filled_quantity, reason") {
            (r: inout Row, _: RunScope) throws(JournalError) in
            .orderEvent(OrderEventRecord(time: r.int64(), clientOrderID: .text(r.text()), from: r.text(), to: r.text(),
                                         filledQuantity: r.int64(), reason: r.optionalText()))
        },
        RecordQuery(.fill, columns: """
            client_order_id, symbol, quantity, price, price_raw, commission, commission_raw
            """) { (r: inout Row, scope: RunScope) throws(JournalError) in
            let time = r.int64(), id = OrderName.text(r.text()), symbol = try scope.symbol(r.text())
            return .fill(FillRecord(time: time, clientOrderID: id, symbol: symbol, quantity: r.int64(),
                                    price: r.price(), commission: r.money()))
        },
        RecordQuery(.position, columns: """
            symbol, quantity, cost_basis, cost_basis_raw, realized_pnl, realized_pnl_raw
            """) { (r: inout Row, scope: RunScope) throws(JournalError) in
            let time = r.int64(), symbol = try scope.symbol(r.text())
            return .position(PositionRecord(time: time, symbol: symbol, quantity: r.int64(), costBasis: r.money(),
                                            realizedPnL: r.money()))
        },
        RecordQuery(.trade, columns: """
            book, symbol, quantity, entry_ts, entry_price, entry_price_raw, exit_price, exit_price_raw, pnl, pnl_raw,
            commission, commission_raw
            """) { (r: inout Row, scope: RunScope) throws(JournalError) in
            let exitTime = r.int64(), book = r.int(), symbol = try scope.symbol(r.text())
            let quantity = r.int64(), entryTime = r.int64(), entryPrice = r.price()
            return .trade(TradeRecord(book: book, symbol: symbol, entryTime: entryTime, entryPrice: entryPrice,
                                      exitTime: exitTime, exitPrice: r.price(), quantity: quantity, pnl: r.money(),
                                      commission: r.money()))
        },
        RecordQuery(.fault, columns: "instance, message") {
            (r: inout Row, _: RunScope) throws(JournalError) in
            .fault(FaultRecord(time: r.int64(), instance: r.int(), message: r.text()))
        },
        RecordQuery(.quarantine, columns: "instance") {
            (r: inout Row, _: RunScope) throws(JournalError) in
            .quarantine(QuarantineRecord(time: r.int64(), instance: r.int()))
        },
        RecordQuery(.transitionError, columns: "machine, id, from_state, event, message") {
            (r: inout Row, _: RunScope) throws(JournalError) in
            .transitionError(TransitionErrorRecord(time: r.int64(), machine: r.text(), id: r.text(), from: r.text(),
                                                   event: r.text(), message: r.text()))
        },
    ].map { ($0.kind, $0) })

    /// Weights: one row per instance, grouped back into one record per `seq`.
    static let weightsSQL = "SELECT seq, ts, instance, weight FROM weights WHERE run_id = ? ORDER BY seq, instance"
}
