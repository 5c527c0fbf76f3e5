import QuorumConfig
import QuorumPlugins

/// The loaded plugins as the configuration validator sees them.
extension PluginCatalog: StrategyCatalog {
    public func schema(forStrategyID id: String) -> StrategySchema? {
        guard let (_, descriptor) = strategy(id) else { return nil }
        return StrategySchema(id: id, params: descriptor.parameters.map { p in
            let kind: ParamSpec.Kind
            switch p.kind {
            case .float: kind = .float
            case .int: kind = .int
            case .bool: kind = .bool
            }
            return ParamSpec(id: p.id, key: p.key, type: kind, defaultValue: p.defaultValue, min: p.min, max: p.max)
        }, symbols: descriptor.minSymbols...descriptor.maxSymbols)   // the loader checked min ≤ max
    }
}
