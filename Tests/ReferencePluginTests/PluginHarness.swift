import Foundation
import QuorumTestSupport
import QuorumPluginAPI
#if canImport(Glibc)
import Glibc
#endif

/// A minimal host for driving plugin libraries through the C ABI in tests: load a `.so`, create an instance
/// with parameters, activate it on some symbols, feed it bars, save and load its state. Not the product's
/// loader: no trust checks, no copies, no threads.
enum HarnessError: Error { case notFound(String), refused(String) }

/// One emitted signal, with the bar it was emitted on.
struct EmittedSignal: Equatable {
    let bar: Int            // index of the event's bar in its symbol's data
    let date: String        // that bar's timestamp text
    let symbolIndex: UInt32
    let direction: Int32
    let confidence: Double
    let reason: String?
}

/// A plugin library loaded with dlopen (never closed, like the host).
final class PluginLibrary {
    let entry: UnsafePointer<quorum_plugin_entry_t>
    let factory: UnsafePointer<quorum_strategy_factory_t>
    private static var loaded: [String: PluginLibrary] = [:]

    /// The folder holding the built plugin libraries.
    static let buildDirectory: URL? = BuildProducts.folder.map { URL(fileURLWithPath: $0) }

    /// Loads `lib<product>.so` from the build directory, checks its entry and calls init once.
    static func load(_ product: String) throws -> PluginLibrary {
        if let library = loaded[product] { return library }
        guard let dir = buildDirectory else { throw HarnessError.notFound("plugin build directory (run swift build)") }
        let path = dir.appendingPathComponent("lib\(product).so").path
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { throw HarnessError.notFound(path) }
        guard let symbol = dlsym(handle, QUORUM_PLUGIN_ENTRY_SYMBOL) else { throw HarnessError.refused("no entry") }
        let entryFn = unsafeBitCast(symbol, to: quorum_plugin_entry_fn.self)
        var version = quorum_version_t(major: QUORUM_ABI_VERSION_MAJOR, minor: QUORUM_ABI_VERSION_MINOR)
        guard let entry = entryFn(&version) else { throw HarnessError.refused("entry returned NULL") }
        guard entry.pointee.`init`(path) == QUORUM_OK,
              let raw = entry.pointee.get_factory(QUORUM_STRATEGY_FACTORY_ID) else {
            throw HarnessError.refused("init or get_factory failed")
        }
        let library = PluginLibrary(entry: entry, factory: raw.assumingMemoryBound(to: quorum_strategy_factory_t.self))
        loaded[product] = library
        return library
    }

    /// Calls the raw entry point with an arbitrary host version.
    static func rawEntry(_ product: String, major: UInt32) throws -> UnsafePointer<quorum_plugin_entry_t>? {
        _ = try load(product)
        let path = buildDirectory!.appendingPathComponent("lib\(product).so").path
        let symbol = dlsym(dlopen(path, RTLD_NOW | RTLD_LOCAL), QUORUM_PLUGIN_ENTRY_SYMBOL)!
        var version = quorum_version_t(major: major, minor: 0)
        return unsafeBitCast(symbol, to: quorum_plugin_entry_fn.self)(&version)
    }

    private init(entry: UnsafePointer<quorum_plugin_entry_t>, factory: UnsafePointer<quorum_strategy_factory_t>) {
        self.entry = entry
        self.factory = factory
    }

    var descriptor: quorum_strategy_descriptor_t { factory.pointee.descriptor(factory, 0)!.pointee }
    var strategyID: String { String(cString: descriptor.id) }
}

/// One strategy instance, the host table it was given, and the bars it has seen.
final class HarnessInstance {
    let library: PluginLibrary
    let data: [BarData]
    private(set) var logs: [String] = []
    private(set) var faults: [String] = []   // malformed output seen by the harness
    private(set) var strategy: UnsafePointer<quorum_strategy_t>?
    private(set) var createStatus: Int32 = QUORUM_ERR_GENERIC
    private var visible: [Int]               // bars of each symbol visible so far
    private var now: Int64 = 0
    private var inOnBar = false
    private let host = UnsafeMutablePointer<quorum_host_t>.allocate(capacity: 1)
    private let columns: [[UnsafeMutablePointer<Double>]]   // per symbol: open, high, low, close, volume
    private let times: [UnsafeMutablePointer<Int64>]
    private let names: UnsafeMutablePointer<UnsafePointer<CChar>?>
    private let activation = UnsafeMutablePointer<quorum_activation_t>.allocate(capacity: 1)
    private let signals: UnsafeMutablePointer<quorum_signal_t>
    private var paramValues: [quorum_param_value_t] = []
    private var active = false

    /// Creates an instance of the library's first strategy with `params` (schema defaults for the rest).
    init(_ library: PluginLibrary, data: [BarData], params: [String: Double] = [:]) {
        self.library = library
        self.data = data
        visible = data.map { _ in 0 }
        columns = data.map { d in [d.open, d.high, d.low, d.close, d.volume].map(Self.copy) }
        times = data.map { Self.copy($0.time) }
        names = .allocate(capacity: data.count)
        for (i, d) in data.enumerated() { names[i] = UnsafePointer(strdup(d.symbol)) }
        signals = .allocate(capacity: max(data.count, 1))
        let desc = library.descriptor
        for i in 0..<Int(desc.param_count) {
            let info = desc.params[i]
            let value = params[String(cString: info.key)] ?? info.default_value
            paramValues.append(quorum_param_value_t(id: info.id, reserved: 0, value: value))
        }
        host.initialize(to: quorum_host_t())
        host.pointee.struct_size = UInt32(MemoryLayout<quorum_host_t>.size)
        host.pointee.abi_major = QUORUM_ABI_VERSION_MAJOR
        host.pointee.abi_minor = QUORUM_ABI_VERSION_MINOR
        host.pointee.name = UnsafePointer(strdup("quorum-test-harness"))
        host.pointee.version = UnsafePointer(strdup("0.0.0"))
        host.pointee.log = { host, _, message in
            HarnessInstance.of(host).logs.append(message.map { String(cString: $0) } ?? "")
        }
        host.pointee.clock_now = { host in HarnessInstance.of(host).now }
        host.pointee.get_param = { host, id, out in
            guard let out else { return QUORUM_ERR_INVALID_ARGUMENT }
            guard let p = HarnessInstance.of(host).paramValues.first(where: { $0.id == id }) else { return QUORUM_ERR_NOT_FOUND }
            out.pointee = p.value
            return QUORUM_OK
        }
        host.pointee.get_bars = { host, index, out in
            let me = HarnessInstance.of(host)
            guard let out else { return QUORUM_ERR_INVALID_ARGUMENT }
            guard me.inOnBar else { return QUORUM_ERR_STATE }
            guard Int(index) < me.data.count else { return QUORUM_ERR_INVALID_ARGUMENT }
            guard me.visible[Int(index)] > 0 else { return QUORUM_ERR_NOT_FOUND }
            out.pointee = me.series(Int(index))
            return QUORUM_OK
        }
        host.pointee.get_extension = { _, _ in nil }
        host.pointee.host_data = Unmanaged.passUnretained(self).toOpaque()
        var created: UnsafePointer<quorum_strategy_t>?
        createStatus = library.factory.pointee.create(library.factory, host, library.descriptor.id, paramValues,
                                                      UInt32(paramValues.count), &created)
        strategy = created
    }

    deinit {
        if let strategy {
            if active { strategy.pointee.deactivate(strategy) }
            strategy.pointee.destroy(strategy)
        }
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        _ = UnsafeMutableBufferPointer(start: p, count: values.count).initialize(from: values)
        return p
    }

    private static func of(_ host: UnsafePointer<quorum_host_t>?) -> HarnessInstance {
        Unmanaged<HarnessInstance>.fromOpaque(host!.pointee.host_data!).takeUnretainedValue()
    }

    /// The visible history of symbol `s`, limited to what the descriptor asked for.
    private func series(_ s: Int) -> quorum_series_t {
        let end = visible[s], start = max(0, end - Int(max(library.descriptor.history_bars, 1)))
        let c = columns[s]
        return quorum_series_t(struct_size: UInt32(MemoryLayout<quorum_series_t>.size), count: UInt32(end - start),
                               time: times[s] + start, open: c[0] + start, high: c[1] + start, low: c[2] + start,
                               close: c[3] + start, volume: c[4] + start)
    }

    /// Activates the instance on all its symbols.
    @discardableResult
    func activate() -> Int32 {
        guard let strategy else { return QUORUM_ERR_STATE }
        activation.pointee = quorum_activation_t(struct_size: UInt32(MemoryLayout<quorum_activation_t>.size),
                                                 symbol_count: UInt32(data.count), symbols: UnsafePointer(names),
                                                 history_bars: max(library.descriptor.history_bars, 1), reserved: 0)
        let status = strategy.pointee.activate(strategy, activation)
        active = status == QUORUM_OK
        return status
    }

    /// Makes the next bar of symbol `s` visible and delivers it. Returns the signals emitted, after checking
    /// them the way the host does (malformed ones are recorded in `faults`).
    func step(_ s: Int) -> [EmittedSignal] {
        guard let strategy else { return [] }
        visible[s] += 1
        let bar = visible[s] - 1
        now = data[s].time[bar]
        var event = quorum_bar_event_t(struct_size: UInt32(MemoryLayout<quorum_bar_event_t>.size),
                                       symbol_index: UInt32(s), symbol: names[s], bars: series(s))
        var output = quorum_signal_output_t(struct_size: UInt32(MemoryLayout<quorum_signal_output_t>.size),
                                            capacity: UInt32(data.count), count: 0,
                                            signal_size: UInt32(MemoryLayout<quorum_signal_t>.size), signals: signals)
        inOnBar = true
        let status = strategy.pointee.on_bar(strategy, &event, &output)
        inOnBar = false
        let date = data[s].dates[bar]
        guard status == QUORUM_OK else { faults.append("\(date): on_bar returned \(status)"); return [] }
        guard output.count <= output.capacity else { faults.append("\(date): count > capacity"); return [] }
        var result: [EmittedSignal] = []
        for i in 0..<Int(output.count) {
            let sig = signals[i]
            let reason = sig.reason.map { String(cString: $0) }
            if Int(sig.symbol_index) >= data.count { faults.append("\(date): symbol index \(sig.symbol_index)") }
            if !(-1...1).contains(sig.direction) { faults.append("\(date): direction \(sig.direction)") }
            if !(sig.confidence >= 0 && sig.confidence <= 1) { faults.append("\(date): confidence \(sig.confidence)") }
            if sig.flags != 0 { faults.append("\(date): unexpected flags \(sig.flags)") }
            if (reason?.utf8.count ?? 0) > Int(QUORUM_REASON_MAX) { faults.append("\(date): reason too long") }
            if result.contains(where: { $0.symbolIndex == sig.symbol_index }) { faults.append("\(date): two signals for one symbol") }
            result.append(EmittedSignal(bar: bar, date: date, symbolIndex: sig.symbol_index, direction: sig.direction,
                                        confidence: sig.confidence, reason: reason))
        }
        return result
    }

    /// The order in which bars of all symbols are delivered: by time, ties in symbol order.
    static func schedule(_ data: [BarData]) -> [Int] {
        var next = data.map { _ in 0 }, order: [Int] = []
        while true {
            var best: Int?
            for s in data.indices where next[s] < data[s].count {
                if best == nil || data[s].time[next[s]] < data[best!].time[next[best!]] { best = s }
            }
            guard let s = best else { return order }
            order.append(s)
            next[s] += 1
        }
    }

    /// Makes the bars of `schedule[range]` visible without delivering them (history a restarted host still has).
    func advance(_ schedule: [Int], _ range: Range<Int>) {
        for i in range { visible[schedule[i]] += 1 }
    }

    /// Delivers the events `schedule[range]` and returns every signal emitted.
    func run(_ schedule: [Int], _ range: Range<Int>) -> [EmittedSignal] {
        range.flatMap { step(schedule[$0]) }
    }

    /// Saves the instance's state through an in-memory stream.
    func saveState() -> (status: Int32, bytes: [UInt8]) {
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        var stream = quorum_ostream_t(ctx: Unmanaged.passUnretained(sink).toOpaque(), write: { stream, data, size in
            let sink = Unmanaged<Sink>.fromOpaque(stream!.pointee.ctx).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: Int(size)))
            return QUORUM_OK
        })
        let status = strategy!.pointee.save_state(strategy!, &stream)
        return (status, sink.bytes)
    }

    /// Loads a state through an in-memory stream.
    func loadState(_ bytes: [UInt8]) -> Int32 {
        final class Source { var bytes: [UInt8] = []; var offset = 0 }
        let source = Source()
        source.bytes = bytes
        var stream = quorum_istream_t(ctx: Unmanaged.passUnretained(source).toOpaque(), read: { stream, buffer, size in
            let source = Unmanaged<Source>.fromOpaque(stream!.pointee.ctx).takeUnretainedValue()
            let n = min(Int(size), source.bytes.count - source.offset)
            if n > 0 {
                source.bytes.withUnsafeBytes { all in
                    buffer!.copyMemory(from: all.baseAddress! + source.offset, byteCount: n)
                }
            }
            source.offset += n
            return Int64(n)
        })
        return strategy!.pointee.load_state(strategy!, &stream)
    }
}
