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
}
