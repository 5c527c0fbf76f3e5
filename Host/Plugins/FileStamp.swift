#if canImport(Glibc)
import Glibc
#endif

/// What the file system says about a file's current contents without reading them: device, inode, size, and
/// the times of the last modification and the last status change, in nanoseconds.
///
/// Any write to a file moves its status-change time, which no unprivileged process can set back, so two equal
/// stamps taken at different moments mean the contents did not change between them — unless the file was
/// written twice within one tick of the file system's clock (a few milliseconds). ``isSettled(minimumAge:)``
/// rules that case out: a stamp is trusted only once the file has not changed for a while.
struct FileStamp {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: timespec
    let changed: timespec

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = info.st_mtim
        changed = info.st_ctim
    }

    /// The stamp of the file at `path` (symbolic links followed), nil when it cannot be read.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The stamp of the open file `descriptor`, nil when it cannot be read.
    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The stamp as a file name: `device-inode-size-mtime-ctime`, times as seconds.nanoseconds.
    var name: String {
        "\(device)-\(inode)-\(size)-\(modified.tv_sec).\(modified.tv_nsec)-\(changed.tv_sec).\(changed.tv_nsec)"
    }

    /// True when both times are more than `minimumAge` seconds in the past: a later write then lands on a
    /// later tick of the file system's clock and changes the stamp.
    func isSettled(minimumAge: Double) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        func nanoseconds(_ t: timespec) -> Int64 { Int64(t.tv_sec) &* 1_000_000_000 &+ Int64(t.tv_nsec) }
        let latest = max(nanoseconds(modified), nanoseconds(changed))
        return latest &+ Int64(minimumAge * 1e9) < nanoseconds(now)
    }
}
