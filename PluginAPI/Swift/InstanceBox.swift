/// Owns one Swift strategy instance behind a C `quorum_strategy_t`. The C struct's `plugin_data` holds a
/// retained reference to the box; `destroy` releases it.
final class InstanceBox {
    let strategy: any Strategy
    let host: HostServices
    let table: UnsafeMutablePointer<quorum_strategy_t>

    private init(_ strategy: any Strategy, table: UnsafeMutablePointer<quorum_strategy_t>, host: HostServices) {
        self.strategy = strategy
        self.table = table
        self.host = host
    }

    static func make(_ strategy: any Strategy, descriptor: UnsafePointer<quorum_strategy_descriptor_t>,
                     host: HostServices) -> UnsafeMutablePointer<quorum_strategy_t> {
        let table = UnsafeMutablePointer<quorum_strategy_t>.allocate(capacity: 1)
        table.initialize(to: quorum_strategy_t())
        let box = InstanceBox(strategy, table: table, host: host)
        table.pointee.struct_size = UInt32(MemoryLayout<quorum_strategy_t>.size)
        table.pointee.abi_major = QUORUM_ABI_VERSION_MAJOR
        table.pointee.abi_minor = QUORUM_ABI_VERSION_MINOR
        table.pointee.desc = descriptor
        table.pointee.plugin_data = Unmanaged.passRetained(box).toOpaque()
        table.pointee.activate = { s, activation in
            guard let s, let activation else { return QUORUM_ERR_INVALID_ARGUMENT }
            let box = InstanceBox.of(s)
            var symbols: [String] = []
            for k in 0..<Int(activation.pointee.symbol_count) {
                guard let name = activation.pointee.symbols[k] else { return QUORUM_ERR_INVALID_ARGUMENT }
                symbols.append(String(cString: name))
            }
            do { try box.strategy.activate(symbols: symbols); return QUORUM_OK } catch {
                box.host.log(.error, "activate failed: \(error)")
                return QUORUM_ERR_GENERIC
            }
        }
        table.pointee.deactivate = { s in if let s { InstanceBox.of(s).strategy.deactivate() } }
        table.pointee.on_bar = { s, event, output in
            guard let s, let event, let output else { return QUORUM_ERR_INVALID_ARGUMENT }
            return Unmanaged<InstanceBox>.fromOpaque(s.pointee.plugin_data)._withUnsafeGuaranteedRef { box in
                var writer = SignalWriter(output)
                box.strategy.onBar(BarEvent(event), &writer)
                return QUORUM_OK
            }
        }
        table.pointee.save_state = { s, stream in
            guard let s, let stream else { return QUORUM_ERR_INVALID_ARGUMENT }
            var writer = StateWriter(stream)
            do { try InstanceBox.of(s).strategy.saveState(&writer); return QUORUM_OK } catch {
                return InstanceBox.status(of: error)
            }
        }
        table.pointee.load_state = { s, stream in
            guard let s, let stream else { return QUORUM_ERR_INVALID_ARGUMENT }
            var reader = StateReader(stream)
            do { try InstanceBox.of(s).strategy.loadState(&reader); return QUORUM_OK } catch {
                return InstanceBox.status(of: error)
            }
        }
        table.pointee.destroy = { s in
            guard let s else { return }
            let mutable = UnsafeMutablePointer(mutating: s)
            Unmanaged<InstanceBox>.fromOpaque(s.pointee.plugin_data).release()
            mutable.deinitialize(count: 1)
            mutable.deallocate()
        }
        table.pointee.get_extension = { _, _ in nil }
        return table
    }

    static func of(_ s: UnsafePointer<quorum_strategy_t>) -> InstanceBox {
        Unmanaged<InstanceBox>.fromOpaque(s.pointee.plugin_data).takeUnretainedValue()
    }

    static func status(of error: Error) -> Int32 {
        switch error {
        case StateError.corrupt: return QUORUM_ERR_CORRUPT_STATE
        case StateError.stream(let code): return code
        default: return QUORUM_ERR_GENERIC
        }
    }
}
