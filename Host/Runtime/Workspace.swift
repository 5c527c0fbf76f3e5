import FoundationEssentials
import Logging
import QuorumConfig
import QuorumPlugins

/// A configuration together with the plugins it names: what every command starts from.
///
/// Loading takes two passes: the file names its plugin folders, so it is read once to find them, the plugins
/// are loaded, and it is read again with their schemas so strategy ids and parameters are checked too.
public struct Workspace {
    public let configPath: String
    public let config: QuorumConfig
    public let catalog: PluginCatalog
    /// The SHA-256 of the configuration file's bytes that were loaded (hex), journaled with each run.
    public let configSHA256: String?

    /// Loads `configPath` and its plugins. Plugin refusals are logged as warnings (one line each) and the
    /// rest goes on; the configuration's warnings are left to the caller (``QuorumConfig/warnings``) to say
    /// once, in its own way; configuration errors are returned all at once: when the first pass fails but its
    /// `plugins:` section is sound, the plugins are loaded anyway (their `init` runs) and the second pass's
    /// errors (strategy ids and parameters too) are returned, with the refusals of the plugins asked to create
    /// the entries that are sound (``instanceErrors(logger:)``).
    public static func load(configPath: String, environment: [String: String], logger: Logger)
        -> Result<Workspace, RuntimeError> {
        let plugins: PluginsConfig
        var draftErrors: ConfigErrors?
        // Read once: both passes, and the hash journaled with each run, take the same bytes.
        let contents = FileManager.default.contents(atPath: configPath)
        switch ConfigLoader.load(contents: contents, path: configPath, environment: environment, catalog: nil) {
        case .failure(let errors):
            guard let sound = errors.plugins else { return .failure(.configuration(errors)) }
            plugins = sound
            draftErrors = errors
        case .success(let config):
            plugins = config.plugins
        }
        let catalog = loadPlugins(plugins, environment: environment, logger: logger)
        switch ConfigLoader.load(contents: contents, path: configPath, environment: environment, catalog: catalog) {
        case .failure(let errors):
            // The plugins' refusals of the entries that are sound themselves come with the rest.
            let refusals = instanceErrors(of: errors.strategies, catalog: catalog, configPath: configPath,
                                          logger: logger).flatMap { error -> [ConfigDiagnostic] in
                if case .configuration(let refusal) = error { refusal.diagnostics } else { [] }
            }
            return .failure(.configuration(ConfigErrors(diagnostics: errors.diagnostics + refusals)))
        case .success(let config):
            if let draftErrors { return .failure(.configuration(draftErrors)) }
            return .success(Workspace(configPath: configPath, config: config, catalog: catalog,
                                      configSHA256: contents.map { SHA256.hex(of: [UInt8]($0)) }))
        }
    }

    /// Loads the plugins of `plugins` (folders from the file and QUORUM_PLUGIN_PATH, trust rule, pins).
    public static func loadPlugins(_ plugins: PluginsConfig, environment: [String: String], logger: Logger)
        -> PluginCatalog {
        let options = PluginLoaderOptions(folders: plugins.dirs, trust: plugins.trust == .strict ? .strict : .any,
                                          pins: plugins.pins, environment: environment)
        let catalog = PluginLoader(options: options).loadAll()
        for folder in plugins.listedDirs {
            var isFolder = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder {
                logger.warning("plugin folder \(folder) does not exist (plugins.dirs): no plugin is loaded from it")
            }
        }
        for refusal in catalog.refusals { logger.warning("\(refusal)") }
        return catalog
    }
}
