import QuorumModel
import QuorumPluginAPI

/// The columnar, append-only history of one symbol (SPEC §3): time, open, high, low, close and volume as
/// contiguous columns, so a plugin gets its window as plain pointers. Memory is bounded: the buffer holds
/// `keep` bars of history plus room for one chunk; when full, the newest `keep` bars move to the front.
final class SymbolHistory {
    /// Bars of history every view may need.
    let keep: Int
    let capacity: Int
    private(set) var count = 0
    let time: UnsafeMutablePointer<Int64>
    let open: UnsafeMutablePointer<Double>
    let high: UnsafeMutablePointer<Double>
    let low: UnsafeMutablePointer<Double>
    let close: UnsafeMutablePointer<Double>
    let volume: UnsafeMutablePointer<Double>
    /// Global event sequence number of each bar (for as-of lookups by other symbols' strategies).
    let sequence: UnsafeMutablePointer<Int>

    init(keep: Int, chunk: Int) {
        self.keep = max(keep, 1)
        capacity = self.keep + chunk
        time = .allocate(capacity: capacity)
        open = .allocate(capacity: capacity)
        high = .allocate(capacity: capacity)
        low = .allocate(capacity: capacity)
        close = .allocate(capacity: capacity)
        volume = .allocate(capacity: capacity)
        sequence = .allocate(capacity: capacity)
    }

    deinit {
        time.deallocate(); open.deallocate(); high.deallocate(); low.deallocate()
        close.deallocate(); volume.deallocate(); sequence.deallocate()
    }

    /// Makes room for `n` more bars (n ≤ chunk), dropping all but the newest `keep` bars if needed.
    /// Positions returned by earlier appends are invalid afterwards.
    func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let retained = min(count, keep)
        let from = count - retained
        func slide<T>(_ column: UnsafeMutablePointer<T>) { column.update(from: column + from, count: retained) }
        slide(time); slide(open); slide(high); slide(low); slide(close); slide(volume); slide(sequence)
        count = retained
    }

    /// Appends a bar; returns its position.
    @inline(__always)
    func append(_ bar: Bar, sequence seq: Int) -> Int {
        let i = count
        time[i] = bar.time
        open[i] = bar.open.doubleValue
        high[i] = bar.high.doubleValue
        low[i] = bar.low.doubleValue
        close[i] = bar.close.doubleValue
        volume[i] = bar.volume
        sequence[i] = seq
        count = i + 1
        return i
    }

    /// The view of at most `limit` bars ending at position `position` (inclusive).
    @inline(__always)
    func series(endingAt position: Int, limit: Int) -> quorum_series_t {
        let n = min(position + 1, limit)
        let start = position + 1 - n
        return quorum_series_t(struct_size: UInt32(MemoryLayout<quorum_series_t>.size), count: UInt32(n),
                               time: time + start, open: open + start, high: high + start, low: low + start,
                               close: close + start, volume: volume + start)
    }

    /// Position of the newest bar with sequence ≤ `seq`, or nil when there is none in the buffer.
    func position(asOf seq: Int) -> Int? {
        var lo = 0, hi = count   // first index with sequence > seq
        while lo < hi {
            let mid = (lo + hi) / 2
            if sequence[mid] <= seq { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }
}
