import QuorumCrashNote
#if canImport(Glibc)
import Glibc
#endif

/// A line naming a strategy, written to stderr when the process dies of a fatal signal (SIGSEGV, SIGBUS,
/// SIGILL, SIGFPE, SIGABRT) while a thread runs it (``during(_:)``). Plugins run inside the quorum process, so
/// a plugin that crashes ends the run; the backtrace that follows names only the private copy of its library (a
/// file named by its hash), this line the strategy and its file.
///
/// Cheap enough to wrap every stretch of plugin calls (a thread-local store before and after), not meant for
/// each call: the engine sets it once per instance and chunk.
public final class CrashNote: @unchecked Sendable {
    /// The line, NUL-terminated, owned here; immutable.
    private let text: UnsafeMutablePointer<CChar>

    /// A note for strategy `name` (`strategyID` in the plugin file `file`).
    public convenience init(strategy name: String, strategyID: String, file: String) {
        self.init("quorum: strategy '\(name)' (\(strategyID), in \(file)) was running on this thread when "
                  + "the signal below ended the process (plugins run inside quorum: one that crashes ends it)\n")
    }

    init(_ line: String) {
        let bytes = Array(line.utf8CString)
        text = .allocate(capacity: bytes.count)
        text.initialize(from: bytes, count: bytes.count)
    }

    deinit { text.deallocate() }

    /// Runs `body` with this note set on the calling thread, and the note before it set again after.
    @inline(__always)
    public func during<T>(_ body: () throws -> T) rethrows -> T {
        let before = quorum_crash_note_swap(text)
        defer { quorum_crash_note_swap(before) }
        return try withExtendedLifetime(self) { try body() }
    }

    /// Installs the signal handler that writes the notes. For the command-line tool (the process's owner), once
    /// at start; the handlers installed before it (the Swift runtime's backtracer) still act after it.
    public static func installHandler() { quorum_crash_note_install() }
}
