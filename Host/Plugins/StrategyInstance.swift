#if canImport(Glibc)
import Glibc
#endif
import Logging
import QuorumModel
import QuorumPluginAPI

/// Why creating or activating an instance failed.
public struct InstanceError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// The status the plugin's `create` returned when it refused to create the instance; nil for other failures.
    public var creationStatus: Int32?

    public init(_ description: String, creationStatus: Int32? = nil) {
        self.description = description
        self.creationStatus = creationStatus
    }

    /// True when the plugin refused to create the instance for a reason of its request (its parameters, as a
    /// rule), not for lack of memory: the configuration is then invalid.
    public var isRefusedCreation: Bool {
        creationStatus.map { $0 != QUORUM_ERR_NO_MEMORY } ?? false
    }
}

/// One running instance of a plugin strategy, as the host sees it: created with validated parameters,
/// activated on its symbols, then called bar by bar. Owns the plugin's instance and destroys it on deinit.
///
/// Not thread-safe by design: the ABI promises the plugin that calls on one instance never overlap, and the
/// engine gives each instance to one worker at a time.
public final class StrategyInstance {
    /// The instance name from strategies.yaml.
    public let name: String
    public let descriptor: StrategyDescriptor
    public let plugin: LoadedPlugin
    /// Names this instance if a fatal signal ends the process while a thread runs it: set around every call
    /// here but `on_bar`, which the engine wraps a chunk of calls at a time.
    public let crashNote: CrashNote
    let strategy: UnsafePointer<quorum_strategy_t>
    let host: InstanceHost
    @exclusivity(unchecked) private var symbolNames: UnsafeMutablePointer<UnsafePointer<CChar>?>?
    private var symbolCount = 0
    private var activation = quorum_activation_t()
    public private(set) var isActive = false

    /// Output buffer reused by every `onBar` (one slot per symbol). Exclusivity unchecked: the instance is
    /// used by one thread at a time, and the dynamic check would dominate the cost of `onBar`.
    @exclusivity(unchecked) private(set) var output = quorum_signal_output_t()
    @exclusivity(unchecked) private var signalBuffer: UnsafeMutablePointer<quorum_signal_t>?
    /// Slots the previous call wrote; zeroed before the next call so a plugin never sees stale fields.
    @exclusivity(unchecked) private var dirtySlots = 0
    /// Numbers the `on_bar` calls (from 1), and per slot the number of the last call that had a valid signal for
    /// it: a second one in the same call is a duplicate, found without clearing anything between calls.
    @exclusivity(unchecked) private var callNumber: UInt64 = 0
    @exclusivity(unchecked) private var signalledInCall: UnsafeMutablePointer<UInt64>?

    /// Creates an instance. `parameters` must hold every schema parameter (id, value), already validated.
    public init(plugin: LoadedPlugin, strategyID: String, name: String, parameters: [(id: UInt32, value: Double)],
                logger: Logger) throws {
        guard let descriptor = plugin.strategies.first(where: { $0.id == strategyID }) else {
            throw InstanceError("\(plugin.file) does not provide \(strategyID)")
        }
        var instanceLogger = logger
        instanceLogger[metadataKey: "strategy"] = .string(name)
        let host = InstanceHost(logger: instanceLogger, parameters: parameters)
        var values = parameters.map { quorum_param_value_t(id: $0.id, reserved: 0, value: $0.value) }
        var created: UnsafePointer<quorum_strategy_t>?
        let crashNote = CrashNote(strategy: name, strategyID: strategyID, file: plugin.file)
        let status = crashNote.during {
            strategyID.withCString { id in
                plugin.factory.pointee.create!(plugin.factory, host.table, id, &values, UInt32(values.count), &created)
            }
        }
        host.createdInstance(refused: status != QUORUM_OK || created == nil)
        guard status == QUORUM_OK, let created else {
            throw InstanceError("\(name): \(strategyID) refused creation with these parameters (status \(status))"
                                + (host.creationError.map { ": \($0)" } ?? ""), creationStatus: status)
        }
        if let problem = StrategyInstance.unreadableTable(created) {
            throw InstanceError("\(name): \(strategyID) returned \(problem) (the instance is leaked: it cannot be "
                + "destroyed safely)")
        }
        guard created.pointee.activate != nil, created.pointee.on_bar != nil, created.pointee.deactivate != nil,
              created.pointee.destroy != nil, created.pointee.save_state != nil, created.pointee.load_state != nil
        else {
            crashNote.during { created.pointee.destroy?(created) }
            throw InstanceError("\(name): \(strategyID) returned an instance table with a null function")
        }
        self.name = name
        self.descriptor = descriptor
        self.plugin = plugin
        self.crashNote = crashNote
        self.strategy = created
        self.host = host
    }

    /// Why the host cannot read the instance table `created` at all, or nil: nothing past the declared
    /// struct_size is read (the header's rule), so a table too small, or of another ABI major (another layout),
    /// cannot even be destroyed; it is leaked.
    static func unreadableTable(_ created: UnsafePointer<quorum_strategy_t>) -> String? {
        let required = MemoryLayout<quorum_strategy_t>.size
        let size = created.pointee.struct_size
        if Int(size) < required { return "an instance table of \(size) bytes, ABI 1.0 needs \(required)" }
        let major = created.pointee.abi_major
        if major != QUORUM_ABI_VERSION_MAJOR { return "an instance table of ABI major \(major), host \(QUORUM_ABI_VERSION_MAJOR)" }
        return nil
    }

    deinit {
        crashNote.during {
            if isActive { strategy.pointee.deactivate!(strategy) }
            strategy.pointee.destroy!(strategy)
        }
        freeSymbols()
        signalBuffer?.deallocate()
        signalledInCall?.deallocate()
    }

    /// Activates the instance on `symbols` (names, and their global ids for `get_bars`).
    public func activate(symbols: [String], symbolIDs: [Int], historyBars: Int, provider: SeriesProvider?) throws {
        guard !isActive else { throw InstanceError("\(name): already active") }
        guard symbols.count >= descriptor.minSymbols, symbols.count <= descriptor.maxSymbols else {
            throw InstanceError("\(name): \(descriptor.id) takes \(descriptor.minSymbols)...\(descriptor.maxSymbols) "
                + "symbols, got \(symbols.count)")
        }
        freeSymbols()
        symbolCount = symbols.count
        symbolNames = .allocate(capacity: symbols.count)
        for (k, s) in symbols.enumerated() { symbolNames![k] = UnsafePointer(strdup(s)) }
        host.symbols = symbolIDs
        host.historyBars = max(historyBars, descriptor.historyBars)
        host.provider = provider
        activation = quorum_activation_t(
            struct_size: UInt32(MemoryLayout<quorum_activation_t>.size), symbol_count: UInt32(symbols.count),
            symbols: UnsafePointer(symbolNames), history_bars: UInt32(host.historyBars), reserved: 0)
        signalBuffer?.deallocate()
        signalBuffer = .allocate(capacity: symbols.count)
        signalBuffer!.initialize(repeating: quorum_signal_t(), count: symbols.count)
        dirtySlots = 0
        signalledInCall?.deallocate()
        signalledInCall = .allocate(capacity: symbols.count)
        signalledInCall!.initialize(repeating: 0, count: symbols.count)
        callNumber = 0
        output = freshOutput()
        let status = crashNote.during { withUnsafePointer(to: &activation) { strategy.pointee.activate!(strategy, $0) } }
        guard status == QUORUM_OK else { throw InstanceError("\(name): activate failed (status \(status))") }
        isActive = true
    }

    /// Deactivates (idempotent).
    public func deactivate() {
        guard isActive else { return }
        crashNote.during { strategy.pointee.deactivate!(strategy) }
        isActive = false
    }

    /// The symbol name of activation index `index` (C string, valid while active).
    func symbolName(_ index: Int) -> UnsafePointer<CChar>? { symbolNames?[index] }

    /// Calls `on_bar`. Returns the plugin's status and what it wrote (see ``BarOutput``), valid until the next
    /// call. The caller sets ``crashNote`` around its calls.
    @inline(__always)
    public func onBar(symbolIndex: Int, series: quorum_series_t, time: Int64, cursor: Int) -> BarOutput {
        host.now = time
        host.cursor = cursor
        var event = quorum_bar_event_t(
            struct_size: UInt32(MemoryLayout<quorum_bar_event_t>.size), symbol_index: UInt32(symbolIndex),
            symbol: symbolNames![symbolIndex], bars: series)
        if dirtySlots > 0 { signalBuffer!.update(repeating: quorum_signal_t(), count: dirtySlots) }
        output = freshOutput()   // every field again (the plugin may have changed any): the same on every call
        callNumber &+= 1
        let status = strategy.pointee.on_bar!(strategy, &event, &output)
        host.cursor = -1
        dirtySlots = symbolCount   // the plugin may have written any slot, counted or not
        return BarOutput(status: status, count: output.count, capacity: UInt32(symbolCount), buffer: signalBuffer)
    }

    /// An empty output with room for a signal per symbol, in the instance's buffer.
    @inline(__always)
    private func freshOutput() -> quorum_signal_output_t {
        quorum_signal_output_t(
            struct_size: UInt32(MemoryLayout<quorum_signal_output_t>.size), capacity: UInt32(symbolCount),
            count: 0, signal_size: UInt32(MemoryLayout<quorum_signal_t>.size), signals: signalBuffer)
    }

    /// Checks one signal of the last ``onBar(symbolIndex:series:time:cursor:)`` output (see ``SignalValidation``)
    /// and that it is the call's first valid signal for its symbol; call it for each of the call's signals, in
    /// order, before the next call. The signal keeps its reason text only `keepingReason`.
    @inline(__always)
    public func validate(_ raw: quorum_signal_t, keepingReason: Bool = true) -> Result<(Int, Signal), SignalFault> {
        let result = SignalValidation.validate(raw, symbolCount: symbolCount, keepingReason: keepingReason)
        guard case .success(let (slot, _)) = result else { return result }
        guard signalledInCall![slot] != callNumber else { return .failure(.duplicateSymbol(UInt32(slot))) }
        signalledInCall![slot] = callNumber
        return result
    }

    /// The instance's saved state.
    public func saveState() throws -> [UInt8] {
        let sink = StateSink()
        let status = crashNote.during { sink.withStream { strategy.pointee.save_state!(strategy, $0) } }
        guard status == QUORUM_OK else { throw InstanceError("\(name): save_state failed (status \(status))") }
        return sink.bytes
    }

    /// Restores a state from `saveState`.
    public func loadState(_ bytes: [UInt8]) throws {
        let source = StateSource(bytes)
        let status = crashNote.during { source.withStream { strategy.pointee.load_state!(strategy, $0) } }
        guard status == QUORUM_OK else { throw InstanceError("\(name): load_state failed (status \(status))") }
    }

    private func freeSymbols() {
        guard let names = symbolNames else { return }
        for k in 0..<symbolCount { free(UnsafeMutablePointer(mutating: names[k])) }
        names.deallocate()
        symbolNames = nil
    }
}
