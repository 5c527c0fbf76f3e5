#if canImport(Glibc)
import Glibc
#endif
import QuorumModel

/// The rule that lets a pin check what runs: only the effective user can change the private-copy cache.
///
/// The store trusts a copy's name as its hash (a remembered or existing `<sha256>.so` of the right size is not
/// read again), so the cache must be out of every other user's reach. Its folder and `by-file/` must be folders
/// owned by the effective user and not writable by group or others (the store creates them 0700), every folder
/// above them must be owned by that user or root and not writable by group or others unless sticky (as /tmp),
/// and each copy must be a regular file owned by that user and not writable by group or others. A cache that
/// fails is refused, naming the folder or copy and why; it is never used.
extension PrivateCopyStore {
    /// Creates the cache folder (0700, with any missing folder above it) and checks it, the folders above it
    /// and `by-file/` if it exists.
    func prepareFolder() throws(PluginRefusal.Reason) {
        if let (failed, reason) = FilePath.createFolders(folder, mode: 0o700) {
            throw .unreadable("cannot create \(failed): \(String(cString: strerror(reason)))")
        }
        for ancestor in PrivateCopyStore.ancestors(of: folder) {
            try check(ancestor, what: "folder \(ancestor) above it", mustBeOwn: false, kind: S_IFDIR)
        }
        try check(folder, what: "folder \(folder)", mustBeOwn: true, kind: S_IFDIR)
        try check("\(folder)/by-file", what: "folder \(folder)/by-file", mustBeOwn: true, kind: S_IFDIR,
                  mayBeMissing: true)
    }

    /// Checks the copy at `path`, which exists; throws when another user could have written it.
    func checkCopy(_ path: String) throws(PluginRefusal.Reason) {
        try check(path, what: "copy \(path)", mustBeOwn: true, kind: S_IFREG)
    }

    /// Checks one path against the rule: `mustBeOwn` for what the store itself makes, else root may own it too
    /// and a sticky folder may be shared. A folder's symbolic link is followed (it sits in a checked folder), a
    /// copy's is not: a copy is always a regular file.
    private func check(_ path: String, what: String, mustBeOwn: Bool, kind: mode_t,
                       mayBeMissing: Bool = false) throws(PluginRefusal.Reason) {
        var info = stat()
        guard (kind == S_IFDIR ? stat(path, &info) : lstat(path, &info)) == 0 else {
            if mayBeMissing && errno == ENOENT { return }
            throw .unsafeCache("cannot stat the \(what): \(errnoText())")
        }
        if info.st_mode & S_IFMT != kind {
            throw .unsafeCache("the \(what) is not a \(kind == S_IFDIR ? "folder" : "regular file")")
        }
        if let problem = Ownership.problem(info, what: what, rootMayOwn: !mustBeOwn, stickyMayBeShared: !mustBeOwn) {
            throw .unsafeCache(problem)
        }
    }

    /// The folders above `folder`, from the top down: "/", "/a", "/a/b" for "/a/b/c" ("." and down for a
    /// relative path).
    static func ancestors(of folder: String) -> [String] {
        let components = folder.split(separator: "/")
        var result = [folder.hasPrefix("/") ? "/" : "."]
        var prefix = folder.hasPrefix("/") ? "" : "."
        for component in components.dropLast() {
            prefix += "/" + component
            result.append(prefix)
        }
        return result
    }
}
