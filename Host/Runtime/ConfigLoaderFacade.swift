import QuorumConfig

/// Reads only what a command needs from a configuration file, without loading its plugins.
public enum ConfigLoaderFacade {
    /// The configuration's `journal.path` (resolved against the file's folder).
    public static func journalPath(_ configPath: String, environment: [String: String] = [:])
        -> Result<String, RuntimeError> {
        switch ConfigLoader.load(path: configPath, environment: environment, catalog: nil) {
        case .failure(let errors): return .failure(.configuration(errors))
        case .success(let config): return .success(config.journal.path)
        }
    }
}
