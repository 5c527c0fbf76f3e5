/// Why the journal could not be opened, read or written. Every case names the database file, and SQLite
/// failures carry SQLite's own message and the statement that failed.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The folder that should hold the database could not be created.
    case cannotCreateFolder(path: String, message: String)
    /// A folder on the path is a file (`j.sqlite/run.sqlite` where `j.sqlite` is a file): the path is wrong.
    case folderIsAFile(path: String, folder: String)
    /// SQLite could not open the file.
    case cannotOpen(path: String, message: String)
    /// No file is at the path (or a folder on it is a file), where a journal must exist already; `hint` says
    /// why it must.
    case noSuchFile(path: String, hint: String = "")
    /// A statement failed. `code` is SQLite's extended result code.
    case sqlite(path: String, code: Int32, message: String, sql: String)
    /// The file was written by a newer Quorum: its schema version is above the newest this build knows.
    case newerSchema(path: String, version: Int, supported: Int)
    /// The file is older than this build reads; opening it for writing upgrades it.
    case olderSchema(path: String, version: Int, current: Int)
    /// The file is an SQLite database but not a Quorum journal (or an empty one, when opened for reading).
    case notAJournal(path: String)
    /// A run with this id is already in the file.
    case duplicateRun(path: String, id: String)
    /// The path names a folder, not a file.
    case isAFolder(path: String)
    /// No run with this id is in the file.
    case runNotFound(path: String, id: String)
    /// A record or row that cannot be stored or read back (e.g. a symbol index the run does not have).
    case invalidData(path: String, message: String)
    /// Writing failed (`failure`), and marking the run failed then failed too (`marking`: the disk still
    /// full, the lock still held): the run's row still reads `running`, as after a crash.
    case runLeftRunning(path: String, failure: String, marking: String)
    /// Writing how the run ended failed (`message`), with nothing failing before it: the run's row still reads
    /// `running`.
    case endNotRecorded(path: String, message: String)

    public var description: String {
        switch self {
        case .cannotCreateFolder(let path, let message):
            return "\(path): cannot create the journal's folder: \(message)"
        case .folderIsAFile(let path, let folder):
            return "\(path): cannot create the journal's folder: \(folder) is a file, not a folder"
        case .cannotOpen(let path, let message):
            return "\(path): cannot open the journal: \(message)"
        case .noSuchFile(let path, let hint):
            return "\(path): cannot open the journal: no such file" + (hint.isEmpty ? "" : " (\(hint))")
        case .sqlite(let path, _, let message, let sql):
            return "\(path): \(message) (in: \(sql))"
        case .newerSchema(let path, let version, let supported):
            return "\(path): journal schema version \(version) is newer than this build of Quorum supports "
                + "(\(supported)); use a newer quorum to open it"
        case .olderSchema(let path, let version, let current):
            return "\(path): journal schema version \(version) is older than this build reads (\(current)); "
                + "a backtest writing into it (`quorum backtest --journal FILE`) upgrades it"
        case .notAJournal(let path):
            return "\(path): not a Quorum journal"
        case .duplicateRun(let path, let id):
            return "\(path): the journal already holds a run with id '\(id)'"
        case .isAFolder(let path):
            return "\(path): it is a folder, not a journal file"
        case .runNotFound(let path, let id):
            return "\(path): no run with id '\(id)' in the journal"
        case .invalidData(let path, let message):
            return "\(path): \(message)"
        case .runLeftRunning(let path, let failure, let marking):
            return "\(failure); the run could not be marked failed either (\(marking)), so \(path) still shows it "
                + "as running"
        case .endNotRecorded(let path, let message):
            return "\(path): how the run ended could not be recorded (\(message)), so the journal still shows it as "
                + "running"
        }
    }

    /// Whether the run's row was left reading `running`: how it ended could not be written.
    public var leavesTheRunRunning: Bool {
        switch self {
        case .runLeftRunning, .endNotRecorded: return true
        default: return false
        }
    }

    /// Whether the caller is to give another path or run id (SPEC §13: invalid input, exit 2) — nothing is at the
    /// path, or a folder, or a file that is not a journal this build reads, or it is under a file; the run id is
    /// taken or absent — rather than a failure to open, read or write a journal (exit 1: permissions, a full
    /// disk, a lock, I/O). The same in every command that takes a journal.
    public var isInvalidInput: Bool {
        switch self {
        case .folderIsAFile, .noSuchFile, .newerSchema, .olderSchema, .notAJournal, .duplicateRun, .isAFolder,
             .runNotFound:
            return true
        case .cannotCreateFolder, .cannotOpen, .sqlite, .invalidData, .runLeftRunning, .endNotRecorded:
            return false
        }
    }
}
