import QuorumConfig

/// Why a command could not run. `exitCode` follows SPEC §13: 2 for invalid input, 1 for other failures.
public enum RuntimeError: Error, CustomStringConvertible {
    /// The configuration has errors (every one of them, one per line).
    case configuration(ConfigErrors)
    /// Input other than the configuration is invalid (data file, command-line value).
    case invalidInput(String)
    /// Something failed while running.
    case failure(String)

    public var description: String {
        switch self {
        case .configuration(let errors): return errors.description
        case .invalidInput(let text), .failure(let text): return text
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .configuration, .invalidInput: return 2
        case .failure: return 1
        }
    }
}
