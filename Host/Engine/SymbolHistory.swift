import QuorumModel
import QuorumPluginAPI

/// The columnar, append-only history of one symbol (SPEC §3): time, open, high, low, close and volume as
/// contiguous columns, so a plugin gets its window as plain pointers.
///
/// Positions are absolute (the n-th bar ever appended is at position n), so they stay valid when old bars are
/// dropped. Memory is bounded: the buffer holds `keep` bars of history plus room for two chunks — the one being
/// evaluated and the one being read behind it — and ``makeRoom(_:keepingNewest:)`` drops old bars.
///
/// Threads: the run's reader (``ChunkReader``, on a worker or the engine's thread) appends while evaluation
/// workers read the bars published to them (``publish()``); ``publish()`` and ``makeRoom(_:keepingNewest:)``
/// are called only while no worker (reader or evaluator) runs.
final class SymbolHistory {
    /// Bars of history every view may need.
    let keep: Int
    let capacity: Int
    /// Bars dropped from the front: the absolute position of the buffer's first bar.
    private(set) var dropped = 0
    /// Bars in the buffer.
    private(set) var stored = 0
    /// Bars in the buffer that evaluation may see (by ``position(asOf:)``).
    private var published = 0
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
        capacity = self.keep + 2 * chunk
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

    /// Lets evaluation see every bar appended so far.
    func publish() { published = stored }

    /// Makes room for `room` more bars, dropping old bars but the newest `newest` if needed (`newest + room`
    /// must fit the capacity).
    func makeRoom(_ room: Int, keepingNewest newest: Int) {
        guard stored + room > capacity else { return }
        precondition(newest + room <= capacity, "the history cannot hold \(newest) bars and \(room) more")
        let retained = min(stored, newest)
        let from = stored - retained
        func slide<T>(_ column: UnsafeMutablePointer<T>) { column.update(from: column + from, count: retained) }
        slide(time); slide(open); slide(high); slide(low); slide(close); slide(volume); slide(sequence)
        dropped += from
        stored = retained
        published = max(published - from, 0)
    }

    /// Appends a bar; returns its absolute position.
    @inline(__always)
    func append(_ bar: Bar, sequence seq: Int) -> Int {
        let i = stored
        precondition(i < capacity, "the history is full")
        time[i] = bar.time
        open[i] = bar.open.doubleValue
        high[i] = bar.high.doubleValue
        low[i] = bar.low.doubleValue
        close[i] = bar.close.doubleValue
        volume[i] = bar.volume
        sequence[i] = seq
        stored = i + 1
        return dropped + i
    }

    /// The view of at most `limit` bars ending at absolute position `position` (inclusive), which must be in
    /// the buffer.
    @inline(__always)
    func series(endingAt position: Int, limit: Int) -> quorum_series_t {
        let index = position - dropped
        let n = min(index + 1, limit)
        let start = index + 1 - n
        return quorum_series_t(struct_size: UInt32(MemoryLayout<quorum_series_t>.size), count: UInt32(n),
                               time: time + start, open: open + start, high: high + start, low: low + start,
                               close: close + start, volume: volume + start)
    }

    /// Absolute position of the newest published bar with sequence ≤ `seq`, or nil when there is none in the
    /// buffer.
    func position(asOf seq: Int) -> Int? {
        var lo = 0, hi = published   // first index with sequence > seq
        while lo < hi {
            let mid = (lo + hi) / 2
            if sequence[mid] <= seq { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : dropped + lo - 1
    }
}
