#if canImport(Glibc)
import Glibc
#endif
import QuorumConfig
import QuorumJournal

/// Why a command could not run. `exitCode` follows SPEC §13: 2 for invalid input, 1 for other failures.
public enum RuntimeError: Error, CustomStringConvertible {
    /// The configuration has errors (every one of them, one per line).
    case configuration(ConfigErrors)
    /// Input other than the configuration is invalid (data file, command-line value).
    case invalidInput(String)
    /// Something failed while running.
    case failure(String)
    /// A signal (SIGINT, SIGTERM) asked the work to stop, and it stopped; `message` says where.
    case interrupted(signal: Int32, message: String)

    public var description: String {
        switch self {
        case .configuration(let errors): return errors.description
        case .invalidInput(let text), .failure(let text), .interrupted(_, let text): return text
        }
    }

    /// A journal's error: invalid input when the caller is to give another path or run id, else a failure
    /// (``JournalError/isInvalidInput``).
    public init(_ error: JournalError) {
        self = error.isInvalidInput ? .invalidInput("\(error)") : .failure("\(error)")
    }

    /// `SIGINT`, `SIGTERM` or `signal N`.
    public static func name(ofSignal signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .configuration, .invalidInput: return 2
        case .failure: return 1
        case .interrupted(let signal, _): return 128 + signal   // as a shell reports a process its signal ended
        }
    }
}
