import QuorumModel

/// Writes one run to a journal file (SPEC §11).
///
/// The producer — the engine's control thread — calls ``append(_:)`` for every record. That call never
/// touches SQLite and takes no lock: records collect in a local batch, and a full batch is handed to a
/// background writer thread (one lock per batch), which inserts it with prepared statements in one
/// transaction. So a crash at any instant loses only the batches not yet committed; the file always opens and
/// holds a prefix of the run's records.
///
/// Use it from one thread. ``commit()`` hands off a partial batch without waiting (call it at natural
/// boundaries; a run journal has batches end only at time steps, ``handsOffAtBoundaries``); ``close(final:)``
/// writes everything, records how the run ended
/// and closes the file. An error on the writer thread stops the journal (what was committed stays); it is
/// visible in ``failure`` and thrown by ``close(final:)``.
///
/// One file may hold many runs: a writer on a file with earlier runs adds a new one (a daemon that restarts
/// starts a new run, naming the earlier one in ``RunInfo/resumedFrom``).
public final class JournalWriter {
    /// The database file.
    public let path: String
    /// The run being written.
    public let run: RunInfo
    /// What this run journals (``RunInfo/level``); records of other kinds are dropped by ``append(_:)``.
    public let level: JournalLevel

    private let queue: BatchQueue
    private let inserter: RecordInserter
    private let batchSize: Int
    /// The batch being filled; only the producer's thread touches it.
    @exclusivity(unchecked) private var batch: PendingBatch
    /// The equity points of ``batch`` (which holds them), unretained: appending a point, every book's every
    /// step, loads no reference (a load of `batch.points` retained and released it).
    @exclusivity(unchecked) private var points: Unmanaged<PointLane>
    private var closed = false
    /// Whether a batch is handed off only at a ``boundary()`` (``handsOffAtBoundaries``).
    @exclusivity(unchecked) private var alignsToBoundaries = false
    /// A boundary should hand the batch off even if it is not full (``commit(atMostEvery:)`` found it due).
    @exclusivity(unchecked) private var handOffDue = false
    /// When the last batch was handed to the writer thread (``monotonicNanoseconds()``).
    private var lastHandOff: Int64
    private var closeError: JournalError?

    /// Records per batch by default: a batch is one transaction.
    public static let defaultBatchSize = 4096
    /// Records per batch for a backtest, which appends millions of records as fast as it can: fewer, larger
    /// transactions (each rewrites the partly filled last pages of every table). With ``pendingBatches`` in the
    /// queue, about 10 batches, ~13 MB of equity points reserved, may be in memory at once.
    public static let backtestBatchSize = 32768
    /// How often a backtest commits what it has appended, at most (``commit(atMostEvery:)``, nanoseconds): a
    /// crash loses at most about this much of a run's journal, besides the batch being written.
    public static let backtestCommitInterval: Int64 = 100_000_000
    /// Full batches that may wait for the writer thread before ``append(_:)`` blocks.
    static let pendingBatches = 4

    /// Opens (creating it and its folder when missing) and migrates the journal at `path`, then adds `run` to
    /// it with status `running`, and its symbols.
    ///
    /// - Parameters:
    ///   - batchSize: records per transaction.
    ///   - busyTimeoutMilliseconds: how long a write waits for another connection that holds the write lock
    ///     before failing.
    public init(path: String, run: RunInfo, batchSize: Int = JournalWriter.defaultBatchSize,
                busyTimeoutMilliseconds: Int32 = 5_000) throws(JournalError) {
        precondition(batchSize > 0, "batchSize must be positive")
        self.path = path
        self.run = run
        level = run.level
        self.batchSize = batchSize
        lastHandOff = monotonicNanoseconds()
        let database = try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        let runID = try database.insertRun(run)
        inserter = try RecordInserter(database: database, runID: runID, run: run)
        queue = BatchQueue(capacity: Self.pendingBatches, batchSize: batchSize)
        batch = queue.emptyBatch()
        points = Unmanaged.passUnretained(batch.points)
        startDetachedThread(purpose: "journal writer") { [queue, inserter] in
            Self.writeBatches(from: queue, with: inserter)
        }
    }

    deinit {
        // Not closed: write what was appended and stop the thread; the run stays `running`, like a crash.
        if !closed {
            hand()
            queue.closeAndWait()
        }
    }

    /// Records the plugin files the run loaded. Waits until the records appended so far are written.
    public func plugins(_ rows: [PluginRow]) throws(JournalError) {
        try idle()
        try inserter.database.insertPlugins(rows, run: inserter.runID)
    }

    /// Records strategy instances (at the start, or when a daemon adds one). Waits until the records appended
    /// so far are written.
    public func strategies(_ rows: [StrategyRow]) throws(JournalError) {
        try idle()
        try inserter.database.insertStrategies(rows, run: inserter.runID, symbols: run.symbols)
    }

    /// Records the per-book figures known at the end of the run (agreement, attribution). Waits until the
    /// records appended so far are written.
    public func bookStats(_ rows: [BookStatsRow]) throws(JournalError) {
        try idle()
        try inserter.database.insertBookStats(rows, run: inserter.runID)
    }

    /// Adds a record, unless this run's level leaves its kind out. O(1) amortized: no lock, no SQLite, no
    /// formatting, except once per full batch, when the batch is handed to the writer thread (which may block
    /// briefly if the writer is several batches behind). Records appended after ``close(final:)`` are dropped.
    public func append(_ record: JournalRecord) {
        guard level.includes(record.kind) else { return }
        switch record {
        case .equity(let point): points._withUnsafeGuaranteedRef { $0.append(point) }
        case .signal(let signal): batch.append(signal)
        case .verdict(let verdict): batch.append(verdict)
        case .order(let order): batch.append(order)
        case .orderEvent(let event): batch.append(event)
        case .fill(let fill): batch.append(fill)
        default: batch.append(.ready(record))
        }
        handIfFull()
    }

    /// Adds a strategy's signal, unless this run's level leaves signals out: the path of an engine's signals,
    /// which copies only the record.
    public func append(_ signal: consuming SignalRecord) {
        guard level.includes(.signal) else { return }
        batch.append(signal)
        handIfFull()
    }

    /// Adds a verdict, unless this run's level leaves verdicts out (as ``append(_:)-signal``).
    public func append(_ verdict: consuming VerdictRecord) {
        guard level.includes(.verdict) else { return }
        batch.append(verdict)
        handIfFull()
    }

    /// Adds an order as submitted, unless this run's level leaves orders out: the path of an engine's orders,
    /// which copies only the record (its id's text is written on the writer thread, ``OrderName/id(_:)``).
    public func append(_ order: consuming OrderRecord) {
        guard level.includes(.order) else { return }
        batch.append(order)
        handIfFull()
    }

    /// Adds an order's change of state, unless this run's level leaves order events out (as ``append(_:)-order``).
    public func append(_ event: consuming OrderEventRecord) {
        guard level.includes(.orderEvent) else { return }
        batch.append(event)
        handIfFull()
    }

    /// Adds a fill, unless this run's level leaves fills out (as ``append(_:)-order``).
    public func append(_ fill: consuming FillRecord) {
        guard level.includes(.fill) else { return }
        batch.append(fill)
        handIfFull()
    }

    /// Adds an equity point (every level writes them): the path taken once per book per time step, which
    /// copies only the point.
    public func append(_ point: EquityRecord) {
        points._withUnsafeGuaranteedRef { $0.append(point) }
        handIfFull()
    }

    /// Adds one equity point at `time` for each of the books `0..<values.count` (`values[book]`): the points of
    /// every strategy book of a time step in one call.
    public func appendEquity(_ values: UnsafeBufferPointer<BookValue>, time: Timestamp) {
        points._withUnsafeGuaranteedRef { $0.append(values, time: time) }
        handIfFull()
    }

    /// Adds a record of `kind` that `build` makes later, on the writer thread, unless this run's level leaves
    /// `kind` out: for records whose text is costly to format, so the caller's thread only captures values.
    /// `build` must capture values (not objects the caller goes on changing) and return a record of `kind`.
    public func append(_ kind: JournalRecord.Kind, build: @escaping @Sendable () -> JournalRecord) {
        guard level.includes(kind) else { return }
        batch.append(.deferred(build))
        handIfFull()
    }

    /// Whether batches end only at a ``boundary()``: a full batch waits for the next one, and
    /// ``commit(atMostEvery:)`` leaves the hand-off to it. A run journal sets it and marks the end of every
    /// time step, so that no transaction — and no crash between two — splits a step: a fill never comes
    /// without its order's event and position, nor one book's equity point without the others'. Set it before
    /// the first record.
    public var handsOffAtBoundaries: Bool {
        get { alignsToBoundaries }
        set { alignsToBoundaries = newValue }
    }

    /// Marks a boundary (with ``handsOffAtBoundaries``): every record appended so far belongs to a completed
    /// step. Hands the batch off when it is full or a commit is due.
    public func boundary() {
        if handOffDue || count >= batchSize {
            handOffDue = false
            hand()
        }
    }

    /// Whether this run's level writes records of `kind` (to skip building a record that would be dropped).
    public func wants(_ kind: JournalRecord.Kind) -> Bool { level.includes(kind) }

    /// Hands the records appended so far to the writer thread, without waiting for them to be written.
    public func commit() {
        if count > 0 { hand() }
    }

    /// Hands the records appended so far to the writer thread, as ``commit()`` does, unless the last batch was
    /// handed off less than `interval` nanoseconds ago. A backtest calls it after every chunk of bars: a
    /// transaction per chunk (one every few milliseconds at millions of bars a second) wrote the partly filled
    /// pages of every table again each time, most of the journal's disk writes.
    public func commit(atMostEvery interval: Int64) {
        guard count > 0 && monotonicNanoseconds() - lastHandOff >= interval else { return }
        if alignsToBoundaries { handOffDue = true } else { hand() }
    }

    /// Hands off the records appended so far and waits until they are committed; throws the writer's failure.
    public func flush() throws(JournalError) {
        commit()
        queue.waitUntilWritten()
        if let failure = queue.failure { throw failure }
    }

    /// The first error the writer thread met, if any. The journal then holds the records committed before it
    /// and writes no more.
    public var failure: JournalError? { queue.failure }

    /// Writes every record appended, records how the run ended (`ended_at`, status, final equity and cash)
    /// and closes the file. Throws the writer thread's failure, if there was one — the run is then marked
    /// `failed` with the failure as its message. Calling it again returns the first call's result.
    public func close(final outcome: RunOutcome) throws(JournalError) {
        if closed {
            if let closeError { throw closeError }
            return
        }
        closed = true
        hand()
        queue.closeAndWait()
        var outcome = outcome
        let failure = queue.failure
        if let failure {
            outcome.status = .failed
            outcome.message = ["journal incomplete: \(failure)", outcome.message].compactMap { $0 }
                .joined(separator: "; ")
        }
        do throws(JournalError) {
            try inserter.database.finishRun(inserter.runID, outcome: outcome)
        } catch {
            closeError = failure.map { .runLeftRunning(path: path, failure: "\($0)", marking: "\(error)") }
                ?? .endNotRecorded(path: path, message: "\(error)")
        }
        if closeError == nil { closeError = failure }
        inserter.close()
        if let closeError { throw closeError }
    }

    // MARK: Private

    /// Records in the current batch.
    private var count: Int { points._withUnsafeGuaranteedRef { $0.count } &+ batch.places.count }

    /// Hands a full batch off, unless batches wait for a ``boundary()``.
    @inline(__always) private func handIfFull() {
        if count >= batchSize && !alignsToBoundaries { hand() }
    }

    /// Hands the current batch (possibly empty) to the writer thread.
    private func hand() {
        guard count > 0 else { return }
        queue.submit(&batch)
        points = Unmanaged.passUnretained(batch.points)
        lastHandOff = monotonicNanoseconds()
    }

    /// Waits until the writer thread has written everything appended, so the caller may use the database.
    private func idle() throws(JournalError) {
        precondition(!closed, "the journal is closed")
        try flush()
    }

    /// The writer thread: writes batches until the queue closes, then ends.
    private static func writeBatches(from queue: BatchQueue, with inserter: RecordInserter) {
        while let (batch, discard) = queue.next() {
            var failure: JournalError?
            if !discard {
                do throws(JournalError) { try inserter.write(batch) } catch { failure = error }
            }
            queue.finished(batch, failure: failure)
        }
        queue.writerExited()
    }
}
