import Logging
import QuorumConfig
import QuorumData
import QuorumEngine
import QuorumExecution
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

    public init() {}
}

/// Runs a backtest of a workspace: data → engine → paper stage, through the same path the daemon uses.
public enum BacktestRunner {
    public static func run(_ workspace: Workspace, options: BacktestOptions, logger: Logger) throws(RuntimeError)
        -> BacktestResult {
        let config = workspace.config
        let sources: [(path: String, symbol: String, policy: BadRowPolicy)] = options.data.isEmpty
            ? config.data.map { ($0.path, $0.symbol, $0.onBadRow == .skip ? .skip : .error) }
            : options.data.map { ($0.path, $0.symbol, .error) }
        guard !sources.isEmpty else { throw .invalidInput("no data: add a `data` list to the configuration or pass --data") }
        let symbols = sources.map(\.symbol)
        guard Set(symbols).count == symbols.count else { throw .invalidInput("a symbol is given by two data files") }

        let instances = try makeInstances(workspace, symbols: symbols, logger: logger)
        let executionSettings = ExecutionSettings(risk: config.risk, execution: config.execution,
                                                  startingCash: config.startingCash, symbolNames: symbols)
        let makeStage = { ExecutionStage(settings: executionSettings) }
        let stage = makeStage()
        stage.journal = options.executionObserver
        let statistics = EquityStatistics(forwardingTo: options.equityObserver)
        stage.observer = statistics
        let settings = EngineSettings(
            judge: JudgeRules(mode: JudgeMode(rawValue: config.judge.mode.rawValue) ?? .weighted,
                              quorum: config.judge.quorum, threshold: config.judge.threshold.doubleValue),
            hedge: HedgeWeights.Settings(eta: config.judge.hedge.eta, window: config.judge.hedge.window,
                                         minWeight: config.judge.hedge.minWeight,
                                         maxWeight: config.judge.hedge.maxWeight),
            deadlineNanoseconds: Int64(config.judge.deadlineMs) * 1_000_000,
            quarantineAfter: config.judge.quarantineAfter, chunkSize: options.chunkSize)
        let shadows = instances.map { _ in makeStage() }
        let engine = Engine(symbolNames: symbols, instances: instances, settings: settings, stage: stage,
                            shadows: shadows)
        engine.observer = options.engineObserver

        var feed: MergedFeed<CSVBarReader>
        do {
            feed = MergedFeed(try sources.map { source in
                (symbol: source.symbol, stream: try CSVBarReader(
                    path: source.path, options: BarReaderOptions(badRows: source.policy, timeRange: options.timeRange)))
            })
        } catch {
            throw .invalidInput("\(error)")
        }
        let summary: EngineSummary
        do {
            try engine.activate()
            summary = try engine.run(&feed, progress: options.progress)
        } catch let error as BarDataError {
            throw .invalidInput("\(error)")
        } catch {
            throw .failure("\(error)")
        }
        for e in instances { e.instance.deactivate() }

        let portfolio = stage.portfolio
        let open = portfolio.positions.indices.compactMap { s -> (Int, Position, Price, Money)? in
            let p = portfolio.positions[s]
            return p.isFlat ? nil : (s, p, portfolio.marks[s], portfolio.unrealizedPnL(s))
        }
        return BacktestResult(
            symbols: symbols, timeFormats: feed.timeFormats.map { $0 ?? .date },
            startingCash: config.startingCash, finalCash: portfolio.cash, finalEquity: portfolio.equity,
            trades: portfolio.roundTrips,
            openPositions: open.map { (symbol: $0.0, position: $0.1, lastPrice: $0.2, unrealized: $0.3) },
            rejected: stage.rejected,
            strategies: instances.enumerated().map { i, e in
                BacktestResult.StrategyRow(
                    name: e.name, plugin: e.instance.descriptor.id, weight: e.weight, signals: e.signals,
                    faults: e.faults, quarantined: e.quarantinedAt != nil, slowChunks: e.slowChunks,
                    meanCallNanoseconds: e.calls > 0 ? Double(e.callNanoseconds) / Double(e.calls) : 0,
                    shadowEquity: shadows[i].equity, shadowTrades: shadows[i].portfolio.roundTrips.count)
            },
            events: summary.events, skippedRows: feed.skippedRows, maxDrawdown: statistics.maxDrawdown,
            journalPath: nil)
    }

    /// One engine instance per configured strategy; a single-symbol strategy listed on several symbols runs as
    /// one instance per symbol, named `NAME/SYMBOL`.
    static func makeInstances(_ workspace: Workspace, symbols: [String], logger: Logger) throws(RuntimeError)
        -> [EngineInstance] {
        var result: [EngineInstance] = []
        for strategy in workspace.config.strategies where strategy.enabled {
            guard let (plugin, descriptor) = workspace.catalog.strategy(strategy.plugin) else {
                throw .invalidInput("\(strategy.name): no loaded plugin provides \(strategy.plugin)")
            }
            var ids: [Int] = []
            for symbol in strategy.symbols {
                guard let id = symbols.firstIndex(of: symbol) else {
                    throw .invalidInput("\(strategy.name): no data for symbol \(symbol)")
                }
                ids.append(id)
            }
            let groups: [(name: String, ids: [Int])]
            if descriptor.maxSymbols == 1 && ids.count > 1 {
                groups = ids.map { ("\(strategy.name)/\(symbols[$0])", [$0]) }
            } else if ids.count < descriptor.minSymbols || ids.count > descriptor.maxSymbols {
                throw .invalidInput("\(strategy.name): \(strategy.plugin) takes \(descriptor.minSymbols)..."
                    + "\(descriptor.maxSymbols) symbols, got \(ids.count)")
            } else {
                groups = [(strategy.name, ids)]
            }
            let parameters = (strategy.resolvedParams ?? []).map { (id: $0.id, value: $0.value) }
            for group in groups {
                do {
                    let instance = try StrategyInstance(plugin: plugin, strategyID: strategy.plugin, name: group.name,
                                                        parameters: parameters, logger: logger)
                    result.append(EngineInstance(instance: instance, symbols: group.ids, weight: strategy.weight))
                } catch {
                    throw .failure("\(error)")
                }
            }
        }
        return result
    }
}

/// Tracks the run's maximum drawdown from the equity curve, and passes each point on.
final class EquityStatistics: EquityObserver {
    private let next: EquityObserver?
    private var peak = 0.0
    private(set) var maxDrawdown = 0.0

    init(forwardingTo next: EquityObserver?) { self.next = next }

    func equity(_ equity: Money, cash: Money, exposure: Money, at time: Timestamp) {
        let value = equity.doubleValue
        peak = max(peak, value)
        if peak > 0 { maxDrawdown = min(maxDrawdown, value / peak - 1) }
        next?.equity(equity, cash: cash, exposure: exposure, at: time)
    }
}
