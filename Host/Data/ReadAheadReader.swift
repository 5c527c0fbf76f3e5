import QuorumModel

/// A stream read from a file: it also tells which rows it skipped and how the file writes its times.
public protocol FileBarStream: BarStream {
    /// The rows skipped so far under ``BadRowPolicy/skip``.
    var skipped: SkippedRows { get }
    /// How the file writes its times, known once the first good bar has been read.
    var timeFormat: TimeFormat? { get }
}

extension CSVBarReader: FileBarStream {}

/// A ``CSVBarReader`` that parses on a thread of its own, up to two batches ahead of its consumer.
///
/// Parsing a CSV row costs about as much as the engine's whole pass over the bar, so a backtest that reads its
/// files here parses on another core while the engine works. What the consumer sees does not change: the same
/// bars in the same order, then the end of the file, or the same ``BarDataError`` (file:line:column) after
/// every bar before the bad row. ``skipped`` and ``timeFormat`` are the reader's, as of the batch being
/// delivered. Memory stays bounded: at most three batches of `batchSize` bars exist at a time.
///
/// Copies share the background reader: use one copy only. When the last copy is released, the thread stops
/// after the batch it is parsing.
public struct ReadAheadReader: FileBarStream {
    /// The file, as given.
    public let path: String
    public private(set) var skipped: SkippedRows
    public private(set) var timeFormat: TimeFormat?

    private let handle: Handle
    private var batch: [Bar] = []
    private var position = 0
    /// Set once the delivery that ends the file has been taken: the end of the file, or what the reader threw
    /// (until it has been thrown once).
    private var ending: Ending?

    private enum Ending { case endOfFile, failure(any Error) }

    /// Takes over `reader` (which must not be used any more) and starts reading it on a new thread.
    public init(_ reader: CSVBarReader, batchSize: Int = 4096) {
        precondition(batchSize > 0, "batchSize must be positive")
        path = reader.path
        skipped = reader.skipped
        timeFormat = reader.timeFormat
        let channel = Channel(batchSize: batchSize)
        handle = Handle(channel)
        startDetachedThread(purpose: "read-ahead of \(reader.path)") { [reader] in
            var reader = reader
            channel.produce(from: &reader)
        }
    }

    public mutating func next() throws -> Bar? {
        if position < batch.count {
            position &+= 1
            return batch[position &- 1]
        }
        return try nextBatch()
    }

    /// Takes the next batch (handing the emptied one back) and returns its first bar; at the end of the file,
    /// nil or the reader's error.
    private mutating func nextBatch() throws -> Bar? {
        while true {
            if let ending {
                guard case .failure(let error) = ending else { return nil }
                self.ending = .endOfFile
                throw error
            }
            batch.removeAll(keepingCapacity: true)
            let delivery = handle.channel.take(recycling: &batch)
            skipped = delivery.skipped
            timeFormat = delivery.timeFormat
            ending = delivery.ending
            position = 0
            if !batch.isEmpty {
                position = 1
                return batch[0]
            }
        }
    }

    /// Stops the thread when the consumer's last copy goes.
    private final class Handle {
        let channel: Channel
        init(_ channel: Channel) { self.channel = channel }
        deinit { channel.cancel() }
    }

    /// The hand-off between the reading thread and the consumer, behind one lock taken once per batch.
    private final class Channel: @unchecked Sendable {
        struct Delivery {
            var bars: [Bar]
            var skipped: SkippedRows
            var timeFormat: TimeFormat?
            var ending: Ending?
        }

        private let lock = ConditionLock()
        private let batchSize: Int
        /// Full batches not yet taken, oldest first; at most two.
        private var ready: [Delivery] = []
        /// Emptied batches handed back, for reuse.
        private var spares: [[Bar]] = []
        private var cancelled = false

        init(batchSize: Int) { self.batchSize = batchSize }

        /// The reading thread: fills batches until the file ends, fails, or the consumer goes away.
        func produce(from reader: inout CSVBarReader) {
            while true {
                lock.lock()
                var bars = spares.popLast() ?? []
                lock.unlock()
                bars.reserveCapacity(batchSize)
                var ending: Ending?
                do {
                    while bars.count < batchSize {
                        guard let bar = try reader.next() else { ending = .endOfFile; break }
                        bars.append(bar)
                    }
                } catch {
                    ending = .failure(error)
                }
                let delivery = Delivery(bars: bars, skipped: reader.skipped, timeFormat: reader.timeFormat,
                                        ending: ending)
                lock.lock()
                while ready.count >= 2 && !cancelled { lock.wait() }
                guard !cancelled else { lock.unlock(); return }
                ready.append(delivery)
                lock.broadcast()
                lock.unlock()
                if ending != nil { return }
            }
        }

        /// The consumer: waits for the next batch, swaps it into `bars` and keeps the emptied one for reuse.
        func take(recycling bars: inout [Bar]) -> Delivery {
            lock.lock()
            if bars.capacity > 0 { spares.append(bars) }
            while ready.isEmpty { lock.wait() }
            var delivery = ready.removeFirst()
            lock.broadcast()
            lock.unlock()
            swap(&bars, &delivery.bars)
            return delivery
        }

        func cancel() {
            lock.lock()
            cancelled = true
            lock.broadcast()
            lock.unlock()
        }
    }
}
