import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Why a file operation of Foundation failed, in the system's words ("Is a directory", "No such file or
/// directory"), for messages of the form `PATH: cannot write: REASON`.
public enum FileErrorReason {
    /// The system's reason for `error`, or the error's own description when it carries none.
    public static func of(_ error: any Error) -> String {
        let posix = error as? POSIXError ?? (error as? CocoaError)?.userInfo["NSUnderlyingError"] as? POSIXError
        guard let code = posix?.code.rawValue else { return "\(error)" }
        return String(cString: strerror(code))
    }
}
