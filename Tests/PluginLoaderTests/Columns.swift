import Foundation
import QuorumPluginAPI

/// Bars held as columns in stable memory, handed to `on_bar` as `quorum_series_t` views.
final class Columns {
    let count: Int
    let time: UnsafeMutablePointer<Int64>
    let open, high, low, close, volume: UnsafeMutablePointer<Double>

    init(time: [Int64], open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double]) {
        count = time.count
        func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
            p.initialize(from: values, count: values.count)
            return p
        }
        self.time = copy(time)
        self.open = copy(open); self.high = copy(high); self.low = copy(low)
        self.close = copy(close); self.volume = copy(volume)
    }

    /// A single bar (for smoke tests).
    convenience init(price: Double) {
        self.init(time: [0], open: [price], high: [price], low: [price], close: [price], volume: [1000])
    }

    /// Reads `timestamp,open,high,low,close,volume` CSV (ISO dates; the time is the line number, only the order
    /// matters here).
    convenience init(csv path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var t: [Int64] = [], o: [Double] = [], h: [Double] = [], l: [Double] = [], c: [Double] = [], v: [Double] = []
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() where n > 0 {
            let f = line.split(separator: ",").map { Double($0) }
            guard f.count == 6, let open = f[1], let high = f[2], let low = f[3], let close = f[4],
                  let volume = f[5] else { continue }
            t.append(Int64(n)); o.append(open); h.append(high); l.append(low); c.append(close); v.append(volume)
        }
        self.init(time: t, open: o, high: h, low: l, close: c, volume: v)
    }

    deinit {
        time.deallocate()
        for p in [open, high, low, close, volume] { p.deallocate() }
    }

    /// The view of bars [index - window + 1, index], newest last.
    func series(endingAt index: Int, window: Int) -> quorum_series_t {
        let start = max(0, index + 1 - window)
        return quorum_series_t(struct_size: UInt32(MemoryLayout<quorum_series_t>.size),
                               count: UInt32(index + 1 - start), time: time + start, open: open + start,
                               high: high + start, low: low + start, close: close + start, volume: volume + start)
    }
}
