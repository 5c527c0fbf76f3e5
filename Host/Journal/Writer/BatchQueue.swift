import QuorumModel

/// The hand-off between the producer (the engine's control thread) and the journal's writer thread: a bounded
/// FIFO of full batches, plus emptied batches handed back for reuse, behind one lock taken once per batch.
///
/// When `capacity` batches wait, the producer blocks until the writer takes one (back-pressure), so memory
/// stays bounded at about `2 × capacity + 2` batches however far the writer falls behind.
final class BatchQueue: @unchecked Sendable {
    private let condition = ConditionLock()
    private let capacity: Int
    private let batchSize: Int
    private var pending: [PendingBatch] = []
    private var spares: [PendingBatch] = []
    private var submitted = 0
    private var completed = 0
    private var closing = false
    private var exited = false
    private var firstFailure: JournalError?

    init(capacity: Int, batchSize: Int) {
        precondition(capacity > 0 && batchSize > 0)
        self.capacity = capacity
        self.batchSize = batchSize
    }

    /// An empty batch with room for a full one.
    func emptyBatch() -> PendingBatch { PendingBatch(capacity: batchSize) }

    // MARK: Producer side

    /// Queues `batch` for writing and replaces it with an empty one. Blocks while the queue is full. After the
    /// writer thread has ended (the journal is closed), the records are dropped.
    func submit(_ batch: inout PendingBatch) {
        condition.lock()
        while pending.count >= capacity && !exited { condition.wait() }
        guard !exited else {
            condition.unlock()
            batch.removeAll()
            return
        }
        pending.append(batch)
        let spare = spares.popLast()
        submitted += 1
        condition.broadcast()
        condition.unlock()
        batch = spare ?? emptyBatch()
    }

    /// Waits until every batch submitted so far has been written (or dropped after a failure).
    func waitUntilWritten() {
        condition.lock()
        let target = submitted
        while completed < target && !exited { condition.wait() }
        condition.unlock()
    }

    /// Tells the writer thread to finish what is queued and end, and waits until it has.
    func closeAndWait() {
        condition.lock()
        closing = true
        condition.broadcast()
        while !exited { condition.wait() }
        condition.unlock()
    }

    /// The first error the writer thread met, if any.
    var failure: JournalError? {
        condition.lock()
        defer { condition.unlock() }
        return firstFailure
    }

    // MARK: Writer side

    /// The next batch to write, waiting for one; nil once the queue is closed and empty. `discard` is true
    /// after a failure: the journal then keeps the prefix it committed and writes nothing more.
    func next() -> (batch: PendingBatch, discard: Bool)? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !closing { condition.wait() }
        guard !pending.isEmpty else { return nil }
        let batch = pending.removeFirst()
        condition.broadcast()
        return (batch, firstFailure != nil)
    }

    /// The writer is done with `batch` (written, failed with `failure`, or discarded); it is emptied here, on
    /// the writer thread, and kept for reuse.
    func finished(_ batch: consuming PendingBatch, failure: JournalError?) {
        batch.removeAll()
        condition.lock()
        if firstFailure == nil { firstFailure = failure }
        completed += 1
        if spares.count < capacity { spares.append(batch) }
        condition.broadcast()
        condition.unlock()
    }

    /// The writer thread is about to end.
    func writerExited() {
        condition.lock()
        exited = true
        condition.broadcast()
        condition.unlock()
    }
}
