import QuorumJournal
import QuorumModel
import QuorumPerformance
import QuorumReport

/// Everything `quorum compare` and `quorum report` show of one journaled run, read back from the journal, so
/// every number traces to the decisions recorded there (SPEC §12): the ensemble's statistics from the
/// portfolio's equity curve (one point per time step), each strategy's from its shadow book, agreement and
/// attribution from `book_stats`.
public struct RunComparison {
    public let run: JournalRun
    public let table: ComparisonTable
    /// Every book's equity curve, the ensemble's first (empty when read without them).
    public let curves: [BookCurve]
    /// Hedge weights over time (nil when the judge did not adapt weights).
    public let weights: WeightHistory?
    /// The strategies' faults, in time order.
    public let faults: [QuorumReport.FaultRecord]
    /// The strategies quarantined during the run (by name), with when: their books stop trading there.
    public let quarantines: [(strategy: String, time: Timestamp)]

    /// Reads run `runID` (default: the newest run) of the journal at `path`; `keepingCurves: false` drops each
    /// book's curve once its statistics are computed (what `compare` needs: one curve in memory at a time).
    public init(journal path: String, runID: String? = nil, keepingCurves: Bool = true) throws(RuntimeError) {
        let found: JournalRun?
        let reader: JournalReader
        do throws(JournalError) {
            reader = try JournalReader(path: path)
            if let runID { found = try reader.run(id: runID) } else { found = try reader.latestRun() }
        } catch {
            throw RuntimeError(error)
        }
        guard let run = found else {
            throw .invalidInput(runID.map { "\(path): no run '\($0)'" } ?? "\(path): the journal holds no run")
        }
        self.run = run
        do throws(JournalError) {
            let id = run.info.id
            let strategies = try reader.strategies(run: id)
            let stats = Dictionary(try reader.bookStats(run: id).map { ($0.book, $0) }, uniquingKeysWith: { a, _ in a })
            let ensemblePnL = stats[ensembleBook]?.attributedPnL.doubleValue

            var curves: [BookCurve] = []
            /// Book `number`'s statistics; its curve is kept under `name` when the caller keeps curves.
            func book(_ number: Int, name: String) throws(JournalError) -> PerformanceStatistics {
                var curve: [QuorumPerformance.EquityPoint] = []
                try reader.forEachEquityPoint(run: id, book: number) {
                    curve.append(QuorumPerformance.EquityPoint(time: $0.time, equity: $0.equity.doubleValue,
                                                               exposure: $0.exposure.doubleValue))
                }
                let trades = try reader.trades(run: id, book: number).map {
                    TradeOutcome(entryTime: $0.entryTime, entryPrice: $0.entryPrice, exitTime: $0.exitTime,
                                 exitPrice: $0.exitPrice, quantity: $0.quantity, pnl: $0.pnl - $0.commission)
                }
                let row = stats[number]
                if keepingCurves { curves.append(BookCurve(name: name, points: curve)) }
                return PerformanceStatistics(
                    curve: curve, trades: trades, agreement: number == ensembleBook ? nil : row?.agreement,
                    attributedPnL: row?.attributedPnL.doubleValue, ensemblePnL: ensemblePnL)
            }
            let ensemble = try book(ensembleBook, name: ComparisonRow.ensembleName)
            let rows = try strategies.map { (strategy) throws(JournalError) in
                ComparisonRow(name: strategy.name, statistics: try book(strategy.instance, name: strategy.name))
            }
            table = ComparisonTable(ensemble: ensemble, strategies: rows)
            self.curves = curves
            let names = strategies.map(\.name)
            let samples = try reader.weights(run: id)
            weights = samples.isEmpty ? nil : WeightHistory(
                names: names, samples: samples.map { WeightHistory.Sample(time: $0.time, weights: $0.weights) })
            func name(_ instance: Int) -> String {
                names.indices.contains(instance) ? names[instance] : "instance \(instance)"
            }
            quarantines = try reader.records(run: id, kinds: [.quarantine]).compactMap { record in
                guard case .quarantine(let q) = record else { return nil }
                return (name(q.instance), q.time)
            }
            faults = try reader.faults(run: id).map {
                QuorumReport.FaultRecord(time: $0.time, strategy: name($0.instance), message: $0.message)
            }
        } catch {
            throw RuntimeError(error)
        }
    }

    /// Why the figures may not cover the whole run, nil when it completed: a run that has not ended (still
    /// running, or stopped without closing its journal: a crash or a kill) or that failed holds only the records
    /// it committed, and its statistics are those of that prefix.
    public var incompleteNote: String? {
        let id = run.info.id
        switch run.status {
        case .completed:
            return nil
        case .running:
            return "run \(id) has not ended (it is still running, or it stopped without closing its journal): "
                + "the figures cover the records it committed"
        case .failed:
            return "run \(id) failed\(run.message.map { " (\($0))" } ?? ""): the figures cover the records it committed"
        }
    }

    /// The HTML report's input (its charts need the curves: read with `keepingCurves: true`).
    public var reportInput: ReportInput {
        var info: [(key: String, value: String)] = [("run", run.info.id), ("kind", run.info.kind),
                                                    ("started", run.info.startedAt), ("status", run.status.rawValue),
                                                    ("symbols", run.info.symbols.joined(separator: ", ")),
                                                    ("starting cash", run.info.startingCash.description)]
        if let equity = run.finalEquity { info.append(("final equity", equity.description)) }
        if let config = run.info.configPath { info.append(("configuration", config)) }
        if let incompleteNote { info.append(("note", incompleteNote)) }
        return ReportInput(title: "Quorum run \(run.info.id)", runInfo: info, table: table, curves: curves,
                           weights: weights, faults: faults, quarantines: quarantines, timeFormat: run.info.timeFormat)
    }
}
