import QuorumModel
import QuorumPluginAPI

/// Replays sample bars through one instance without the engine, for the conformance checker: every bar of
/// the instance's symbols in time order, with full history available to `get_bars`.
final class ReplayDriver: SeriesProvider {
    /// One call's outcome, comparable between runs.
    struct Record: Equatable {
        var event: Int
        var status: Int32
        var signals: [String]
    }

    private let samples: [[Bar]]
    /// Per symbol: time, then open, high, low, close, volume, each a buffer owned by the driver.
    private let times: [UnsafeMutableBufferPointer<Int64>]
    private let prices: [[UnsafeMutableBufferPointer<Double>]]
    /// Events in time order: (symbol slot, position in that symbol's bars).
    let events: [(slot: Int, position: Int)]
    /// positions[e][j] = last position of symbol j at or before event e, or −1.
    private let positions: [[Int]]

    init(samples: [[Bar]]) {
        self.samples = samples
        func buffer<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
            _ = b.initialize(from: values)
            return b
        }
        times = samples.map { buffer($0.map(\.time)) }
        prices = samples.map { bars in
            [buffer(bars.map(\.open.doubleValue)), buffer(bars.map(\.high.doubleValue)),
             buffer(bars.map(\.low.doubleValue)), buffer(bars.map(\.close.doubleValue)), buffer(bars.map(\.volume))]
        }
        var cursor = Array(repeating: 0, count: samples.count)
        var events: [(slot: Int, position: Int)] = []
        var positions: [[Int]] = []
        var last = Array(repeating: -1, count: samples.count)
        while true {
            var next = -1
            for j in samples.indices where cursor[j] < samples[j].count {
                if next < 0 || samples[j][cursor[j]].time < samples[next][cursor[next]].time { next = j }
            }
            guard next >= 0 else { break }
            events.append((next, cursor[next]))
            last[next] = cursor[next]
            positions.append(last)
            cursor[next] += 1
        }
        self.events = events
        self.positions = positions
    }

    func series(symbol: Int, asOf cursor: Int, limit: Int) -> quorum_series_t? {
        let p = positions[cursor][symbol]
        return p < 0 ? nil : view(symbol, endingAt: p, limit: limit)
    }

    deinit {
        times.forEach { $0.deallocate() }
        prices.forEach { $0.forEach { $0.deallocate() } }
    }

    /// A signal as the checks compare and show it, every field of it: `symbol 0: long 0.8, stop 95.5 "why"`.
    static func text(of signal: Signal, slot: Int) -> String {
        let s = signal.stance
        var text = "symbol \(slot): \(s.direction) \(s.confidence)"
        if let weight = s.targetWeight { text += ", weight \(weight)" }
        if let stop = s.stopLoss { text += ", stop \(stop)" }
        if let target = s.takeProfit { text += ", target \(target)" }
        if s.expiryBars != 0 { text += ", expiry \(s.expiryBars) bars" }
        if let reason = signal.reason { text += " \"\(reason)\"" }
        return text
    }

    private func view(_ j: Int, endingAt p: Int, limit: Int) -> quorum_series_t {
        let n = min(p + 1, limit), start = p + 1 - n
        let c = prices[j]
        return quorum_series_t(struct_size: UInt32(MemoryLayout<quorum_series_t>.size), count: UInt32(n),
                               time: times[j].baseAddress! + start, open: c[0].baseAddress! + start,
                               high: c[1].baseAddress! + start, low: c[2].baseAddress! + start,
                               close: c[3].baseAddress! + start, volume: c[4].baseAddress! + start)
    }

    /// Runs events `range` through `instance`; returns one record per call.
    func run(_ instance: StrategyInstance, events range: Range<Int>) -> [Record] {
        instance.crashNote.during { records(of: instance, events: range) }
    }

    private func records(of instance: StrategyInstance, events range: Range<Int>) -> [Record] {
        var records: [Record] = []
        for e in range {
            let (slot, position) = events[e]
            let series = view(slot, endingAt: position, limit: instance.descriptor.historyBars)
            let output = instance.onBar(symbolIndex: slot, series: series, time: times[slot][position], cursor: e)
            var signals: [String] = []
            if output.status == QUORUM_OK, let fault = output.fault { signals.append("invalid: \(fault)") }
            for r in output.signals {
                switch instance.validate(r) {
                case .success(let (slot, signal)):
                    signals.append(Self.text(of: signal, slot: slot))
                case .failure(let fault):
                    signals.append("invalid: \(fault)")
                }
            }
            records.append(Record(event: e, status: output.status, signals: signals))
        }
        return records
    }
}
