#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts of a file path, as text (`/` separates folders).
public enum FilePath {
    /// The folder part of `path`: "/" for a file in the root, nil for a bare file name.
    public static func folder(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path` (the file name), or `path` itself when it has none.
    public static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Creates `folder` and every missing folder above it, from the top down, as `mkdir -p` does, each with
    /// `mode`; one that exists already (or appears meanwhile) is fine. nil when they all exist afterwards, else
    /// the folder that could not be created and the reason (`errno`).
    public static func createFolders(_ folder: String, mode: mode_t) -> (folder: String, errno: Int32)? {
        var prefix = folder.hasPrefix("/") ? "/" : ""
        for component in folder.split(separator: "/") {
            prefix += component
            if mkdir(prefix, mode) != 0 && errno != EEXIST { return (prefix, errno) }
            prefix += "/"
        }
        return nil
    }
}
