import QuorumModel

/// Merges several single-symbol ``BarStream``s into one time-ordered ``BarSource``.
///
/// Equal timestamps come out in the order the streams were given (stable and deterministic). Streaming: it holds
/// at most one pending bar per stream, in a binary heap keyed by (time, stream index), so each event costs
/// O(log streams). A stream is asked for its next bar only when the merge needs it, so an error in a file
/// surfaces at its place in time, after every earlier event has been delivered.
///
/// Copies of a merge share its streams (as copies of a file reader share the file): advance one of them.
public struct MergedFeed<Stream: BarStream>: BarSource {
    public let symbols: [String]
    /// The streams, by symbol index. Not an `[Stream]`: in this generic code every access to an array of
    /// `Stream` looked up the array type's metadata (~300 instructions per event).
    private let streams: Streams<Stream>
    /// Pending bars, a min-heap ordered by (time, symbol index).
    private var heap: [FeedEvent] = []
    /// Streams whose pending bar must be read before the next event can be chosen.
    private var needingRefill: [Int]

    /// Merges `inputs`; each stream's bars are attributed to the symbol given with it.
    public init(_ inputs: [(symbol: String, stream: Stream)]) {
        symbols = inputs.map(\.symbol)
        streams = Streams(inputs.map(\.stream))
        heap.reserveCapacity(inputs.count)
        needingRefill = Array(inputs.indices)
    }

    public mutating func next() throws -> FeedEvent? {
        // One stream needs no merge: its bars in its order.
        if streams.count == 1 { return try streams.base.pointee.next().map { FeedEvent(symbolIndex: 0, bar: $0) } }
        while let index = needingRefill.last {
            if let bar = try streams.base[index].next() {
                push(FeedEvent(symbolIndex: index, bar: bar))
            }
            needingRefill.removeLast()
        }
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(from: 0)
        }
        needingRefill.append(first.symbolIndex)
        return first
    }

    @inline(__always)
    private static func precedes(_ a: FeedEvent, _ b: FeedEvent) -> Bool {
        a.bar.time < b.bar.time || (a.bar.time == b.bar.time && a.symbolIndex < b.symbolIndex)
    }

    private mutating func push(_ event: FeedEvent) {
        heap.append(event)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var smallest = left
            if left + 1 < count && Self.precedes(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard Self.precedes(heap[smallest], heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}

extension MergedFeed where Stream == CSVBarReader {
    /// Opens one CSV file per symbol (each with the same `options`) and merges them.
    /// - Throws: ``BarDataError`` when a file cannot be opened or has a bad header.
    public init(files: [(symbol: String, path: String)], options: BarReaderOptions = .init()) throws {
        self.init(try files.map { (symbol: $0.symbol, stream: try CSVBarReader(path: $0.path, options: options)) })
    }
}

extension MergedFeed where Stream: FileBarStream {
    /// The rows each file skipped under ``BadRowPolicy/skip``, in symbol order.
    public var skippedRows: [SkippedRows] { streams.all.map(\.skipped) }

    /// How each file writes its times (nil for a file that delivered no bar yet), in symbol order.
    public var timeFormats: [TimeFormat?] { streams.all.map(\.timeFormat) }
}

/// A merge's streams in one allocation of its own, each advanced in place.
private final class Streams<Stream: BarStream> {
    let base: UnsafeMutablePointer<Stream>
    let count: Int

    init(_ streams: [Stream]) {
        count = streams.count
        base = .allocate(capacity: max(count, 1))
        base.initialize(from: streams, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Copies of the streams, in order.
    var all: [Stream] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
