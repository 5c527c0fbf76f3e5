#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import QuorumModel
import QuorumPluginAPI
import QuorumPlugins

/// Evaluates every instance over a chunk of events, instances in parallel across cores (SPEC §3: strategies
/// are advisory, so a backtest can run them ahead of the judge). Each instance walks the chunk's events of
/// its symbols in order on one worker, writing its outcomes into its own record buffer of the chunk; the judge
/// reads the buffers in a fixed order afterwards, so the result never depends on thread timing.
struct ChunkEvaluator {
    let quarantineAfter: Int
    let deadlineNanoseconds: Int64
    /// Whether signals keep their plugin's reason text (``EngineSettings/keepsSignalReasons``).
    let keepsReasons: Bool

    /// Starts evaluating every instance over `chunk` on worker threads and returns at once; `group` is left
    /// when all are done. Until then the caller must not change the chunk, nor the histories' published bars.
    func start(_ instances: [EngineInstance], chunk: Chunk, histories: [SymbolHistory], group: DispatchGroup) {
        for (i, e) in instances.enumerated() {
            let outcomes = chunk.outcomes[i]
            DispatchQueue.global().async(group: group) {
                evaluate(e, into: outcomes, chunk: chunk, histories: histories)
            }
        }
    }

    private func evaluate(_ e: EngineInstance, into outcomes: EvaluationRecords, chunk: Chunk,
                          histories: [SymbolHistory]) {
        outcomes.records.removeAll(keepingCapacity: true)
        guard !e.quarantined else { return }
        let historyBars = e.instance.descriptor.historyBars
        let symbolCount = e.symbols.count
        let started = monotonicNanoseconds()
        let callsBefore = e.calls

        func run(event index: Int) -> Bool {
            let symbol = chunk.symbols[index]
            let slot = e.slotOfSymbol[symbol]
            let history = histories[symbol]
            let series = history.series(endingAt: chunk.positions[index], limit: historyBars)
            e.calls += 1
            let output = e.instance.onBar(symbolIndex: slot, series: series, time: chunk.bars[index].time,
                                          cursor: index)
            var faulted = false
            if let fault = output.fault {
                outcomes.records.append(EvaluationRecord(event: index, outcome: .fault(fault)))
                faulted = true
            } else {
                for r in output.signals {
                    switch e.instance.validate(r, keepingReason: keepsReasons) {
                    case .success(let (slot, signal)):
                        outcomes.records.append(EvaluationRecord(event: index, outcome: .signal(slot: slot, signal)))
                    case .failure(let fault):
                        outcomes.records.append(EvaluationRecord(event: index, outcome: .fault(fault)))
                        faulted = true
                    }
                }
            }
            if faulted {
                e.consecutiveFaults += 1
                if e.consecutiveFaults >= quarantineAfter {
                    e.quarantined = true
                    outcomes.records.append(EvaluationRecord(event: index, outcome: .quarantined))
                    return false
                }
            } else if output.count > 0 {
                // A valid signal ends a row of faults; a silent call neither ends nor extends it (a plugin whose
                // every signal is invalid, silent between them, was never quarantined: a review).
                e.consecutiveFaults = 0
            }
            return true
        }

        // A crash in the plugin names the instance (plugins run in this process: it ends the run).
        e.instance.crashNote.during {
            if symbolCount == 1 {
                for index in chunk.events(of: e.symbols[0]) where !run(event: index) { break }
            } else {
                for index in 0..<chunk.count where e.slotOfSymbol[chunk.symbols[index]] >= 0 {
                    if !run(event: index) { break }
                }
            }
        }
        let calls = e.calls - callsBefore
        if calls > 0 {
            let elapsed = monotonicNanoseconds() - started
            e.callNanoseconds += elapsed
            let mean = elapsed / Int64(calls)
            e.slowestMeanCallNanoseconds = max(e.slowestMeanCallNanoseconds, mean)
            if mean > deadlineNanoseconds { e.slowChunks += 1 }
        }
    }
}

/// The events of one chunk, as columns, in buffers allocated once per run, and what evaluating each instance
/// over them produced.
///
/// The run's ``ChunkReader`` fills a chunk with ``append(symbol:bar:position:)``; afterwards the evaluation
/// workers and then the engine's thread only read it. Not arrays: each array store checked the array's uniqueness (six checks per event).
final class Chunk {
    let capacity: Int
    private(set) var count = 0
    /// The global sequence number of the first event.
    private(set) var startSequence = 0
    /// By instance: its outcomes over these events.
    let outcomes: [EvaluationRecords]
    let symbols: UnsafeMutableBufferPointer<Int>
    let positions: UnsafeMutableBufferPointer<Int>
    let bars: UnsafeMutableBufferPointer<Bar>
    /// Event indices of symbol s at `s × capacity ..< s × capacity + symbolEventCounts[s]`, in order.
    private let symbolEvents: UnsafeMutableBufferPointer<Int>
    private let symbolEventCounts: UnsafeMutableBufferPointer<Int>

    init(capacity: Int, symbolCount: Int, instanceCount: Int) {
        precondition(capacity > 0 && symbolCount >= 0)
        self.capacity = capacity
        outcomes = (0..<instanceCount).map { _ in EvaluationRecords() }
        // Left uninitialized (plain values, never read past `count` or a symbol's event count): a chunk's
        // pages are touched only as events fill them, so a run of a few thousand bars does not fault in and
        // zero the ~0.9 MB of its three chunks' full capacity.
        symbols = .allocate(capacity: capacity)
        positions = .allocate(capacity: capacity)
        bars = .allocate(capacity: capacity)
        symbolEvents = .allocate(capacity: max(symbolCount * capacity, 1))
        symbolEventCounts = .allocate(capacity: max(symbolCount, 1))
        symbolEventCounts.initialize(repeating: 0)
    }

    deinit {
        for buffer in [symbols, positions, symbolEvents, symbolEventCounts] { buffer.deallocate() }
        bars.deallocate()
    }

    var isFull: Bool { count == capacity }

    /// Empties the chunk for the events from global sequence number `startSequence` on.
    func reset(startSequence: Int) {
        count = 0
        self.startSequence = startSequence
        symbolEventCounts.update(repeating: 0)
    }

    /// Adds one event: `bar` of `symbol`, at `position` in the symbol's history.
    @inline(__always)
    func append(symbol: Int, bar: Bar, position: Int) {
        precondition(count < capacity, "the chunk is full")
        let k = count
        symbols.initializeElement(at: k, to: symbol)
        bars.initializeElement(at: k, to: bar)
        positions.initializeElement(at: k, to: position)
        let n = symbolEventCounts[symbol]
        symbolEvents.initializeElement(at: symbol &* capacity &+ n, to: k)
        symbolEventCounts[symbol] = n &+ 1
        count = k &+ 1
    }

    /// How many of the events are `symbol`'s.
    func eventCount(of symbol: Int) -> Int { symbolEventCounts[symbol] }

    /// The indices of `symbol`'s events in this chunk, in order.
    func events(of symbol: Int) -> UnsafeBufferPointer<Int> {
        UnsafeBufferPointer(rebasing: symbolEvents[symbol * capacity ..< symbol * capacity + symbolEventCounts[symbol]])
    }
}
