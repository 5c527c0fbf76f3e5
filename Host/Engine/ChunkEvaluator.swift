#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import QuorumModel
import QuorumPluginAPI
import QuorumPlugins

/// Evaluates every instance over a chunk of events, instances in parallel across cores (SPEC §3: strategies
/// are advisory, so a backtest can run them ahead of the judge). Each instance walks the chunk's events of
/// its symbols in order on one worker, writing its outcomes into its own record buffer; the judge reads the
/// buffers in a fixed order afterwards, so the result never depends on thread timing.
struct ChunkEvaluator {
    let quarantineAfter: Int
    let deadlineNanoseconds: Int64

    func evaluate(_ instances: [EngineInstance], chunk: Chunk, histories: [SymbolHistory]) {
        if instances.count == 1 {
            evaluate(instances[0], chunk: chunk, histories: histories)
        } else {
            DispatchQueue.concurrentPerform(iterations: instances.count) { i in
                evaluate(instances[i], chunk: chunk, histories: histories)
            }
        }
    }

    private func evaluate(_ e: EngineInstance, chunk: Chunk, histories: [SymbolHistory]) {
        e.records.removeAll(keepingCapacity: true)
        guard !e.quarantined else { return }
        let historyBars = e.instance.descriptor.historyBars
        let symbolCount = e.symbols.count
        let started = monotonicNanoseconds()
        let callsBefore = e.calls
        var seen: UInt64 = 0   // symbols already signalled in this call (bit per slot; 64 is the ABI's practical bound)

        func run(event index: Int) -> Bool {
            let symbol = chunk.symbols[index]
            let slot = e.slotOfSymbol[symbol]
            let history = histories[symbol]
            let series = history.series(endingAt: chunk.positions[index], limit: historyBars)
            e.calls += 1
            let (status, raw) = e.instance.onBar(symbolIndex: slot, series: series, time: chunk.times[index],
                                                 cursor: index)
            var faulted = false
            if status != QUORUM_OK {
                e.records.append(EvaluationRecord(event: index, outcome: .fault(.callFailed(status: status))))
                faulted = true
            } else {
                seen = 0
                for r in raw {
                    switch SignalValidation.validate(r, symbolCount: symbolCount) {
                    case .success(let (slot, signal)):
                        let bit: UInt64 = slot < 64 ? 1 << UInt64(slot) : 0
                        if seen & bit != 0 {
                            e.records.append(EvaluationRecord(event: index, outcome: .fault(.duplicateSymbol(UInt32(slot)))))
                            faulted = true
                        } else {
                            seen |= bit
                            e.records.append(EvaluationRecord(event: index, outcome: .signal(slot: slot, signal)))
                        }
                    case .failure(let fault):
                        e.records.append(EvaluationRecord(event: index, outcome: .fault(fault)))
                        faulted = true
                    }
                }
            }
            if faulted {
                e.consecutiveFaults += 1
                if e.consecutiveFaults >= quarantineAfter {
                    e.quarantined = true
                    e.records.append(EvaluationRecord(event: index, outcome: .quarantined))
                    return false
                }
            } else {
                e.consecutiveFaults = 0
            }
            return true
        }

        if symbolCount == 1 {
            for index in chunk.eventsBySymbol[e.symbols[0]] where !run(event: index) { break }
        } else {
            for index in 0..<chunk.count where e.slotOfSymbol[chunk.symbols[index]] >= 0 {
                if !run(event: index) { break }
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

/// The events of one chunk, as columns.
struct Chunk {
    var count = 0
    var symbols: [Int]
    var positions: [Int]
    var times: [Int64]
    var bars: [Bar]
    /// Event indices of each symbol, in order.
    var eventsBySymbol: [[Int]]

    init(capacity: Int, symbolCount: Int) {
        symbols = Array(repeating: 0, count: capacity)
        positions = Array(repeating: 0, count: capacity)
        times = Array(repeating: 0, count: capacity)
        bars = Array(repeating: Bar(time: 0, open: Price(raw: 0), high: Price(raw: 0), low: Price(raw: 0),
                                    close: Price(raw: 0), volume: 0), count: capacity)
        eventsBySymbol = Array(repeating: [], count: symbolCount)
        for s in 0..<symbolCount { eventsBySymbol[s].reserveCapacity(capacity) }
    }

    mutating func reset() {
        count = 0
        for s in eventsBySymbol.indices where !eventsBySymbol[s].isEmpty {
            eventsBySymbol[s].removeAll(keepingCapacity: true)
        }
    }
}

func monotonicNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}
