import Logging
import QuorumConfig
import QuorumPlugins

/// Creating the plugins' instances of a workspace's strategies.
extension Workspace {
    /// Creates an instance of `strategy` (an entry of ``config``) named `name`, with the entry's parameters.
    /// - Throws: ``RuntimeError/invalidInput(_:)`` at the entry's `FILE:LINE:COL` when no loaded plugin provides
    ///   the strategy, or when the plugin refuses the entry (the host checked each parameter, the plugin may
    ///   still refuse their combination; its reason is logged); ``RuntimeError/failure(_:)`` otherwise.
    public func makeInstance(of strategy: StrategyConfig, name: String, logger: Logger) throws(RuntimeError)
        -> StrategyInstance {
        let at = "\(configPath):\(strategy.location.line):\(strategy.location.column)"
        guard let (plugin, _) = catalog.strategy(strategy.plugin) else {
            throw .invalidInput("\(at): \(strategy.name): no loaded plugin provides \(strategy.plugin)")
        }
        do {
            return try StrategyInstance(plugin: plugin, strategyID: strategy.plugin, name: name,
                                        parameters: (strategy.resolvedParams ?? []).map { (id: $0.id, value: $0.value) },
                                        logger: logger)
        } catch let error as InstanceError where error.isRefusedCreation {
            throw .invalidInput("\(at): \(error)")
        } catch {
            throw .failure("\(error)")
        }
    }

    /// Creates, and destroys at once, one instance of each enabled strategy, as a run would: every error that
    /// would stop a run there, in file order (what `quorum validate` checks beyond the file).
    public func instanceErrors(logger: Logger) -> [RuntimeError] {
        config.strategies.filter(\.enabled).compactMap { strategy in
            do throws(RuntimeError) {
                _ = try makeInstance(of: strategy, name: strategy.name, logger: logger)
                return nil
            } catch {
                return error
            }
        }
    }
}
