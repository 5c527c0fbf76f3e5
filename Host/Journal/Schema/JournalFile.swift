import CSQLite
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import QuorumModel

/// Opening a journal file, for writing (configured and migrated) or for reading (checked).
enum JournalFile {
    /// Creates the file's folder when missing, opens the file, switches it to WAL with `synchronous=NORMAL`,
    /// and migrates its schema to the current version.
    ///
    /// A new file is built complete under a temporary name and then linked into place, so a crash while it
    /// is being created leaves no journal at `path` (never an empty or half-migrated one). It is written as a
    /// copy of the migrator's template when it has one (an empty journal of the newest version: running the
    /// schema script instead costs ~5 ms a run), else built by the migrations with `synchronous=OFF`; either
    /// way nothing else sees it until it is linked, so one `fsync` before the link makes it durable.
    static func openForWriting(path: String, busyTimeoutMilliseconds: Int32,
                               migrator: Migrator = JournalSchema.migrator) throws(JournalError) -> Database {
        try createFolder(of: path)
        try refuseFolder(path)
        if !FileManager.default.fileExists(atPath: path) {
            try create(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, migrator: migrator)
        }
        return try open(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, migrator: migrator)
    }

    /// Builds a new journal at a temporary path beside `path` and links it to `path` unless a file appeared
    /// there meanwhile (another process created it first: that one is used).
    private static func create(path: String, busyTimeoutMilliseconds: Int32, migrator: Migrator)
        throws(JournalError) {
        removeAbandonedCopies(of: path)
        let temporary = path + ".creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) } }
        do throws(JournalError) {
            if let template = migrator.template {
                try write(template, to: temporary)
            } else {
                try open(path: temporary, busyTimeoutMilliseconds: busyTimeoutMilliseconds, migrator: migrator,
                         synchronous: "OFF", newFile: true).close()
                try synchronize(temporary)
            }
        } catch {
            // Name the file the caller asked for, not the temporary one.
            switch error {
            case .sqlite(_, let code, let message, let sql): throw .sqlite(path: path, code: code, message: message, sql: sql)
            case .cannotOpen(_, let message): throw .cannotOpen(path: path, message: message)
            default: throw error
            }
        }
        // Closed for good (every statement finalized): the schema is in the file itself, not in a WAL left beside it.
        precondition(!FileManager.default.fileExists(atPath: temporary + "-wal"), "\(temporary) was not closed")
        if link(temporary, path) != 0 && errno != EEXIST {
            throw .cannotOpen(path: path, message: "cannot create it: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the temporary files of journals that were being created at `path` by a process that no longer
    /// runs (killed before it linked its copy into place): `NAME.creating-PID-N`, `-wal` and `-shm` included.
    private static func removeAbandonedCopies(of path: String) {
        let folder = FilePath.folder(of: path) ?? "."
        let prefix = FilePath.name(of: path) + ".creating-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0,
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }

    /// Throws when `path` is a folder: SQLite's own errors for one ("disk I/O error", "unable to open database
    /// file") do not say so.
    private static func refuseFolder(_ path: String) throws(JournalError) {
        var isFolder = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder {
            throw .isAFolder(path: path)
        }
    }

    /// The page size of a new journal. Its blocks of packed records and equity points are tens of kilobytes:
    /// with 16 KiB pages, writing them takes a quarter of the system calls and pages of 4 KiB did (SQLite's
    /// default), and a backtest at level `decisions` a quarter less system time (bench/README.md).
    static let pageSize = 16_384

    /// Opens `path` for writing in WAL mode with the given `PRAGMA synchronous` level, and migrates it. A
    /// `newFile` (empty) gets ``pageSize`` first: a file's page size is fixed once it is in WAL mode.
    private static func open(path: String, busyTimeoutMilliseconds: Int32, migrator: Migrator,
                             synchronous: StaticString = "NORMAL", newFile: Bool = false) throws(JournalError) -> Database {
        let database = try Database(path: path, access: .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        do throws(JournalError) {
            if newFile { try database.execute("PRAGMA page_size=\(pageSize)") } else { try migrator.checkWritable(database) }
            // Before the switch to WAL, so that the switch itself (a rollback-journal commit) syncs nothing
            // either when it is OFF.
            try database.execute("PRAGMA synchronous=\(synchronous)")
            let mode = try database.scalarText("PRAGMA journal_mode=WAL")
            guard mode?.lowercased() == "wal" else {
                throw JournalError.cannotOpen(path: path, message: "cannot switch to WAL mode (journal_mode is "
                                              + "\(mode ?? "unknown")); is the file on a local file system?")
            }
            try migrator.migrate(database)
        } catch {
            throw error.naming(path).explainingUnwritable(path)
        }
        return database
    }

    /// Writes the file at `path` through to the disk (`fsync`).
    private static func synchronize(_ path: String) throws(JournalError) {
        try withDescriptor(path, flags: O_RDONLY) { _ in true }
    }

    /// Creates the file at `path` (it must not exist) holding `bytes`, written through to the disk.
    private static func write(_ bytes: [UInt8], to path: String) throws(JournalError) {
        try withDescriptor(path, flags: O_WRONLY | O_CREAT | O_EXCL) { descriptor in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return false }
                    offset += written
                }
                return true
            }
        }
    }

    /// Opens `path` with `flags`, calls `body` (false: it failed, `errno` says why), `fsync`s and closes it.
    private static func withDescriptor(_ path: String, flags: Int32, _ body: (Int32) -> Bool) throws(JournalError) {
        let descriptor = Glibc.open(path, flags | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, message: "cannot create it: \(String(cString: strerror(errno)))")
        }
        guard body(descriptor), fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .cannotOpen(path: path, message: "cannot write it to the disk: \(reason)")
        }
        close(descriptor)
    }

    /// Opens an existing file read-only and checks that it is a journal this build can write, of any version up
    /// to its own (an older one is upgraded when it is opened for writing).
    static func openForInspection(path: String, migrator: Migrator = JournalSchema.migrator) throws(JournalError)
        -> Database {
        try openReadOnly(path) { database throws(JournalError) in
            try migrator.checkWritable(database)
            if try database.userVersion() == 0 { throw JournalError.notAJournal(path: path) }
        }
    }

    /// Opens an existing file read-only and checks that it is a journal of the version this build reads.
    static func openForReading(path: String, migrator: Migrator = JournalSchema.migrator) throws(JournalError)
        -> Database {
        try openReadOnly(path) { database throws(JournalError) in try migrator.check(database) }
    }

    /// Opens an existing file read-only and runs `check` on it; its errors name the file.
    private static func openReadOnly(_ path: String, check: (Database) throws(JournalError) -> Void)
        throws(JournalError) -> Database {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .noSuchFile(path: path)
        }
        try refuseFolder(path)
        let database = try Database(path: path, access: .readOnly)
        do throws(JournalError) {
            try check(database)
        } catch {
            guard error.isCannotOpenOrWrite,
                  access(FilePath.folder(of: path) ?? ".", W_OK) != 0 || access(path, W_OK) != 0 else {
                throw error.naming(path)
            }
            // A folder or file this process cannot write (a read-only mount, an archive, another user's): SQLite
            // cannot create or write the `-shm` file a reader of a WAL journal needs. A journal whose WAL holds
            // nothing is read as unchanging; one whose WAL holds records cannot be read there.
            guard Self.walIsEmpty(path) else {
                throw .cannotOpen(path: path, message: "it cannot be written here, and reading the records in "
                    + "\(path)-wal needs a \(path)-shm file beside it: copy both files to a folder this user can write")
            }
            let unchanging = try Database(path: path, access: .immutable)
            do throws(JournalError) {
                try check(unchanging)
            } catch {
                throw error.naming(path)
            }
            return unchanging
        }
        return database
    }

    /// Whether `path`'s WAL file is missing or empty (everything is in the database file itself).
    private static func walIsEmpty(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) != 0 || info.st_size == 0
    }

    private static func createFolder(of path: String) throws(JournalError) {
        guard let folder = FilePath.folder(of: path) else { return }
        var isFolder = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder else { throw .folderIsAFile(path: path, folder: folder) }
            return
        }
        if let (failed, reason) = FilePath.createFolders(folder, mode: 0o777) {
            // Not a directory: the folder above the one that failed is a file.
            if reason == ENOTDIR, let file = FilePath.folder(of: failed) { throw .folderIsAFile(path: path, folder: file) }
            throw .cannotCreateFolder(path: path, message: "\(failed): \(String(cString: strerror(reason)))")
        }
    }
}

extension JournalError {
    /// SQLite could not open, or write, a file it needed (the database, or its `-wal` or `-shm`).
    fileprivate var isCannotOpenOrWrite: Bool {
        switch self {
        case .cannotOpen: return true
        case .sqlite(_, let code, _, _): return code & 0xFF == SQLITE_CANTOPEN || code & 0xFF == SQLITE_READONLY
        default: return false
        }
    }

    /// SQLite's "unable to open database file" or "attempt to write a readonly database" for a file or folder
    /// this process cannot write (a read-only mount, another user's file) becomes a ``cannotOpen`` that says so.
    fileprivate func explainingUnwritable(_ path: String) -> JournalError {
        guard isCannotOpenOrWrite else { return self }
        let folder = FilePath.folder(of: path) ?? "."
        let what: String
        if access(path, W_OK) != 0 && errno != ENOENT {
            what = "it"
        } else if access(folder, W_OK) != 0 {
            what = "its folder \(folder) (a journal is written with -wal and -shm files beside it)"
        } else {
            return self
        }
        return .cannotOpen(path: path, message: "this user cannot write \(what): \(String(cString: strerror(errno)))")
    }

    /// "file is not a database" becomes the clearer ``notAJournal``.
    fileprivate func naming(_ path: String) -> JournalError {
        if case .sqlite(_, let code, _, _) = self, code & 0xFF == SQLITE_NOTADB { return .notAJournal(path: path) }
        return self
    }
}
