import Dispatch
import QuorumData
import QuorumExecution
import QuorumJudge
import QuorumModel
import QuorumPluginAPI
import QuorumPlugins

/// Settings of the engine (strategies.yaml `judge`).
public struct EngineSettings: Sendable {
    public var judge: JudgeRules
    public var hedge: HedgeWeights.Settings
    /// Per-event deadline. A backtest reports instances slower than this; it still counts their signals.
    public var deadlineNanoseconds: Int64
    /// Consecutive faulty calls that quarantine an instance.
    public var quarantineAfter: Int
    /// Events evaluated ahead of the judge per parallel step.
    public var chunkSize: Int
    /// Whether signals keep the reason text their plugin gave (``Signal/reason``). Only an observer that
    /// records every signal reads it (the journal at level `full`); copying it out of the plugin is a string
    /// made for every signal, so a run that records no signal leaves it out.
    public var keepsSignalReasons: Bool

    public init(judge: JudgeRules = JudgeRules(), hedge: HedgeWeights.Settings = .init(),
                deadlineNanoseconds: Int64 = 50_000_000, quarantineAfter: Int = 5, chunkSize: Int = 4096,
                keepsSignalReasons: Bool = true) {
        self.judge = judge
        self.hedge = hedge
        self.deadlineNanoseconds = deadlineNanoseconds
        self.quarantineAfter = quarantineAfter
        self.chunkSize = chunkSize
        self.keepsSignalReasons = keepsSignalReasons
    }
}

/// What a run did, beyond what the trading stage and the instances' counters hold.
public struct EngineSummary: Sendable {
    public var events = 0
    public var steps = 0
    public var firstTime: Timestamp?
    public var lastTime: Timestamp?
    /// Whether the run stopped early, asked to (``Engine/run(_:progress:shouldStop:)``), at the end of the time
    /// step `lastTime` (nil: before any): the events counted were judged, and their steps ended.
    public var stopped = false
    /// Last bar of each symbol (nil for a symbol without data).
    public var lastBars: [Bar?] = []
}

/// The ensemble engine (SPEC §3): Feed → History → Fan-out → Judge → TradingStage, with one shadow stage per
/// instance beside it. This class drives the backtest path: events are read in chunks, every instance is
/// evaluated over a chunk in parallel on worker threads, and the judge and the stage run through the chunk's
/// events in order on the engine's thread — the chunk before the one being evaluated, while a worker reads the
/// one after it (``run(_:progress:)``).
public final class Engine: SeriesProvider {
    public let settings: EngineSettings
    public let symbolNames: [String]
    public let instances: [EngineInstance]
    public let stage: TradingStage
    /// One per instance: its own signals, sized and filled by the same models (SPEC §12). Always simulated,
    /// whatever broker the ensemble's stage trades through.
    public let shadows: [ExecutionStage]
    /// Sees every signal, fault, verdict and weight change (the journal). Held strongly: a fan-out of several
    /// observers is owned by nobody else, and a weak load on every event costs more than the event.
    @exclusivity(unchecked) public var observer: EngineObserver?

    private let histories: [SymbolHistory]
    /// (instance, slot) pairs following each symbol, in instance order.
    private let subscribers: [[(instance: Int, slot: Int)]]
    @exclusivity(unchecked) private var stances: StanceBook
    private let judge: Judge
    @exclusivity(unchecked) public private(set) var hedge: HedgeWeights?
    /// The global sequence number of the first event of the chunk being evaluated (set while no worker runs).
    @exclusivity(unchecked) private var evaluatingStartSequence = 0

    public init(symbolNames: [String], instances: [EngineInstance], settings: EngineSettings,
                stage: TradingStage, shadows: [ExecutionStage]) {
        precondition(shadows.count == instances.count, "one shadow stage per instance")
        self.symbolNames = symbolNames
        self.instances = instances
        self.settings = settings
        self.stage = stage
        self.shadows = shadows
        judge = Judge(rules: settings.judge)
        var subscribers = Array(repeating: [(instance: Int, slot: Int)](), count: symbolNames.count)
        var keep = Array(repeating: 1, count: symbolNames.count)
        for (i, e) in instances.enumerated() {
            e.slotOfSymbol = Array(repeating: -1, count: symbolNames.count)
            for (slot, s) in e.symbols.enumerated() {
                subscribers[s].append((i, slot))
                e.slotOfSymbol[s] = slot
                keep[s] = max(keep[s], e.instance.descriptor.historyBars)
            }
        }
        self.subscribers = subscribers
        histories = keep.map { SymbolHistory(keep: $0, chunk: settings.chunkSize) }
        stances = StanceBook(slots: instances.map { $0.symbols.count })
        if settings.judge.mode == .hedge {
            hedge = HedgeWeights(priors: instances.map(\.weight), settings: settings.hedge)
        }
    }

    /// Activates every instance on its symbols. Call once before `run`.
    public func activate() throws {
        for e in instances {
            try e.instance.activate(symbols: e.symbols.map { symbolNames[$0] }, symbolIDs: e.symbols,
                                    historyBars: e.instance.descriptor.historyBars, provider: self)
        }
    }

    /// Runs every event of `source` through the pipeline. `progress` is called after each chunk with the
    /// number of events processed so far. `shouldStop` is asked before each chunk is evaluated (on this thread,
    /// with no worker running) and before the last is judged: once it says so, the run stops at the end of the
    /// time step in progress — at once when nothing was judged yet — with ``EngineSummary/stopped`` set, so that
    /// every step judged was ended (its records whole, as at a commit). A run whose data ends first ends as usual.
    ///
    /// Three chunks are in flight: while the workers evaluate one, this thread judges the one before it and a
    /// worker reads the one after it from `source` (which is used on that worker only, one chunk at a time,
    /// never concurrently). A read error is thrown once every chunk read before it has been judged.
    public func run<Source: BarSource>(_ source: inout Source, progress: ((Int) -> Void)? = nil,
                                       shouldStop: (() -> Bool)? = nil) throws -> EngineSummary {
        var summary = EngineSummary()
        summary.lastBars = Array(repeating: nil, count: symbolNames.count)
        let chunks = (0..<3).map { _ in
            Chunk(capacity: settings.chunkSize, symbolCount: symbolNames.count, instanceCount: instances.count)
        }
        let evaluator = ChunkEvaluator(quarantineAfter: settings.quarantineAfter,
                                       deadlineNanoseconds: settings.deadlineNanoseconds,
                                       keepsReasons: settings.keepsSignalReasons)
        let evaluation = DispatchGroup()
        var pass = JudgePass(engine: self)
        func judge(_ chunk: Chunk) {
            summary.events += pass.process(chunk, summary: &summary)
            progress?(summary.events)
        }
        func stopped() -> EngineSummary {
            summary.stopped = true
            summary.lastTime = pass.lastEndedStep
            return summary
        }
        return try withUnsafeMutablePointer(to: &source) { source in
            let reader = ChunkReader(source: source, histories: histories)
            try reader.read(into: chunks[0])
            summary.firstTime = chunks[0].count > 0 ? chunks[0].bars[0].time : nil
            var evaluated: Chunk?
            var step = 0
            while chunks[step % 3].count > 0 {
                if !pass.stopsAtStepEnd, let shouldStop, shouldStop() {
                    pass.stopsAtStepEnd = true
                    if evaluated == nil && pass.stepTime == nil { return stopped() }
                }
                let chunk = chunks[step % 3], next = chunks[(step + 1) % 3]
                for (symbol, history) in histories.enumerated() {
                    history.makeRoom(settings.chunkSize, keepingNewest: history.keep + chunk.eventCount(of: symbol))
                    history.publish()
                }
                // Queued before the evaluation, so that a pool busy with many instances still starts it first.
                reader.start(into: next)
                evaluatingStartSequence = chunk.startSequence
                evaluator.start(instances, chunk: chunk, histories: histories, group: evaluation)
                if let evaluated { judge(evaluated) }
                if pass.stopped {
                    _ = reader.finish()
                    evaluation.wait()
                    return stopped()
                }
                if let error = reader.finish() {
                    evaluation.wait()
                    judge(chunk)
                    throw error
                }
                evaluation.wait()
                evaluated = chunk
                step += 1
            }
            // Asked once more for the last chunk, evaluated since the last question.
            if !pass.stopsAtStepEnd, let shouldStop, shouldStop() { pass.stopsAtStepEnd = true }
            if let evaluated { judge(evaluated) }
            if pass.stopped { return stopped() }
            pass.finish(summary: &summary)
            return summary
        }
    }

    // MARK: SeriesProvider (host->get_bars, called from evaluation workers)

    public func series(symbol: Int, asOf cursor: Int, limit: Int) -> quorum_series_t? {
        guard symbol >= 0, symbol < histories.count,
              let position = histories[symbol].position(asOf: evaluatingStartSequence + cursor) else { return nil }
        return histories[symbol].series(endingAt: position, limit: limit)
    }

    // MARK: The sequential pass

    /// Walks a chunk's events in order: fills, stances, verdicts, shadow books, time steps.
    ///
    /// It keeps its own references to the engine's parts and a flat list of each symbol's subscribers, so the
    /// per-event loops read them without a retain and release per access.
    struct JudgePass {
        let engine: Engine
        let stage: TradingStage
        /// The shadow books, unretained: the engine holds them for the whole pass, and a retain and release
        /// around each call on an array element cost more than most of the calls.
        let shadows: [Unmanaged<ExecutionStage>]
        /// Every symbol's subscribers, one symbol after another; `subscriberRanges[symbol]` are its own.
        let subscriberList: [(instance: Int, slot: Int)]
        let subscriberRanges: [Range<Int>]
        /// By instance: its next record in the chunk's outcomes, and that record's event (`Int.max` when none is
        /// left), so events without records — most of them — touch neither the instance nor its outcomes.
        var cursors: [Int]
        var nextRecordEvent: [Int]
        /// By instance: its weight in the judge (the yaml weight, or the hedge's current weight).
        var weights: [Double]
        /// Slots for the judge's inputs, one per subscriber of the most followed symbol, reused from symbol to
        /// symbol (judging a symbol allocates, destroys and checks the uniqueness of nothing); a judgment uses the
        /// first ones it fills.
        let inputs: Slots<JudgeInput>
        /// Room for every shadow book's value at the end of a step, when the observer wants them (nil if not),
        /// and its first slot (read on every step without a retain of the room).
        let shadowValues: Slots<BookValue>?
        let shadowValueBase: UnsafeMutablePointer<BookValue>?
        /// Symbols to judge at the end of the time step: a strategy signalled for them on another symbol's event
        /// (or was quarantined there). Judging them then, not on that event, keeps a decision from acting before
        /// the symbol's own bar of the same time, which comes later in the stream and opened before it; a symbol
        /// whose own bar does come in the step is judged on it instead.
        var deferred: [Int] = []
        var isDeferred: [Bool]
        /// By symbol: the verdict of its last judgment, valid while `verdictHolds[symbol]` — until one of its
        /// inputs changes (a stance set, lapsed or cleared; a weight). The judge is pure, so the same inputs give
        /// the same verdict, and most events change none: they reuse it rather than judge again.
        var verdicts: [Verdict]
        var verdictHolds: [Bool]
        var lastBars: [Bar?]
        var stepTime: Timestamp?
        /// The number of the latest event: the step's last one when the step ends (its deferred decisions take it).
        var lastEvent = 0
        /// The symbol of the event being processed.
        var currentSymbol = -1
        /// Set to stop at the end of the time step in progress: ``process(_:summary:)`` then returns before the
        /// next step's first event, with ``stopped`` set.
        var stopsAtStepEnd = false
        private(set) var stopped = false
        /// The time of the last step ended.
        private(set) var lastEndedStep: Timestamp?

        init(engine: Engine) {
            self.engine = engine
            stage = engine.stage
            shadows = engine.shadows.map { Unmanaged.passUnretained($0) }
            subscriberList = engine.subscribers.flatMap { $0 }
            var ranges: [Range<Int>] = []
            var start = 0
            for subscribers in engine.subscribers {
                ranges.append(start..<start + subscribers.count)
                start += subscribers.count
            }
            subscriberRanges = ranges
            cursors = Array(repeating: 0, count: engine.instances.count)
            nextRecordEvent = Array(repeating: .max, count: engine.instances.count)
            weights = engine.hedge?.weights ?? engine.instances.map(\.weight)
            lastBars = Array(repeating: nil, count: engine.symbolNames.count)
            isDeferred = Array(repeating: false, count: engine.symbolNames.count)
            verdicts = Array(repeating: .flat, count: engine.symbolNames.count)
            verdictHolds = Array(repeating: false, count: engine.symbolNames.count)
            inputs = Slots(count: ranges.map(\.count).max() ?? 0,
                           filling: JudgeInput(instance: 0, stance: Stance(direction: .flat, confidence: 0), weight: 0))
            shadowValues = engine.observer?.wantsShadowBooks == true
                ? Slots(count: engine.shadows.count, filling: BookValue(equity: .zero, cash: .zero, exposure: .zero)) : nil
            shadowValueBase = shadowValues?.base
        }

        /// Processes the events of `chunk` in order; returns how many (all of them, unless it stopped).
        mutating func process(_ chunk: Chunk, summary: inout EngineSummary) -> Int {
            // Loaded once per chunk and passed down as an argument: an argument is borrowed, so the per-event
            // calls on it retain and release nothing (a load of `engine.observer` on each call did both).
            let observer = engine.observer
            for i in cursors.indices {
                cursors[i] = 0
                nextRecordEvent[i] = chunk.outcomes[i].records.first?.event ?? .max
            }
            let firstEvent = chunk.startSequence
            for e in 0..<chunk.count {
                let symbol = chunk.symbols[e]
                let bar = chunk.bars[e]
                if let t = stepTime, t != bar.time {
                    endStep(t, observer: observer, summary: &summary)
                    if stopsAtStepEnd {
                        stopped = true
                        return e
                    }
                }
                stepTime = bar.time
                lastEvent = firstEvent + e
                currentSymbol = symbol
                stage.barOpened(symbol: symbol, bar: bar)
                lastBars[symbol] = bar
                if isDeferred[symbol] { undefer(symbol) }   // its own bar judges it now
                for k in subscriberRanges[symbol] {
                    let sub = subscriberList[k]
                    shadows[sub.instance]._withUnsafeGuaranteedRef { $0.barOpened(symbol: symbol, bar: bar) }
                    if engine.stances.barPassed(instance: sub.instance, slot: sub.slot, at: bar.time) {
                        verdictHolds[symbol] = false
                    }
                }
                for k in subscriberRanges[symbol] where nextRecordEvent[subscriberList[k].instance] == e {
                    applyRecords(of: subscriberList[k].instance, in: chunk, event: e, time: bar.time,
                                 observer: observer)
                }
                judge(symbol: symbol, event: MarketEvent(number: lastEvent, time: bar.time), observer: observer)
            }
            return chunk.count
        }

        mutating func finish(summary: inout EngineSummary) {
            if let t = stepTime { endStep(t, observer: engine.observer, summary: &summary) }
            summary.lastTime = stepTime
            summary.lastBars = lastBars
        }

        private mutating func applyRecords(of i: Int, in chunk: Chunk, event: Int, time: Timestamp,
                                           observer: EngineObserver?) {
            let e = engine.instances[i]
            let records = chunk.outcomes[i].records
            while cursors[i] < records.count && records[cursors[i]].event == event {
                switch records[cursors[i]].outcome {
                case .signal(let slot, let signal):
                    engine.stances.set(signal, instance: i, slot: slot, at: time)
                    verdictHolds[e.symbols[slot]] = false
                    e.signals += 1
                    observer?.signal(signal, instance: i, symbol: e.symbols[slot], time: time)
                    markForJudging(e.symbols[slot])
                case .fault(let fault):
                    e.faults += 1
                    e.lastFault = fault
                    observer?.fault(fault, instance: i, time: time)
                case .quarantined:
                    e.quarantinedAt = time
                    engine.stances.clear(instance: i, slots: e.symbols.count)
                    for symbol in e.symbols { verdictHolds[symbol] = false }
                    observer?.quarantined(instance: i, time: time)
                    // Its stances are gone from every symbol it followed: each is judged again now, not at its
                    // next bar (a stance of the quarantined strategy stood until then).
                    for symbol in e.symbols { markForJudging(symbol) }
                }
                cursors[i] += 1
            }
            nextRecordEvent[i] = cursors[i] < records.count ? records[cursors[i]].event : .max
        }

        /// Has `symbol` judged again: on this event when it is the event's own symbol (it is anyway), else at the
        /// end of the step (``deferred``), once, when it has had a bar.
        private mutating func markForJudging(_ symbol: Int) {
            guard symbol != currentSymbol, !isDeferred[symbol], lastBars[symbol] != nil else { return }
            isDeferred[symbol] = true
            deferred.append(symbol)
        }

        private mutating func undefer(_ symbol: Int) {
            isDeferred[symbol] = false
            deferred.removeAll { $0 == symbol }
        }

        /// Judges the symbols deferred to the end of the step `time`, in the order they were marked, on the step's
        /// last event.
        private mutating func judgeDeferred(_ time: Timestamp, observer: EngineObserver?) {
            // Judging marks nothing: the list does not change while it is walked.
            for symbol in deferred {
                isDeferred[symbol] = false
                judge(symbol: symbol, event: MarketEvent(number: lastEvent, time: time), observer: observer)
            }
            deferred.removeAll(keepingCapacity: true)
        }

        /// Judges `symbol` on market `event` (its own bar's, or another symbol's whose strategies signalled for it).
        private mutating func judge(symbol: Int, event: MarketEvent, observer: EngineObserver?) {
            guard let bar = lastBars[symbol] else { return }
            var count = 0
            var silent = false
            for k in subscriberRanges[symbol] {
                let sub = subscriberList[k]
                let weight = weights[sub.instance]
                let stance = engine.stances.stance(instance: sub.instance, slot: sub.slot)
                shadows[sub.instance]._withUnsafeGuaranteedRef {
                    $0.decide(Engine.ownVerdict(stance), symbol: symbol, bar: bar, event: event)
                }
                // A quarantined instance's stances were cleared when the pass reached its quarantine.
                guard let stance else { continue }
                guard weight > 0 else { silent = true; continue }
                inputs.base[count] = JudgeInput(instance: sub.instance, stance: stance, weight: weight)
                count += 1
            }
            let verdict: Verdict
            if verdictHolds[symbol] {
                verdict = verdicts[symbol]
            } else {
                verdict = engine.judge.decide(UnsafeBufferPointer(start: inputs.base, count: count))
                verdicts[symbol] = verdict
                verdictHolds[symbol] = true
            }
            stage.decide(verdict, symbol: symbol, bar: bar, event: event)
            guard let observer else { return }
            if silent {
                // After the voters, the stances that do not vote, for the observer only (their agreement).
                for k in subscriberRanges[symbol] where weights[subscriberList[k].instance] <= 0 {
                    let sub = subscriberList[k]
                    guard let stance = engine.stances.stance(instance: sub.instance, slot: sub.slot) else { continue }
                    inputs.base[count] = JudgeInput(instance: sub.instance, stance: stance, weight: 0)
                    count += 1
                }
            }
            observer.verdict(verdict, symbol: symbol, inputs: UnsafeBufferPointer(start: inputs.base, count: count),
                             time: event.time)
        }

        private mutating func endStep(_ time: Timestamp, observer: EngineObserver?, summary: inout EngineSummary) {
            lastEndedStep = time
            if !deferred.isEmpty { judgeDeferred(time, observer: observer) }
            stage.endOfStep(time: time)
            if let shadowValueBase {
                for k in shadows.indices {
                    shadowValueBase[k] = shadows[k]._withUnsafeGuaranteedRef {
                        $0.endOfStep(time: time, reportingValue: true)!
                    }
                }
                observer?.shadowBooks(UnsafeBufferPointer(start: shadowValueBase, count: shadows.count), time: time)
            } else {
                for shadow in shadows { shadow._withUnsafeGuaranteedRef { $0.endOfStep(time: time) } }
            }
            summary.steps += 1
            if engine.hedge != nil {
                let equities = engine.shadows.map { $0.equity.doubleValue }
                if engine.hedge!.update(shadowEquity: equities) {
                    weights = engine.hedge!.weights
                    for symbol in verdictHolds.indices { verdictHolds[symbol] = false }
                    observer?.weights(weights, time: time)
                }
            }
            observer?.stepEnded(time: time)
        }
    }

    /// Room for `count` values, allocated once per run and overwritten in place: one judgment's inputs, every
    /// shadow book's value of a step. Only for values that are plain bytes (no references): slots are
    /// overwritten without being deinitialized.
    final class Slots<Element> {
        let base: UnsafeMutablePointer<Element>

        init(count: Int, filling value: Element) {
            base = .allocate(capacity: max(count, 1))
            base.initialize(repeating: value, count: max(count, 1))
        }

        deinit { base.deallocate() }
    }

    /// A shadow book acts on its own instance's stance alone.
    static func ownVerdict(_ stance: Stance?) -> Verdict {
        guard let stance, stance.direction != .flat, stance.confidence > 0 else { return .flat }
        return Verdict(direction: stance.direction, conviction: stance.confidence, net: stance.direction.sign * stance.confidence,
                       stances: 1, nonFlat: 1, stopLoss: stance.stopLoss, takeProfit: stance.takeProfit,
                       targetWeight: stance.targetWeight)
    }
}
