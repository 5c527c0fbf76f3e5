import QuorumEngine
import QuorumExecution
import QuorumJournal
import QuorumJudge
import QuorumModel
import QuorumPortfolio
import QuorumRisk

/// Journals one run (SPEC §11): the engine's signals, faults and verdicts, the ensemble's risk decisions,
/// orders, fills and trading states, and it keeps the per-book figures written when the run ends (agreement
/// with the verdicts, attribution of the ensemble's P&L). Every book's equity and trades come through
/// ``BookJournal``s.
///
/// Called on the engine's control thread only. Records the journal's level leaves out are not even built.
///
/// A verdict is journaled when it differs from the symbol's previous verdict (the judge re-issues the same
/// verdict on every bar while nothing changes): the verdict in force at any time is the symbol's latest row
/// at or before it, so nothing is lost, and the journal does not grow by a row per bar.
public final class RunJournal: EngineObserver, ExecutionObserver {
    public let writer: JournalWriter
    public let symbols: [String]
    private let full: Bool
    private let decisions: Bool
    private let agreement: AgreementTally
    @exclusivity(unchecked) private var attribution: Attribution
    /// The last verdict journaled for each symbol, when `journaled[symbol]`, in room allocated once: the
    /// judge's verdict on every bar is compared with it in place, copying nothing.
    private let lastVerdicts: UnsafeMutablePointer<Verdict>
    private let journaled: UnsafeMutablePointer<Bool>

    /// Journals through `writer` a run of `symbols` with `instances` strategy instances.
    public init(writer: JournalWriter, symbols: [String], instances: Int) {
        self.writer = writer
        writer.handsOffAtBoundaries = true   // transactions end with time steps (``stepEnded(time:)``)
        self.symbols = symbols
        full = writer.wants(.signal)
        decisions = writer.wants(.verdict)
        agreement = AgreementTally(instances: instances)
        attribution = Attribution(symbols: symbols.count, instances: instances)
        lastVerdicts = .allocate(capacity: max(symbols.count, 1))
        lastVerdicts.initialize(repeating: .flat, count: max(symbols.count, 1))
        journaled = .allocate(capacity: max(symbols.count, 1))
        journaled.initialize(repeating: false, count: max(symbols.count, 1))
    }

    deinit {
        lastVerdicts.deallocate()
        journaled.deallocate()
    }

    /// The figures of every strategy book, and the ensemble's (book −1: every verdict, its own P&L).
    public func bookStats(ensemblePnL: Money) -> [BookStatsRow] {
        [BookStatsRow(book: ensembleBook, verdicts: agreement.verdicts, agreements: agreement.verdicts,
                      attributedPnL: ensemblePnL)]
            + (0..<agreement.instances).map {
                BookStatsRow(book: $0, verdicts: agreement.seen($0), agreements: agreement.agreed($0),
                             attributedPnL: attribution.attributed($0))
            }
    }

    /// Journals the round trips of every shadow book (book = the instance's index). Their equity curves come
    /// from the engine, every book's point of a step in one call (``shadowBooks(_:time:)``).
    public func recordShadowBooks(_ shadows: [ExecutionStage]) {
        for (i, shadow) in shadows.enumerated() {
            shadow.journal = BookJournal(writer: writer, book: i)
        }
    }

    /// Ends the run as completed: writes the book statistics (``bookStats(ensemblePnL:)``) and the outcome. When
    /// the writer failed on the way (a full disk, a lock held past its timeout), or the statistics cannot be
    /// written, the run ends failed instead, saying why, and the error is thrown.
    public func complete(ensemblePnL: Money, finalEquity: Money, finalCash: Money) throws(JournalError) {
        do throws(JournalError) {
            try writer.bookStats(bookStats(ensemblePnL: ensemblePnL))
        } catch {
            // The writer's own failure is said by closing ("journal incomplete: …"); another is said here.
            // When even that cannot be written, the closing error says so (it holds this one).
            if let closing = fail(writer.failure == nil ? "cannot write the book statistics: \(error)" : nil),
               closing.leavesTheRunRunning {
                throw closing
            }
            throw error
        }
        try writer.close(final: RunOutcome(status: .completed, endedAt: WallClock.iso8601(), finalEquity: finalEquity,
                                           finalCash: finalCash))
    }

    /// Ends the run as failed (the journal keeps what was committed), with `message` after the writer's own
    /// failure, if it had one. Returns the error closing met, if any
    /// (one that ``JournalError/leavesTheRunRunning`` when the run could not be marked failed).
    @discardableResult
    public func fail(_ message: String?) -> JournalError? {
        do throws(JournalError) {
            try writer.close(final: RunOutcome(status: .failed, endedAt: WallClock.iso8601(), message: message))
            return nil
        } catch {
            return error
        }
    }

    // MARK: EngineObserver

    public func signal(_ signal: Signal, instance: Int, symbol: Int, time: Timestamp) {
        guard full else { return }
        writer.append(SignalRecord(time: time, instance: instance, symbol: symbol, direction: signal.direction,
                                   confidence: signal.confidence, targetWeight: signal.targetWeight,
                                   stopLoss: signal.stopLoss, takeProfit: signal.takeProfit,
                                   expiryBars: signal.expiryBars, reason: signal.reason))
    }

    public func fault(_ fault: SignalFault, instance: Int, time: Timestamp) {
        writer.append(.fault(FaultRecord(time: time, instance: instance, message: fault.description)))
    }

    public func quarantined(instance: Int, time: Timestamp) {
        writer.append(.quarantine(QuarantineRecord(time: time, instance: instance)))
    }

    public func verdict(_ verdict: Verdict, symbol: Int, inputs: UnsafeBufferPointer<JudgeInput>, time: Timestamp) {
        agreement.count(verdict, inputs: inputs)
        attribution.verdict(verdict, symbol: symbol, inputs: inputs)
        guard decisions else { return }
        precondition(symbol >= 0 && symbol < symbols.count, "a verdict for symbol \(symbol) of \(symbols.count)")
        guard !journaled[symbol] || lastVerdicts[symbol] != verdict else { return }
        journaled[symbol] = true
        lastVerdicts[symbol] = verdict
        writer.append(VerdictRecord(
            time: time, symbol: symbol, direction: verdict.direction, conviction: verdict.conviction, net: verdict.net,
            stances: verdict.stances, nonFlat: verdict.nonFlat, targetWeight: verdict.targetWeight,
            stopLoss: verdict.stopLoss, takeProfit: verdict.takeProfit))
    }

    public func weights(_ weights: [Double], time: Timestamp) {
        writer.append(.weights(WeightsRecord(time: time, weights: weights)))
    }

    public var wantsShadowBooks: Bool { true }

    /// Every shadow book's equity point of the step (book = the instance's index).
    public func shadowBooks(_ values: UnsafeBufferPointer<BookValue>, time: Timestamp) {
        writer.appendEquity(values, time: time)
    }

    /// The step's records are all in: a transaction may end here.
    public func stepEnded(time: Timestamp) { writer.boundary() }

    // MARK: ExecutionObserver

    // Risk decisions are built on the journal's writer thread: their explanation's text costs more to format
    // than the engine spends on a bar.

    public func riskDecision(_ decision: RiskDecision) {
        guard decisions else { return }
        writer.append(.riskDecision) {
            .riskDecision(RiskDecisionRecord(
                time: decision.time, symbol: decision.symbol, action: decision.action.rawValue, rule: decision.rule,
                requested: decision.requested, approved: decision.approved, detail: decision.detail))
        }
    }

    public func tradingStateChanged(_ change: TradingStateChange) {
        writer.append(.tradingState(TradingStateRecord(time: change.time, from: change.from.rawValue,
                                                       to: change.to.rawValue, reason: change.reason)))
    }

    // Orders, order events and fills name their order by its id's parts (``OrderName/id(_:)``): the writer
    // thread writes the id's text straight into the journal.

    public func orderPlaced(_ order: Order, time: Timestamp) {
        guard decisions else { return }
        var trail: String?
        if case .trailingStop(let t) = order.type { trail = t.description }
        writer.append(OrderRecord(
            time: time, clientOrderID: .id(order.id), symbol: order.symbol, side: order.side.rawValue,
            type: order.type.name, quantity: order.quantity, limitPrice: order.type.limitPrice,
            stopPrice: order.type.stopPrice, trail: trail, timeInForce: order.timeInForce.rawValue,
            parentID: order.parent.map(OrderName.id), leg: order.leg.rawValue))
    }

    public func orderChanged(_ order: Order, event: OrderEvent, from: OrderStatus, reason: String?, time: Timestamp) {
        guard decisions else { return }
        writer.append(OrderEventRecord(time: time, clientOrderID: .id(order.id), from: from.rawValue,
                                       to: order.status.rawValue, filledQuantity: order.filled, reason: reason))
    }

    public func filled(_ order: Order, quantity: Quantity, price: Price, commission: Money, time: Timestamp) {
        guard decisions else { return }
        writer.append(FillRecord(time: time, clientOrderID: .id(order.id), symbol: order.symbol,
                                 quantity: quantity, price: price, commission: commission))
    }

    public func positionChanged(symbol: Int, position: Position, realizedPnL: Money, time: Timestamp) {
        attribution.positionChanged(symbol: symbol, quantity: position.quantity)
        guard decisions else { return }
        writer.append(.position(PositionRecord(time: time, symbol: symbol, quantity: position.quantity,
                                               costBasis: position.costBasis, realizedPnL: realizedPnL)))
    }

    public func tradeClosed(_ trade: RoundTrip) {
        attribution.closed(trade)
        writer.append(.trade(TradeRecord(trade, book: ensembleBook)))
    }

    public func transitionRefused(_ error: TransitionError, id: String, time: Timestamp) {
        writer.append(.transitionError(TransitionErrorRecord(time: time, machine: error.machine, id: id,
                                                             from: error.from, event: error.event,
                                                             message: error.description)))
    }
}

/// One book's equity curve and round trips (a strategy's shadow book, or the ensemble's equity).
public final class BookJournal: ExecutionObserver, EquityObserver {
    public let writer: JournalWriter
    public let book: Int

    public init(writer: JournalWriter, book: Int) {
        self.writer = writer
        self.book = book
    }

    public func equity(_ equity: Money, cash: Money, exposure: Money, at time: Timestamp) {
        writer.append(EquityRecord(time: time, book: book, equity: equity, cash: cash, exposure: exposure))
    }

    public func tradeClosed(_ trade: RoundTrip) {
        writer.append(.trade(TradeRecord(trade, book: book)))
    }
}

extension TradeRecord {
    init(_ trip: RoundTrip, book: Int) {
        self.init(book: book, symbol: trip.symbol, entryTime: trip.entryTime, entryPrice: trip.entryPrice,
                  exitTime: trip.exitTime, exitPrice: trip.exitPrice, quantity: trip.quantity, pnl: trip.pnl,
                  commission: trip.commission)
    }
}
