#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a list of ``Strategy`` types into the plugin ABI. A Swift plugin library's one registration line:
///
/// ```swift
/// @_cdecl("quorum_plugin_entry")
/// public func quorumPluginEntry(_ host: UnsafePointer<quorum_version_t>?) -> UnsafeRawPointer? {
///     PluginExport.entry(host, [TrendRSI.self, Momentum.self])
/// }
/// ```
///
/// The tables are built on the first call and are then constant for the life of the process (the ABI wants
/// static tables, and the host never unloads a plugin).
public enum PluginExport {
    /// Returns the entry table for `strategies`, or nil when the host's major ABI version differs.
    public static func entry(_ hostVersion: UnsafePointer<quorum_version_t>?,
                             _ strategies: [any Strategy.Type]) -> UnsafeRawPointer? {
        guard let hostVersion, hostVersion.pointee.major == QUORUM_ABI_VERSION_MAJOR else { return nil }
        return UnsafeRawPointer(ExportedLibrary.shared(strategies).entry)
    }
}

/// The library's constant tables. One per plugin library (the kit is linked statically into each).
final class ExportedLibrary: @unchecked Sendable {
    let types: [any Strategy.Type]
    let descriptors: [UnsafeMutablePointer<quorum_strategy_descriptor_t>]
    let factory: UnsafeMutablePointer<quorum_strategy_factory_t>
    let entry: UnsafeMutablePointer<quorum_plugin_entry_t>
    private var initCount = 0
    private var mutex = pthread_mutex_t()

    private static var instance: ExportedLibrary?
    private static var instanceMutex: pthread_mutex_t = {
        var m = pthread_mutex_t(); pthread_mutex_init(&m, nil); return m
    }()

    /// The library's tables, built by the first caller. Write-once.
    static func shared(_ types: [any Strategy.Type]) -> ExportedLibrary {
        pthread_mutex_lock(&instanceMutex)
        defer { pthread_mutex_unlock(&instanceMutex) }
        if let instance { return instance }
        let made = ExportedLibrary(types)
        instance = made
        return made
    }

    static var current: ExportedLibrary? {
        pthread_mutex_lock(&instanceMutex)
        defer { pthread_mutex_unlock(&instanceMutex) }
        return instance
    }

    private init(_ types: [any Strategy.Type]) {
        pthread_mutex_init(&mutex, nil)
        self.types = types
        descriptors = types.map { makeDescriptor($0.info) }

        factory = .allocate(capacity: 1)
        factory.initialize(to: quorum_strategy_factory_t())
        factory.pointee.struct_size = UInt32(MemoryLayout<quorum_strategy_factory_t>.size)
        factory.pointee.abi_major = QUORUM_ABI_VERSION_MAJOR
        factory.pointee.abi_minor = QUORUM_ABI_VERSION_MINOR
        factory.pointee.count = { _ in UInt32(ExportedLibrary.current?.descriptors.count ?? 0) }
        factory.pointee.descriptor = { _, index in
            guard let lib = ExportedLibrary.current, Int(index) < lib.descriptors.count else { return nil }
            return UnsafePointer(lib.descriptors[Int(index)])
        }
        factory.pointee.create = { _, host, id, params, count, out in
            ExportedLibrary.current?.create(host: host, id: id, params: params, count: count, out: out)
                ?? QUORUM_ERR_STATE
        }

        entry = .allocate(capacity: 1)
        entry.initialize(to: quorum_plugin_entry_t())
        entry.pointee.struct_size = UInt32(MemoryLayout<quorum_plugin_entry_t>.size)
        entry.pointee.abi_major = QUORUM_ABI_VERSION_MAJOR
        entry.pointee.abi_minor = QUORUM_ABI_VERSION_MINOR
        entry.pointee.build_tag = UnsafePointer(strdup(swiftCompilerBuildTag))
        entry.pointee.`init` = { _ in ExportedLibrary.current?.retain() ?? QUORUM_ERR_STATE }
        entry.pointee.deinit = { ExportedLibrary.current?.release() }
        entry.pointee.get_factory = { id in
            guard let id, let lib = ExportedLibrary.current, strcmp(id, QUORUM_STRATEGY_FACTORY_ID) == 0 else {
                return nil
            }
            return UnsafeRawPointer(lib.factory)
        }
    }

    private func retain() -> Int32 {
        pthread_mutex_lock(&mutex); initCount += 1; pthread_mutex_unlock(&mutex)
        return QUORUM_OK
    }

    private func release() {
        pthread_mutex_lock(&mutex); if initCount > 0 { initCount -= 1 }; pthread_mutex_unlock(&mutex)
    }

    private func create(host: UnsafePointer<quorum_host_t>?, id: UnsafePointer<CChar>?,
                        params: UnsafePointer<quorum_param_value_t>?, count: UInt32,
                        out: UnsafeMutablePointer<UnsafePointer<quorum_strategy_t>?>?) -> Int32 {
        guard let host, let id, let out else { return QUORUM_ERR_INVALID_ARGUMENT }
        out.pointee = nil
        let services = HostServices(host)
        guard let index = descriptors.firstIndex(where: { strcmp($0.pointee.id, id) == 0 }) else {
            services.log(.error, "unknown strategy id '\(String(cString: id))'")
            return QUORUM_ERR_NOT_FOUND
        }
        let type = types[index]
        var values: [String: Double] = [:]
        for spec in type.info.parameters { values[spec.key] = spec.defaultValue }
        for k in 0..<Int(count) {
            guard let spec = type.info.parameters.first(where: { $0.id == params![k].id }) else {
                services.log(.error, "unknown parameter id \(params![k].id)")
                return QUORUM_ERR_INVALID_ARGUMENT
            }
            values[spec.key] = params![k].value
        }
        do {
            let strategy = try type.init(parameters: Parameters(values: values), host: services)
            out.pointee = UnsafePointer(InstanceBox.make(strategy, descriptor: descriptors[index], host: services))
            return QUORUM_OK
        } catch {
            services.log(.error, "cannot create \(type.info.id): \(error)")
            return QUORUM_ERR_GENERIC
        }
    }
}

/// Builds a static C descriptor from a ``StrategyInfo``. Never freed (descriptors live as long as the process).
private func makeDescriptor(_ info: StrategyInfo) -> UnsafeMutablePointer<quorum_strategy_descriptor_t> {
    let params = UnsafeMutablePointer<quorum_param_info_t>.allocate(capacity: max(info.parameters.count, 1))
    for (k, p) in info.parameters.enumerated() {
        params[k] = quorum_param_info_t(id: p.id, type: p.type.rawValue, key: strdup(p.key),
                                        description: strdup(p.description), default_value: p.defaultValue,
                                        min_value: p.min, max_value: p.max)
    }
    let d = UnsafeMutablePointer<quorum_strategy_descriptor_t>.allocate(capacity: 1)
    d.initialize(to: quorum_strategy_descriptor_t(
        struct_size: UInt32(MemoryLayout<quorum_strategy_descriptor_t>.size),
        abi_major: QUORUM_ABI_VERSION_MAJOR, abi_minor: QUORUM_ABI_VERSION_MINOR,
        history_bars: info.historyBars, id: strdup(info.id), name: strdup(info.name),
        vendor: strdup(info.vendor), version: strdup(info.version), description: strdup(info.description),
        features: info.features, min_symbols: info.minSymbols, max_symbols: info.maxSymbols,
        param_count: UInt32(info.parameters.count), reserved: 0, params: params))
    return d
}
