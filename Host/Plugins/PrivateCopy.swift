#if canImport(Glibc)
import Glibc
#endif

/// Plugin files are loaded from a private copy named by their content hash (SPEC §5), so replacing or
/// editing the file on disk never touches code that is running, and two versions of one file can coexist.
struct PrivateCopyStore {
    /// Folder of the copies (created 0700 on first use).
    let folder: String

    /// Reads `path` completely. The bytes are hashed and copied from this one read, so what is checked is
    /// exactly what is loaded.
    static func readFile(_ path: String) throws(PluginRefusal.Reason) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(errnoText()) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .unreadable(errnoText()) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Writes `bytes` as `<sha256>.so` unless that copy exists already; returns its path.
    func store(_ bytes: [UInt8], sha256: String) throws(PluginRefusal.Reason) -> String {
        try makeFolder()
        let target = "\(folder)/\(sha256).so"
        var existing = stat()
        if stat(target, &existing) == 0, existing.st_size == off_t(bytes.count) { return target }
        let temporary = "\(target).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o500)
        guard fd >= 0 else { throw .unreadable("cannot write the private copy \(temporary): \(errnoText())") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                close(fd); unlink(temporary)
                throw .unreadable("cannot write the private copy: \(errnoText())")
            }
            written += n
        }
        close(fd)
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            throw .unreadable("cannot place the private copy: \(errnoText())")
        }
        return target
    }

    private func makeFolder() throws(PluginRefusal.Reason) {
        var prefix = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw .unreadable("cannot create \(prefix): \(errnoText())")
            }
        }
    }

    /// The default folder: `$XDG_CACHE_HOME/quorum/plugins`, else `$HOME/.cache/quorum/plugins`.
    static func defaultFolder(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/quorum/plugins" }
        if let home = environment["HOME"], !home.isEmpty { return "\(home)/.cache/quorum/plugins" }
        return "/tmp/quorum-\(getuid())/plugins"
    }
}
