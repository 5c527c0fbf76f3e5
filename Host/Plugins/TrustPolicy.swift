#if canImport(Glibc)
import Glibc
#endif
import QuorumModel

/// Who may provide plugin code (SPEC §5): under `strict`, a plugin file and its folder must be owned by the
/// user running the host (or root) and must not be writable by group or others.
public enum TrustMode: String, Sendable {
    case strict
    case any
}

enum TrustCheck {
    /// The reason `path` is untrusted under `mode`, or nil when it may be loaded.
    static func problem(with path: String, mode: TrustMode) -> String? {
        guard mode == .strict else { return nil }
        let folder = FilePath.folder(of: path) ?? "."
        for (what, target) in [("file", path), ("folder \(folder)", folder)] {
            var info = stat()
            guard stat(target, &info) == 0 else { return "cannot stat the \(what): \(errnoText())" }
            if let problem = Ownership.problem(info, what: what, rootMayOwn: true) { return problem }
        }
        return nil
    }
}

/// Whether someone other than the effective user can change a file or folder: the rule shared by the trust
/// check of plugin files and the private-copy cache.
enum Ownership {
    /// Why the object described by `info` (called `what` in the text) could be changed by another user, or nil
    /// when it cannot: it must be owned by the effective user (or by root, with `rootMayOwn`) and not be
    /// writable by group or others — unless `stickyMayBeShared` and it is a sticky folder such as /tmp, where
    /// others may add entries but never rename or remove ours.
    static func problem(_ info: stat, what: String, rootMayOwn: Bool, stickyMayBeShared: Bool = false) -> String? {
        let owner = info.st_uid
        if owner != geteuid() && !(rootMayOwn && owner == 0) {
            return "the \(what) is owned by another user (uid \(owner))"
        }
        let shared = stickyMayBeShared && info.st_mode & S_ISVTX != 0
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0 && !shared {
            return "the \(what) is writable by group or others (mode \(String(info.st_mode & 0o777, radix: 8)))"
        }
        return nil
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
