import Logging
import QuorumModel
import QuorumPluginAPI

/// One line of `quorum plugins validate`.
public struct ConformanceCheck: Sendable, CustomStringConvertible {
    public var name: String
    public var passed: Bool
    public var detail: String

    public var description: String { "\(passed ? "PASS" : "FAIL")  \(name)\(detail.isEmpty ? "" : ": \(detail)")" }
}

/// A conformance checker in the spirit of clap-validator: loads one plugin file, checks every rule of the
/// ABI it can observe, and runs each strategy over sample data (SPEC §4, `quorum plugins validate`).
public struct PluginConformance {
    /// Bars per sample symbol; a strategy taking k symbols gets the first k.
    public var samples: [(symbol: String, bars: [Bar])]
    public var copyFolder: String
    public var logger: Logger
    /// Called with each check as it is made, before the next runs: a plugin that crashes the process in a
    /// later check leaves the checks before it said (``check(file:)`` returns them only at the end).
    public var onCheck: ((ConformanceCheck) -> Void)?

    public init(samples: [(symbol: String, bars: [Bar])], copyFolder: String, logger: Logger) {
        self.samples = samples
        self.copyFolder = copyFolder
        self.logger = logger
    }

    public func check(file: String) -> [ConformanceCheck] {
        var checks: [ConformanceCheck] = []
        func add(_ name: String, _ passed: Bool, _ detail: String = "") {
            checks.append(ConformanceCheck(name: name, passed: passed, detail: detail))
            onCheck?(checks[checks.count - 1])
        }
        let trust = TrustCheck.problem(with: file, mode: .strict)
        add("trusted file and folder (strict)", trust == nil, trust ?? "")
        if let (bytes, _) = try? PrivateCopyStore.readFile(file), let exported = ELFSymbols.exported(bytes) {
            add("exports exactly one symbol", exported == [pluginEntrySymbol],
                exported == [pluginEntrySymbol] ? pluginEntrySymbol : "exports \(exported.prefix(8).joined(separator: ", "))"
                    + (exported.count > 8 ? " and \(exported.count - 8) more" : ""))
        }
        let loader = PluginLoader(options: PluginLoaderOptions(folders: [], trust: .any, copyFolder: copyFolder))
        let plugin: LoadedPlugin
        switch loader.load(file: file) {
        case .failure(let refusal):
            add("loads: ELF, entry, ABI version, struct sizes, build tag, init, factory, descriptors", false,
                refusal.reasonText)
            return checks
        case .success(let loaded):
            plugin = loaded
            add("loads: ELF, entry, ABI version, struct sizes, build tag, init, factory, descriptors", true,
                "ABI \(loaded.entry.pointee.abi_major).\(loaded.entry.pointee.abi_minor), build tag \(loaded.buildTag), "
                    + "\(loaded.strategies.count) strateg\(loaded.strategies.count == 1 ? "y" : "ies")")
        }
        let again = file.withCString { plugin.entry.pointee.`init`!($0) }
        if again == QUORUM_OK { plugin.entry.pointee.deinit!() }
        add("init is ref-counted and idempotent", again == QUORUM_OK, again == QUORUM_OK ? "" : "second init returned \(again)")
        var created: UnsafePointer<quorum_strategy_t>?
        var quiet = logger
        quiet.logLevel = .critical   // the plugin is expected to log its refusal
        let host = InstanceHost(logger: quiet, parameters: [])
        let unknown = "org.quorum-validate.no-such-strategy".withCString {
            plugin.factory.pointee.create!(plugin.factory, host.table, $0, nil, 0, &created)
        }
        add("refuses an unknown strategy id", unknown != QUORUM_OK && created == nil,
            unknown != QUORUM_OK ? "status \(unknown)" : "create succeeded")
        if let created, StrategyInstance.unreadableTable(created) == nil { created.pointee.destroy?(created) }
        for descriptor in plugin.strategies { checks += check(descriptor, of: plugin) }   // each said as made
        return checks
    }

    private func check(_ d: StrategyDescriptor, of plugin: LoadedPlugin) -> [ConformanceCheck] {
        var checks: [ConformanceCheck] = []
        func add(_ name: String, _ passed: Bool, _ detail: String = "") {
            checks.append(ConformanceCheck(name: "\(d.id): \(name)", passed: passed, detail: detail))
            onCheck?(checks[checks.count - 1])
        }
        add("descriptor", true, "\(d.name) \(d.version) by \(d.vendor), \(d.parameters.count) parameter(s), "
            + "history \(d.historyBars), symbols \(d.minSymbols)...\(d.maxSymbols)")
        guard samples.count >= d.minSymbols else {
            add("sample data", false, "needs \(d.minSymbols) symbols, \(samples.count) available")
            return checks
        }
        let symbolCount = d.minSymbols
        let chosen = Array(samples.prefix(symbolCount))
        let driver = ReplayDriver(samples: chosen.map(\.bars))
        let defaults = d.parameters.map { (id: $0.id, value: $0.defaultValue) }
        func makeInstance() throws -> StrategyInstance {
            let instance = try StrategyInstance(plugin: plugin, strategyID: d.id, name: d.id, parameters: defaults,
                                                logger: logger)
            try instance.activate(symbols: chosen.map(\.symbol), symbolIDs: Array(0..<symbolCount),
                                  historyBars: d.historyBars, provider: driver)
            return instance
        }
        let first: StrategyInstance
        do {
            first = try makeInstance()
            add("create with default parameters and activate", true, chosen.map(\.symbol).joined(separator: ", "))
        } catch {
            add("create with default parameters and activate", false, "\(error)")
            return checks
        }
        let all = 0..<driver.events.count
        let reference = driver.run(first, events: all)
        let failures = reference.filter { $0.status != QUORUM_OK }.count
        let invalid = reference.flatMap(\.signals).filter { $0.hasPrefix("invalid") }
        let signals = reference.reduce(0) { $0 + $1.signals.count }
        add("well-formed output over \(driver.events.count) sample bars", failures == 0 && invalid.isEmpty,
            failures > 0 ? "\(failures) failed call(s)" : (invalid.first ?? "\(signals) signals"))
        do {
            let second = try makeInstance()
            let repeated = Self.firstDifference(driver.run(second, events: all), from: reference[...])
            add("identical inputs give identical outputs", repeated == nil, repeated ?? "")
            let middle = driver.events.count / 2
            let before = try makeInstance()
            _ = driver.run(before, events: 0..<middle)
            let state = try before.saveState()
            let after = try makeInstance()
            try after.loadState(state)
            let resumed = driver.run(after, events: middle..<driver.events.count)
            let difference = Self.firstDifference(resumed, from: reference[middle...])
            add("save_state / load_state continues identically", difference == nil,
                "\(state.count) bytes of state at bar \(middle)" + (difference.map { "; \($0)" } ?? ""))
        } catch {
            add("repeat and state round trip", false, "\(error)")
        }
        return checks
    }

    /// Where `records` first differ from `expected` (the same events' records of an instance run from the first
    /// bar without interruption), said for the plugin's author; nil when they do not.
    static func firstDifference(_ records: [ReplayDriver.Record], from expected: ArraySlice<ReplayDriver.Record>)
        -> String? {
        func said(_ r: ReplayDriver.Record) -> String {
            r.status != QUORUM_OK ? "status \(r.status)" : r.signals.isEmpty ? "no signal" : r.signals.joined(separator: "; ")
        }
        for (got, wanted) in zip(records, expected) where got != wanted {
            return "from sample bar \(got.event) on they differ: \(said(got)), where the uninterrupted run gave \(said(wanted))"
        }
        return records.count == expected.count ? nil : "\(records.count) records, the uninterrupted run \(expected.count)"
    }
}
