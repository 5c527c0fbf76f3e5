#if canImport(Glibc)
import Glibc
#endif
import Logging
import QuorumPluginAPI
import Synchronization

/// Gives an instance's `get_bars` the history of its symbols as of the event being processed. The engine
/// implements it over its columnar history.
public protocol SeriesProvider: AnyObject {
    /// The history of global symbol `symbol` up to and including event `cursor`, at most `limit` bars.
    func series(symbol: Int, asOf cursor: Int, limit: Int) -> quorum_series_t?
}

/// The host services of one instance: the `quorum_host_t` handed to the plugin, and what its functions read.
/// The engine sets `now` and `cursor` before each `on_bar`; calls on one instance never overlap, so these
/// plain fields need no lock.
final class InstanceHost {
    let table: UnsafeMutablePointer<quorum_host_t>
    let logger: Logger
    let parameters: [(id: UInt32, value: Double)]
    /// Time of the event being processed. (Exclusivity unchecked here and below: calls on one instance never
    /// overlap, and the dynamic check costs more than an `on_bar` call.)
    @exclusivity(unchecked) var now: Int64 = 0
    /// The event being processed (engine-defined cursor), or -1 outside on_bar.
    @exclusivity(unchecked) var cursor = -1
    /// Global symbol ids of the instance's symbols, in activation order. (This and the next two are set at
    /// activation, before any `on_bar`, and read by `get_bars` on the worker running the instance: unchecked,
    /// as a checked read cost ~25 instructions a call.)
    @exclusivity(unchecked) var symbols: [Int] = []
    @exclusivity(unchecked) var historyBars = 1
    /// The engine, which owns this instance and outlives its `on_bar` calls. Unowned, not weak: a weak
    /// reference would move the engine's reference count to a side table, so that every retain and release
    /// of the engine (several per bar) took the slow path.
    @exclusivity(unchecked) unowned var provider: SeriesProvider?

    /// True until the plugin's `create` has returned (``createdInstance(refused:)``): the last error it logs
    /// until then is held in ``creationError`` instead of being logged.
    @exclusivity(unchecked) private var isCreating = true
    /// The last error the plugin logged while creating the instance — its reason, when it refuses to — as one
    /// line; nil when it logged none.
    @exclusivity(unchecked) private(set) var creationError: String?

    private static let hostName = strdup("quorum")
    private static let hostVersion = strdup(quorumVersion)

    init(logger: Logger, parameters: [(id: UInt32, value: Double)]) {
        self.logger = logger
        self.parameters = parameters
        table = .allocate(capacity: 1)
        table.initialize(to: quorum_host_t())
        table.pointee.struct_size = UInt32(MemoryLayout<quorum_host_t>.size)
        table.pointee.abi_major = QUORUM_ABI_VERSION_MAJOR
        table.pointee.abi_minor = QUORUM_ABI_VERSION_MINOR
        table.pointee.name = UnsafePointer(InstanceHost.hostName)
        table.pointee.version = UnsafePointer(InstanceHost.hostVersion)
        table.pointee.host_data = Unmanaged.passUnretained(self).toOpaque()
        table.pointee.log = { host, level, message in
            guard let host, let message else { return }
            InstanceHost.of(host).log(level: level, message)
        }
        table.pointee.clock_now = { host in host.map { InstanceHost.of($0).now } ?? 0 }
        table.pointee.get_param = { host, id, out in
            guard let host, let out else { return QUORUM_ERR_INVALID_ARGUMENT }
            guard let p = InstanceHost.of(host).parameters.first(where: { $0.id == id }) else {
                return QUORUM_ERR_NOT_FOUND
            }
            out.pointee = p.value
            return QUORUM_OK
        }
        table.pointee.get_bars = { host, index, out in
            guard let host, let out else { return QUORUM_ERR_INVALID_ARGUMENT }
            return InstanceHost.of(host).bars(symbolIndex: Int(index), into: out)
        }
        table.pointee.get_extension = { _, _ in nil }
    }

    deinit {
        table.deinitialize(count: 1)
        table.deallocate()
    }

    static func of(_ host: UnsafePointer<quorum_host_t>) -> InstanceHost {
        Unmanaged<InstanceHost>.fromOpaque(host.pointee.host_data).takeUnretainedValue()
    }

    /// `get_bars`, with its checks in the header's order (after the NULL check of its caller): the struct's
    /// size, the call's stage, the index, then whether the symbol has a bar yet.
    private func bars(symbolIndex: Int, into out: UnsafeMutablePointer<quorum_series_t>) -> Int32 {
        guard out.pointee.struct_size >= UInt32(MemoryLayout<quorum_series_t>.size) else {
            return QUORUM_ERR_BUFFER_TOO_SMALL
        }
        guard cursor >= 0, let provider else { return QUORUM_ERR_STATE }
        guard symbolIndex >= 0, symbolIndex < symbols.count else { return QUORUM_ERR_INVALID_ARGUMENT }
        guard let series = provider.series(symbol: symbols[symbolIndex], asOf: cursor, limit: historyBars) else {
            return QUORUM_ERR_NOT_FOUND
        }
        out.pointee = series
        return QUORUM_OK
    }

    /// Messages an instance may write in a run: past it they are dropped, with one line saying so (a strategy
    /// logging on every bar wrote a line per bar).
    static let logBudget = 100
    /// Messages written so far (those the logger's level lets through); atomic: `log` may be called from any
    /// thread.
    private let logged = Atomic<Int>(0)

    /// The plugin's `create` returned: the error it logged last is logged now, unless it `refused` to create
    /// the instance (the error then says it, ``creationError``).
    func createdInstance(refused: Bool) {
        isCreating = false
        if !refused, let held = creationError { write(level: .error, held) }
    }

    private func log(level: Int32, _ message: UnsafePointer<CChar>) {
        let swiftLevel = Self.level(level)
        if isCreating && swiftLevel >= .error {
            if let previous = creationError { write(level: swiftLevel, previous) }
            creationError = Self.logLine(message)
            return
        }
        guard swiftLevel >= logger.logLevel else { return }
        write(level: swiftLevel, Self.logLine(message))
    }

    /// Logs `line` within the instance's budget of messages.
    private func write(level: Logger.Level, _ line: String) {
        guard level >= logger.logLevel else { return }
        let written = logged.add(1, ordering: .relaxed).oldValue
        guard written < Self.logBudget else {
            if written == Self.logBudget {   // at the level of the message that hit the cap, so that it is shown too
                logger.log(level: level,
                           "this strategy has written \(Self.logBudget) log messages: its further ones are dropped")
            }
            return
        }
        logger.log(level: level, "\(line)")
    }

    /// A plugin's message as one line: at most 1,024 characters, line breaks and control characters as spaces.
    private static func logLine(_ message: UnsafePointer<CChar>) -> String {
        var text = String(cString: message)
        if text.utf8.count > 1024 { text = String(text.prefix(1024)) + "…" }
        return String(text.map { $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) ? " " : $0 })
    }

    /// The logger's level of a `QUORUM_LOG_*` level (an unknown one is an error).
    private static func level(_ level: Int32) -> Logger.Level {
        switch level {
        case QUORUM_LOG_TRACE: return .trace
        case QUORUM_LOG_DEBUG: return .debug
        case QUORUM_LOG_INFO: return .info
        case QUORUM_LOG_WARNING: return .warning
        default: return .error
        }
    }
}

/// The host's version, reported to plugins and in `--version`.
public let quorumVersion = "0.1.0"
