import Foundation
import QuorumPluginAPI

/// A strategy instance driven through the bare C ABI (dlopen, entry, factory, create, activate), with none of
/// the host's bookkeeping: isolates the cost of the call across the boundary.
final class RawInstance {
    let strategy: UnsafePointer<quorum_strategy_t>
    let host = UnsafeMutablePointer<quorum_host_t>.allocate(capacity: 1)
    let symbol = strdup("X")
    var symbols: [UnsafePointer<CChar>?]
    var activation = quorum_activation_t()
    let event = UnsafeMutablePointer<quorum_bar_event_t>.allocate(capacity: 1)
    let output = UnsafeMutablePointer<quorum_signal_output_t>.allocate(capacity: 1)
    let signals = UnsafeMutablePointer<quorum_signal_t>.allocate(capacity: 1)

    /// Opens `library` (already loaded and checked by PluginLoader, so dlopen returns the same handle) and
    /// creates its first strategy with the given parameters.
    init(library: String, strategyID: String, parameters: [quorum_param_value_t]) throws {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL), let symbol = dlsym(handle, "quorum_plugin_entry")
        else { throw BenchError("cannot open \(library)") }
        var version = quorum_version_t(major: QUORUM_ABI_VERSION_MAJOR, minor: QUORUM_ABI_VERSION_MINOR)
        let entry = unsafeBitCast(symbol, to: quorum_plugin_entry_fn.self)(&version)!
        _ = entry.pointee.`init`!(library)
        let factory = entry.pointee.get_factory!(QUORUM_STRATEGY_FACTORY_ID)!
            .assumingMemoryBound(to: quorum_strategy_factory_t.self)
        host.initialize(to: quorum_host_t())
        host.pointee.struct_size = UInt32(MemoryLayout<quorum_host_t>.size)
        host.pointee.abi_major = QUORUM_ABI_VERSION_MAJOR
        var made: UnsafePointer<quorum_strategy_t>?
        var values = parameters
        let status = factory.pointee.create!(factory, host, strategyID, &values, UInt32(values.count), &made)
        guard status == QUORUM_OK, let made else { throw BenchError("create failed: \(status)") }
        strategy = made
        symbols = [UnsafePointer(self.symbol)]
        activation = quorum_activation_t(struct_size: UInt32(MemoryLayout<quorum_activation_t>.size),
                                         symbol_count: 1, symbols: nil, history_bars: 1, reserved: 0)
        let status2 = symbols.withUnsafeBufferPointer { names in
            activation.symbols = names.baseAddress
            return strategy.pointee.activate!(strategy, &activation)
        }
        guard status2 == QUORUM_OK else { throw BenchError("activate failed: \(status2)") }
        event.initialize(to: quorum_bar_event_t(struct_size: UInt32(MemoryLayout<quorum_bar_event_t>.size),
                                                symbol_index: 0, symbol: UnsafePointer(self.symbol),
                                                bars: quorum_series_t()))
        output.initialize(to: quorum_signal_output_t(
            struct_size: UInt32(MemoryLayout<quorum_signal_output_t>.size), capacity: 1, count: 0,
            signal_size: UInt32(MemoryLayout<quorum_signal_t>.size), signals: signals))
    }

    /// One on_bar call; returns the number of signals written.
    @inline(__always)
    func onBar(_ series: quorum_series_t) -> Int {
        event.pointee.bars = series
        output.pointee.count = 0
        _ = strategy.pointee.on_bar.unsafelyUnwrapped(strategy, event, output)
        return Int(output.pointee.count)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
