#if canImport(Glibc)
import Glibc
#endif

/// Plugin files are loaded from a private copy named by their content hash (SPEC §5), so replacing or
/// editing the file on disk never touches code that is running, and two versions of one file can coexist.
///
/// Reading and hashing every plugin file costs each process milliseconds, so the store also remembers which
/// copy a file's contents went to, under the file's ``FileStamp``: `by-file/<stamp>` is a symbolic link to
/// `../<sha256>.so`. A file whose stamp is remembered is not read again; any change to it changes its stamp.
/// What is loaded is always the copy, and its name is the hash of its own bytes — which only holds while no
/// other user can write the cache: ``prepareFolder()`` and ``checkCopy(_:)`` enforce that, so a pin checks what
/// runs.
struct PrivateCopyStore {
    /// Folder of the copies (created 0700 on first use, and checked by ``prepareFolder()``).
    let folder: String
    /// A file's stamp is remembered only when the file has not changed for this many seconds.
    let settledAge: Double

    init(folder: String, settledAge: Double = 2) {
        self.folder = folder
        self.settledAge = settledAge
    }

    /// Reads `path` completely, and its stamp as it was before the read. The bytes are hashed and copied from
    /// this one read, so what is checked is exactly what is loaded.
    static func readFile(_ path: String) throws(PluginRefusal.Reason) -> (bytes: [UInt8], stamp: FileStamp?) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(errnoText()) }
        defer { close(fd) }
        let stamp = FileStamp(descriptor: fd)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .unreadable(errnoText()) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return (bytes, stamp)
    }

    /// The copy of the file at `path` made earlier from the same contents (same stamp), with its hash; nil when
    /// none is remembered or the copy is gone. Throws when the copy fails ``checkCopy(_:)``.
    func rememberedCopy(of path: String) throws(PluginRefusal.Reason) -> (path: String, sha256: String)? {
        guard let stamp = FileStamp(path: path) else { return nil }
        var target = [CChar](repeating: 0, count: 80)
        let length = readlink("\(folder)/by-file/\(stamp.name)", &target, target.count)
        // "../" + 64 hex digits + ".so"
        guard length == 70 else { return nil }
        let text = String(decoding: target[3..<67].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        let copy = "\(folder)/\(text).so"
        var info = stat()
        guard lstat(copy, &info) == 0 else { return nil }
        try checkCopy(copy)
        guard Int64(info.st_size) == stamp.size else { return nil }
        return (copy, text)
    }

    /// Remembers that the file with `stamp` was copied to `<sha256>.so`, if the file has settled (see
    /// ``FileStamp/isSettled(minimumAge:)``). Failing to remember is harmless: the file is read next time.
    func remember(_ stamp: FileStamp?, sha256: String) {
        guard let stamp, stamp.isSettled(minimumAge: settledAge) else { return }
        let links = "\(folder)/by-file"
        guard mkdir(links, 0o700) == 0 || errno == EEXIST else { return }
        // Placed by rename, so a stale link (to a copy that was removed or damaged) is replaced in one step.
        let link = "\(links)/\(stamp.name)", temporary = "\(links)/.\(stamp.name).\(getpid()).tmp"
        unlink(temporary)
        guard symlink("../\(sha256).so", temporary) == 0 else { return }
        if rename(temporary, link) != 0 { unlink(temporary) }
    }

    /// Writes `bytes` as `<sha256>.so` unless that copy exists already; returns its path. Call
    /// ``prepareFolder()`` first. Throws when an existing copy fails ``checkCopy(_:)``.
    func store(_ bytes: [UInt8], sha256: String) throws(PluginRefusal.Reason) -> String {
        let target = "\(folder)/\(sha256).so"
        var existing = stat()
        if lstat(target, &existing) == 0 {
            try checkCopy(target)
            if existing.st_size == off_t(bytes.count) { return target }
        }
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

    /// The default folder: `$XDG_CACHE_HOME/quorum/plugins`, else `$HOME/.cache/quorum/plugins`, else
    /// `/tmp/quorum-<uid>/plugins` (which another user could make first: ``prepareFolder()`` refuses it then).
    static func defaultFolder(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/quorum/plugins" }
        if let home = environment["HOME"], !home.isEmpty { return "\(home)/.cache/quorum/plugins" }
        return "/tmp/quorum-\(getuid())/plugins"
    }
}
