import Dispatch
import QuorumData

/// Reads a run's events from its source into chunks, one chunk at a time, on a worker thread while the engine's
/// thread judges (see ``Engine/run(_:progress:)``).
///
/// Threads: ``read(into:)``, ``start(into:)`` and ``finish()`` are called on the engine's thread; between a
/// ``start(into:)`` and its ``finish()`` the worker alone uses the source, the chunk being filled and the
/// histories' unpublished bars, and the engine's thread touches none of them. ``finish()`` waits for the worker,
/// so what it wrote is visible afterwards.
final class ChunkReader<Source: BarSource>: @unchecked Sendable {
    /// The caller's source, valid for this reader's lifetime (the length of one `run`).
    private let source: UnsafeMutablePointer<Source>
    private let histories: [SymbolHistory]
    private let done = DispatchGroup()
    /// The global sequence number of the next event.
    private var sequence = 0
    /// What the last started read threw.
    private var failure: (any Error)?

    init(source: UnsafeMutablePointer<Source>, histories: [SymbolHistory]) {
        self.source = source
        self.histories = histories
    }

    /// Fills `chunk` with the next events (fewer at the end of the source), appending them to the histories, on
    /// the calling thread.
    func read(into chunk: Chunk) throws {
        chunk.reset(startSequence: sequence)
        while !chunk.isFull, let event = try source.pointee.next() {
            let symbol = event.symbolIndex
            chunk.append(symbol: symbol, bar: event.bar,
                         position: histories[symbol].append(event.bar, sequence: sequence))
            sequence += 1
        }
    }

    /// Starts ``read(into:)`` on a worker thread and returns at once. Call ``finish()`` before the next start.
    func start(into chunk: Chunk) {
        DispatchQueue.global().async(group: done) { [self] in
            do { try read(into: chunk) } catch { failure = error }
        }
    }

    /// Waits for the read begun by ``start(into:)``; returns what it threw, if anything (the events read before
    /// the error stay in the chunk and the histories, as ``read(into:)`` leaves them).
    func finish() -> (any Error)? {
        done.wait()
        defer { failure = nil }
        return failure
    }
}
