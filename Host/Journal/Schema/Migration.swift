/// One step of the journal's schema: the SQL that takes a version `version - 1` file to version `version`.
/// A migration, once released, never changes: later changes come as new migrations.
///
/// The SQL is written out only when it is read: a process opening a journal of the newest version (nearly every
/// one) builds none of it (the views' text of every version: ~1.5M instructions a start).
struct Migration: Sendable {
    let version: Int
    private let makeSQL: @Sendable () -> String

    init(version: Int, sql: @autoclosure @escaping @Sendable () -> String) {
        self.version = version
        makeSQL = sql
    }

    /// The statements, separated by semicolons.
    var sql: String { makeSQL() }
}

/// Brings a database's schema (`PRAGMA user_version`) up to the newest migration it knows, or checks it.
struct Migrator: Sendable {
    /// In order, versions 1, 2, 3…
    let migrations: [Migration]
    /// What the migrations build on an empty file, in one script of the newest version: an empty file gets it
    /// instead of every migration in turn.
    let snapshot: Migration?
    /// The file ``snapshot`` builds on an empty file, as bytes: a new journal starts as a copy of it
    /// (``JournalFile``), which is what building it would give, without parsing and running the script. Nil
    /// unless it holds the newest version (`user_version`, bytes 60–63 of the file). Made when first asked
    /// for: only creating a file needs it, and opening an existing journal should not pay for it.
    var template: [UInt8]? {
        templateSource().flatMap { bytes in
            guard bytes.count >= 100 else { return nil }
            let version = bytes[60..<64].reduce(0) { $0 << 8 | Int($1) }
            return version == migrations.count ? bytes : nil
        }
    }
    private let templateSource: @Sendable () -> [UInt8]?
    /// A table every file of version 1 on has (a file with a version of its own but not this table is not
    /// one of these files).
    let identifyingTable: String?
    /// The oldest version read as it is (``check(_:)``): the versions after it change nothing a reader reads.
    let oldestReadable: Int

    init(_ migrations: [Migration], snapshot: Migration? = nil,
         template: @autoclosure @escaping @Sendable () -> [UInt8]? = nil, identifyingTable: String? = nil,
         oldestReadable: Int? = nil) {
        precondition(migrations.enumerated().allSatisfy { $0.element.version == $0.offset + 1 },
                     "migrations are numbered 1, 2, 3… in order")
        precondition(snapshot == nil || snapshot?.version == migrations.count,
                     "the snapshot is of the newest migration's schema")
        self.migrations = migrations
        self.snapshot = snapshot
        templateSource = template
        self.identifyingTable = identifyingTable
        self.oldestReadable = oldestReadable ?? migrations.count
        precondition(self.oldestReadable >= 1 && self.oldestReadable <= migrations.count, "a version of the migrations")
    }

    /// The schema version this build writes and reads.
    var latest: Int { migrations.count }

    /// Applies every migration the file lacks (an empty file: the ``snapshot``, when there is one), each in its
    /// own transaction (so an interrupted upgrade leaves
    /// the file at the last version it reached). The version is read inside the transaction, so two processes
    /// opening one new file at once do not both create it. Refuses a file newer than ``latest``, and an
    /// SQLite file that holds tables but no journal version.
    func migrate(_ database: Database) throws(JournalError) {
        while true {
            let finished = try database.transaction { () throws(JournalError) -> Bool in
                let version = try database.userVersion()
                if version > latest {
                    throw .newerSchema(path: database.path, version: version, supported: latest)
                }
                if version == 0, try database.scalar("SELECT count(*) FROM sqlite_master") ?? 0 > 0 {
                    throw .notAJournal(path: database.path)
                }
                guard version < latest else { return true }
                if version == 0, let snapshot {
                    try database.execute(snapshot.sql)
                    try database.setUserVersion(snapshot.version)
                    return true
                }
                let next = migrations[version]
                try database.execute(next.sql)
                try database.setUserVersion(next.version)
                return false
            }
            if finished { return }
        }
    }

    /// Checks, without changing anything, that an existing file may be opened for writing: an empty database,
    /// or a journal no newer than this build (with the ``identifyingTable``). Run before anything changes the
    /// file (its switch to WAL): a file that is not a journal is refused untouched.
    func checkWritable(_ database: Database) throws(JournalError) {
        let version = try database.userVersion()
        if version > latest { throw .newerSchema(path: database.path, version: version, supported: latest) }
        if version == 0, try database.scalar("SELECT count(*) FROM sqlite_master") ?? 0 > 0 {
            throw .notAJournal(path: database.path)
        }
        if version > 0, let table = identifyingTable {
            let statement = try database.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")
            statement.bind(table)
            guard try statement.rows({ (r: inout Row) in r.int64() }).first ?? 0 > 0 else {
                throw .notAJournal(path: database.path)
            }
        }
    }

    /// Checks, without changing anything, that the file is a journal of a version this build reads: the newest,
    /// or one from ``oldestReadable`` on.
    func check(_ database: Database) throws(JournalError) {
        let version = try database.userVersion()
        if version > latest { throw .newerSchema(path: database.path, version: version, supported: latest) }
        if version == 0 { throw .notAJournal(path: database.path) }
        if version < oldestReadable { throw .olderSchema(path: database.path, version: version, current: latest) }
    }
}
