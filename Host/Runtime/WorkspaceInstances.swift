import Logging
import QuorumConfig
import QuorumPlugins

/// Creating the plugins' instances of a workspace's strategies.
extension Workspace {
    /// Creates an instance of `strategy` (an entry of ``config``) named `name`, with the entry's parameters.
    /// - Throws: ``RuntimeError/configuration(_:)`` at the entry's `FILE:LINE:COL` when no loaded plugin
    ///   provides the strategy, or when the plugin refuses the entry (the host checked each parameter, the plugin
    ///   may still refuse their combination; the error it logged is the message's end);
    ///   ``RuntimeError/failure(_:)`` otherwise.
    public func makeInstance(of strategy: StrategyConfig, name: String, logger: Logger) throws(RuntimeError)
        -> StrategyInstance {
        try Self.makeInstance(of: strategy, name: name, catalog: catalog, configPath: configPath, logger: logger)
    }

    static func makeInstance(of strategy: StrategyConfig, name: String, catalog: PluginCatalog, configPath: String,
                             logger: Logger) throws(RuntimeError) -> StrategyInstance {
        func invalid(_ message: String) -> RuntimeError {
            .configuration(ConfigErrors(diagnostics: [
                ConfigDiagnostic(file: configPath, location: strategy.location, message: message)]))
        }
        guard let (plugin, _) = catalog.strategy(strategy.plugin) else {
            throw invalid("\(strategy.name): no loaded plugin provides \(strategy.plugin)")
        }
        do {
            return try StrategyInstance(plugin: plugin, strategyID: strategy.plugin, name: name,
                                        parameters: (strategy.resolvedParams ?? []).map { (id: $0.id, value: $0.value) },
                                        logger: logger)
        } catch let error as InstanceError where error.isRefusedCreation {
            throw invalid("\(error)")
        } catch {
            throw .failure("\(error)")
        }
    }

    /// Creates, and destroys at once, one instance of each enabled strategy, as a run would: every error that
    /// would stop a run there, in file order (what `quorum validate` checks beyond the file).
    public func instanceErrors(logger: Logger) -> [RuntimeError] {
        Self.instanceErrors(of: config.strategies, catalog: catalog, configPath: configPath, logger: logger)
    }

    /// ``instanceErrors(logger:)`` for the enabled entries of `strategies`.
    static func instanceErrors(of strategies: [StrategyConfig], catalog: PluginCatalog, configPath: String,
                               logger: Logger) -> [RuntimeError] {
        strategies.filter(\.enabled).compactMap { strategy in
            do throws(RuntimeError) {
                _ = try makeInstance(of: strategy, name: strategy.name, catalog: catalog, configPath: configPath,
                                     logger: logger)
                return nil
            } catch {
                return error
            }
        }
    }
}
