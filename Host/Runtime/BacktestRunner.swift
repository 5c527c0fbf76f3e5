import Logging
import QuorumConfig
import QuorumData
import QuorumEngine
import QuorumExecution
import QuorumJournal
import QuorumJudge
import QuorumModel
import QuorumPlugins
import QuorumPortfolio

/// Choices a backtest takes beyond the configuration file (command-line overrides).
public struct BacktestOptions {
    /// Data files and their symbols; when non-empty they replace the configuration's `data` list.
    public var data: [(path: String, symbol: String)] = []
    public var timeRange: TimeRange = .all
    /// Called after each chunk with the number of events processed.
    public var progress: ((Int) -> Void)?
    /// Receives the portfolio's equity curve.
    public var equityObserver: EquityObserver?
    /// Receives every signal, fault and verdict.
    public var engineObserver: EngineObserver?
    /// Receives every risk decision, order, fill and trading-state change of the ensemble's book.
    public var executionObserver: ExecutionObserver?
    /// Events evaluated ahead of the judge per parallel step.
    public var chunkSize = 4096
    /// Where to write the run's journal (nil: no journal). The command line passes `journal.path`.
    public var journalPath: String?
    /// Overrides the configuration's `journal.level`.
    public var journalLevel: JournalLevel?
    /// The run's id in the journal (default: `bt-<UTC start>-<random>`).
    public var runID: String?
    /// Records per journal transaction, at least (a transaction ends with a time step).
    public var journalBatchSize = JournalWriter.backtestBatchSize
    /// Asked before each chunk of events is evaluated, before the last is judged and once the run is recorded:
    /// the signal (SIGINT, SIGTERM) asking the run to stop, or nil. A run that stops (at the end of a time step)
    /// marks its journal's run failed ("interrupted by SIGINT"); either way the run throws
    /// ``RuntimeError/interrupted(signal:message:)``.
    public var interruption: (() -> Int32?)?

    public init() {}
}

/// Runs a backtest of a workspace: data → engine → paper stage, through the same path the daemon uses.
public enum BacktestRunner {
    /// Ends `journal`'s run as failed with `message`; says so when even that could not be written (the
    /// run's own error is what the caller reports).
    private static func failJournal(_ journal: RunJournal?, _ message: String, logger: Logger) {
        if let error = journal?.fail(message) { logger.error("journal: \(error)") }
    }

    public static func run(_ workspace: Workspace, options: BacktestOptions, logger: Logger) throws(RuntimeError)
        -> BacktestResult {
        if let id = options.runID, let problem = RunIdentity.problem(with: id) {
            throw .invalidInput("run id '\(id)': \(problem)")
        }
        let config = workspace.config
        let sources: [(path: String, symbol: String, policy: BadRowPolicy)] = options.data.isEmpty
            ? config.data.map { ($0.path, $0.symbol, $0.onBadRow == .skip ? .skip : .error) }
            : options.data.map { ($0.path, $0.symbol, .error) }
        guard !sources.isEmpty else { throw .invalidInput("no data: add a `data` list to the configuration or pass --data") }
        let symbols = sources.map(\.symbol)
        guard Set(symbols).count == symbols.count else { throw .invalidInput("a symbol is given by two data files") }

        let (instances, parameters) = try makeInstances(workspace, symbols: symbols, logger: logger)
        let starts = sources.map { firstBars(of: $0.path, badRows: $0.policy) }
        let timeFormats = starts.map(\.format)
        // Daily bars beside intraday ones are stamped when their day ends (their data is known then).
        let mixesDates = timeFormats.contains { $0?.form == .date } && timeFormats.contains { $0?.form == .dateTime }
        // Weekly or monthly bars beside finer ones (at least twice as frequent: two monthly files differ by days):
        // a date cannot say whether it starts or ends its period.
        let finest = starts.compactMap(\.spacing).min()
        for (source, start) in zip(sources, starts) where start.format?.form == .date {
            guard let spacing = start.spacing, let finest, spacing > 4 * nanosecondsPerDay, spacing >= 2 * finest else {
                continue
            }
            logger.warning("""
                \(source.path): its bars are \(spacing / nanosecondsPerDay) days apart, beside finer bars: each is \
                taken as known at the end of its date; if its dates mark the start of their periods, strategies \
                see each period's close early, and its orders may fill at an open from before their decision
                """)
        }
        var executionSettings = ExecutionSettings(risk: config.risk, execution: config.execution,
                                                  startingCash: config.startingCash, symbolNames: symbols)
        executionSettings.live = false   // a backtest replays history: market hours and order pacing are live rules
        if mixesDates {
            executionSettings.stampedAfterOpening = timeFormats.map { $0?.form == .date ? nanosecondsPerDay - 1 : 0 }
        }
        let makeStage = { ExecutionStage(settings: executionSettings) }
        let stage = makeStage()
        let shadows = instances.map { _ in makeStage() }
        let journal = try options.journalPath.map { path throws(RuntimeError) in
            try openJournal(path, workspace: workspace, options: options, sources: sources,
                            timeFormat: Self.runTimeFormat(timeFormats), instances: instances,
                            parameters: parameters)
        }
        let ensembleBook = journal.map { BookJournal(writer: $0.writer, book: QuorumJournal.ensembleBook) }
        stage.journal = ExecutionObserverFanOut.combine([journal, options.executionObserver])
        let statistics = EquityStatistics(forwardingTo: [options.equityObserver, ensembleBook].compactMap { $0 })
        stage.observer = statistics
        journal?.recordShadowBooks(shadows)
        let settings = EngineSettings(
            judge: JudgeRules(mode: JudgeMode(rawValue: config.judge.mode.rawValue) ?? .weighted,
                              quorum: config.judge.quorum, threshold: config.judge.threshold.doubleValue),
            hedge: HedgeWeights.Settings(eta: config.judge.hedge.eta, window: config.judge.hedge.window,
                                         minWeight: config.judge.hedge.minWeight,
                                         maxWeight: config.judge.hedge.maxWeight),
            deadlineNanoseconds: Int64(config.judge.deadlineMs) * 1_000_000,
            quarantineAfter: config.judge.quarantineAfter, chunkSize: options.chunkSize,
            // Only the journal at level `full`, or an observer of the caller's, reads signals' reasons.
            keepsSignalReasons: journal?.writer.wants(.signal) == true || options.engineObserver != nil)
        let engine = Engine(symbolNames: symbols, instances: instances, settings: settings, stage: stage,
                            shadows: shadows)
        engine.observer = EngineObserverFanOut.combine([journal, options.engineObserver])
        let progress: ((Int) -> Void)? = journal == nil ? options.progress : { events in
            journal?.writer.commit(atMostEvery: JournalWriter.backtestCommitInterval)
            options.progress?(events)
        }

        // Each file is parsed on a thread of its own, ahead of the engine.
        var feed: MergedFeed<ReadAheadReader>
        do {
            feed = MergedFeed(try sources.map { source in
                (symbol: source.symbol, stream: ReadAheadReader(try CSVBarReader(
                    path: source.path, options: BarReaderOptions(badRows: source.policy, timeRange: options.timeRange,
                                                                 stampsDatesAtDayEnd: mixesDates))))
            })
        } catch {
            failJournal(journal, "\(error)", logger: logger)
            throw .invalidInput("\(error)")
        }
        let summary: EngineSummary
        do {
            try engine.activate()
            summary = try engine.run(&feed, progress: progress,
                                     shouldStop: options.interruption.map { interruption in { interruption() != nil } })
        } catch let error as BarDataError {
            failJournal(journal, "\(error)", logger: logger)
            throw .invalidInput("\(error)")
        } catch {
            failJournal(journal, "\(error)", logger: logger)
            throw .failure("\(error)")
        }
        for e in instances { e.instance.deactivate() }
        if summary.stopped, let signal = options.interruption?() {
            let cause = "interrupted by \(RuntimeError.name(ofSignal: signal))"
            failJournal(journal, cause, logger: logger)
            let reached = summary.lastTime.map { "at \(Timestamps.format($0, Self.runTimeFormat(feed.timeFormats)))" }
                ?? "before the first bar"
            let bars = summary.events == 1 ? "1 bar" : "\(summary.events) bars"
            throw .interrupted(signal: signal, message: "\(cause) \(reached), \(bars) in: the run stopped"
                               + (options.journalPath.map { "; its journal (\($0)) marks it failed" } ?? ""))
        }
        if summary.events == 0 {
            let cause = options.timeRange == .all
                ? "the data holds no bar" : "no bar of the data falls in \(options.timeRange.options)"
            logger.warning("\(cause): the run has none")
        } else if !summary.stopped {
            // A symbol without a bar in the run (its file empty, or all its bars outside --from/--to): its
            // strategies ran on nothing, which would otherwise go unsaid beside the others' results.
            let idle = symbols.indices.filter { stage.portfolio.marks[$0].raw == 0 }.map { symbols[$0] }
            if !idle.isEmpty {
                let range = options.timeRange == .all ? "" : " in \(options.timeRange.options)"
                let whose = idle.count == 1 ? "its" : "their"
                logger.warning("no bar of \(idle.joined(separator: ", "))\(range): \(whose) strategies had nothing to act on")
            }
        }

        let portfolio = stage.portfolio
        if let journal {
            let realized = portfolio.roundTrips.reduce(Money.zero) { $0 + $1.pnl - $1.commission }
            do throws(JournalError) {
                try journal.complete(ensemblePnL: realized, finalEquity: portfolio.equity, finalCash: portfolio.cash)
            } catch {
                // Unless even that failed (the error then says so), the run was marked failed, saying why.
                throw .failure(error.leavesTheRunRunning ? "\(error)" : "\(error); the journal marks it failed")
            }
        }
        // A signal after the engine's last question: the run is complete (and recorded so); it is said, not lost.
        if let signal = options.interruption?() {
            let recorded = options.journalPath.map { " (its journal, \($0), holds it whole)" } ?? ""
            throw .interrupted(signal: signal, message: "interrupted by \(RuntimeError.name(ofSignal: signal)) as the run "
                               + "ended: it completed\(recorded), but its results are not printed")
        }
        if statistics.reachedRangeEnd {
            logger.warning("\(BacktestResult.outOfRangeWarning)")
        }
        let open = portfolio.positions.indices.compactMap { s -> BacktestResult.OpenPosition? in
            let p = portfolio.positions[s]
            guard !p.isFlat else { return nil }
            let toDate = portfolio.openTradeToDate(s)
            return BacktestResult.OpenPosition(symbol: s, position: p, lastPrice: portfolio.marks[s],
                                               unrealized: portfolio.unrealizedPnL(s), realized: toDate.realizedPnL,
                                               commission: toDate.commission)
        }
        let runFormat = Self.runTimeFormat(feed.timeFormats)
        let result = BacktestResult(
            symbols: symbols, timeFormats: feed.timeFormats.map { $0 ?? .date },
            startingCash: config.startingCash, finalCash: portfolio.cash, finalEquity: portfolio.equity,
            trades: portfolio.roundTrips,
            openPositions: open,
            rejected: stage.rejected,
            strategies: instances.enumerated().map { i, e in
                BacktestResult.StrategyRow(
                    name: e.name, plugin: e.instance.descriptor.id, weight: e.weight, signals: e.signals,
                    faults: e.faults, quarantined: e.quarantinedAt != nil, slowChunks: e.slowChunks,
                    meanCallNanoseconds: e.calls > 0 ? Double(e.callNanoseconds) / Double(e.calls) : 0,
                    slowestMeanCallNanoseconds: Double(e.slowestMeanCallNanoseconds),
                    lastFault: e.lastFault.map { "\($0)" },
                    quarantinedAt: e.quarantinedAt.map { Timestamps.format($0, runFormat) },
                    shadowEquity: shadows[i].equity, shadowTrades: shadows[i].portfolio.roundTrips.count)
            },
            deadlineNanoseconds: Int64(config.judge.deadlineMs) * 1_000_000,
            events: summary.events, skippedRows: feed.skippedRows, dataFiles: sources.map(\.path), maxDrawdown: statistics.maxDrawdown,
            outOfRange: statistics.reachedRangeEnd, journalPath: options.journalPath)
        for line in result.faultLines + result.slowStrategyLines { logger.warning("\(line)") }
        return result
    }

    /// How a run writes its times: as the first file with times of day writes them, or as dates.
    static func runTimeFormat(_ formats: [TimeFormat?]) -> TimeFormat {
        formats.lazy.compactMap { $0 }.first { $0.form == .dateTime } ?? .date
    }

    /// How the file at `path` writes its times, and its bars' spacing: the median time between its first nine
    /// bars (one odd gap — a weekend, a holiday, a partial first week or month — does not decide it). nil when it
    /// has fewer than two bars or cannot be read (reading it for the run then says why).
    static func firstBars(of path: String, badRows: BadRowPolicy) -> (format: TimeFormat?, spacing: Timestamp?) {
        guard var reader = try? CSVBarReader(path: path, options: BarReaderOptions(badRows: badRows)) else {
            return (nil, nil)
        }
        var times: [Timestamp] = []
        while times.count < 9, let bar = try? reader.next() { times.append(bar.time) }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        return (reader.timeFormat, gaps.isEmpty ? nil : gaps[(gaps.count - 1) / 2])
    }

    /// Creates the run's journal (times written in `timeFormat`): the run, its plugins and its strategy
    /// instances (with `parameters[i]`, the parameters of the configuration entry `instances[i]` was made from).
    static func openJournal(_ path: String, workspace: Workspace, options: BacktestOptions,
                            sources: [(path: String, symbol: String, policy: BadRowPolicy)], timeFormat: TimeFormat,
                            instances: [EngineInstance], parameters: [[ResolvedParam]]) throws(RuntimeError)
        -> RunJournal {
        let config = workspace.config
        let identity = RunIdentity(kind: "bt")
        let level = options.journalLevel ?? JournalLevel(rawValue: config.journal.level.rawValue) ?? .decisions
        let run = RunInfo(id: options.runID ?? identity.id, kind: "backtest", startedAt: identity.startedAt,
                          configPath: workspace.configPath, configSHA256: workspace.configSHA256, level: level,
                          startingCash: config.startingCash, timeFormat: timeFormat, quorumVersion: quorumVersion,
                          symbols: sources.map(\.symbol))
        var started: JournalWriter?
        do throws(JournalError) {
            let writer = try JournalWriter(path: path, run: run, batchSize: options.journalBatchSize)
            started = writer
            try writer.plugins(workspace.catalog.plugins.map {
                PluginRow(path: $0.file, sha256: $0.sha256, strategyIDs: $0.strategies.map(\.id))
            })
            try writer.strategies(instances.enumerated().map { i, e in
                StrategyRow(instance: i, name: e.name, plugin: e.instance.descriptor.id, weight: e.weight,
                            symbols: e.symbols, params: Dictionary(
                                parameters[i].map { ($0.key, $0.value == $0.value.rounded() && abs($0.value) < 1e15 ? String(Int64($0.value)) : String($0.value)) },
                                uniquingKeysWith: { a, _ in a }))
            })
            return RunJournal(writer: writer, symbols: run.symbols, instances: instances.count)
        } catch {
            guard !error.isInvalidInput else { throw RuntimeError(error) }
            // Never silent about the journal (docs/journal.md): the run was not recorded at all, or its row is
            // closed as failed (or the closing error says it could not be).
            guard let started else {
                throw .failure("\(error): the run was not started, and the journal holds no record of it")
            }
            do throws(JournalError) {
                try started.close(final: RunOutcome(status: .failed, endedAt: WallClock.iso8601(), message: "\(error)"))
            } catch let closing {
                throw .failure("\(error): the run was not started; \(closing)")
            }
            throw .failure("\(error): the run was not started; the journal marks it failed")
        }
    }

    /// One engine instance per configured strategy; a single-symbol strategy listed on several symbols runs as
    /// one instance per symbol, named `NAME/SYMBOL`. Each instance comes with the resolved parameters of its entry.
    static func makeInstances(_ workspace: Workspace, symbols: [String], logger: Logger) throws(RuntimeError)
        -> (instances: [EngineInstance], parameters: [[ResolvedParam]]) {
        var result: [EngineInstance] = []
        var resolved: [[ResolvedParam]] = []
        var refusals: [ConfigDiagnostic] = []
        for strategy in workspace.config.strategies where strategy.enabled {
            guard let (_, descriptor) = workspace.catalog.strategy(strategy.plugin) else {
                throw .invalidInput("\(strategy.name): no loaded plugin provides \(strategy.plugin)")
            }
            var ids: [Int] = []
            for symbol in strategy.symbols {
                guard let id = symbols.firstIndex(of: symbol) else {
                    throw .invalidInput("\(strategy.name): no data for symbol \(symbol)")
                }
                ids.append(id)
            }
            // The configuration checked the number of symbols against the descriptor.
            let groups: [(name: String, ids: [Int])] = descriptor.maxSymbols == 1 && ids.count > 1
                ? ids.map { ("\(strategy.name)/\(symbols[$0])", [$0]) }
                : [(strategy.name, ids)]
            resolved += groups.map { _ in strategy.resolvedParams ?? [] }
            for group in groups {
                do throws(RuntimeError) {
                    let instance = try workspace.makeInstance(of: strategy, name: group.name, logger: logger)
                    result.append(EngineInstance(instance: instance, symbols: group.ids, weight: strategy.weight))
                } catch {
                    // A refused entry: the other entries are asked too, so every refusal is said at once (the
                    // same parameters on the entry's other symbols would only say it again).
                    guard case .configuration(let errors) = error else { throw error }
                    refusals += errors.diagnostics
                    break
                }
            }
        }
        if !refusals.isEmpty { throw .configuration(ConfigErrors(diagnostics: refusals)) }
        return (result, resolved)
    }
}

/// Tracks the run's maximum drawdown from the equity curve, and passes each point on.
final class EquityStatistics: EquityObserver {
    private let next: [EquityObserver]
    private var peak = 0.0
    private(set) var maxDrawdown = 0.0
    /// Whether the equity or the exposure reached an end of Money's range at some step (they saturate there).
    private(set) var reachedRangeEnd = false

    init(forwardingTo next: [EquityObserver]) { self.next = next }

    func equity(_ equity: Money, cash: Money, exposure: Money, at time: Timestamp) {
        if equity.raw == .max || equity.raw == .min || exposure.raw == .max { reachedRangeEnd = true }
        let value = equity.doubleValue
        peak = max(peak, value)
        if peak > 0 { maxDrawdown = min(maxDrawdown, value / peak - 1) }
        for observer in next { observer.equity(equity, cash: cash, exposure: exposure, at: time) }
    }
}
