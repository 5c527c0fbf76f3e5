import CSQLite

/// One SQLite connection. It is opened without SQLite's own per-connection mutex, so it must be used by one
/// thread at a time; handing it from one thread to another is fine when the hand-off is synchronized.
final class Database {
    /// How the file is opened.
    enum Access {
        /// Read and write; the file is created when missing.
        case readWrite
        /// Read only; the file must exist.
        case readOnly
        /// Read only, the file taken as one that does not change (SQLite's `immutable`): no locks and no `-shm`
        /// file beside it, so it opens in a folder that cannot be written. Only for a file no one writes whose
        /// `-wal` holds nothing (its records would not be read).
        case immutable
    }

    /// The file, as given (it names the file in every error).
    let path: String
    private var handle: OpaquePointer?

    /// Opens `path`. Busy waits (another connection holding the write lock) last up to
    /// `busyTimeoutMilliseconds` before a statement fails with "database is locked".
    init(path: String, access: Access, busyTimeoutMilliseconds: Int32 = 5_000) throws(JournalError) {
        self.path = path
        var db: OpaquePointer?
        let flags: Int32
        let name: String
        switch access {
        case .readWrite, .readOnly:
            flags = (access == .readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
                | SQLITE_OPEN_NOMUTEX
            // A name starting with "file:" would be read as an SQLite URI (Debian's libsqlite3 takes URIs by
            // default): "./" keeps it the file's name, as every other call here uses it.
            name = path.hasPrefix("file:") ? "./" + path : path
        case .immutable:
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
            name = "file:" + Self.uriPath(path) + "?immutable=1"
        }
        let status = sqlite3_open_v2(name, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close_v2(db)
            throw .cannotOpen(path: path, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    deinit { close() }

    /// `path` as the path of an SQLite URI: `%`, `?` and `#` percent-encoded, a relative path kept relative
    /// (a first segment holding `:` behind "./").
    private static func uriPath(_ path: String) -> String {
        var out: [UInt8] = path.hasPrefix("/") ? [] : Array("./".utf8)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"): out += "%25".utf8
            case UInt8(ascii: "?"): out += "%3F".utf8
            case UInt8(ascii: "#"): out += "%23".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Closes the connection (statements still alive are finalized when they go away). Idempotent.
    func close() {
        guard let handle else { return }
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// The open connection; using a closed one is a programming error.
    var connection: OpaquePointer {
        guard let handle else { preconditionFailure("\(path): use of a closed database") }
        return handle
    }

    /// The error for the connection's last failure, with SQLite's message and the statement that failed.
    func failure(_ sql: String) -> JournalError {
        .sqlite(path: path, code: sqlite3_extended_errcode(connection),
                message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(JournalError) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(connection, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard status == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            throw .sqlite(path: path, code: sqlite3_extended_errcode(connection), message: text, sql: sql)
        }
    }

    /// Prepares a statement. `persistent` tells SQLite it will be reused many times (the writer's inserts).
    func prepare(_ sql: String, persistent: Bool = false) throws(JournalError) -> Statement {
        try Statement(database: self, sql: sql, persistent: persistent)
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`, so the write lock is taken up front): commits
    /// when it returns, rolls back when it throws.
    func transaction<T>(_ body: () throws(JournalError) -> T) throws(JournalError) -> T {
        try execute("BEGIN IMMEDIATE")
        do throws(JournalError) {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(connection) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// The first column of the first row of a query, or nil when there is no row or it is NULL.
    func scalar(_ sql: String) throws(JournalError) -> Int64? {
        let statement = try prepare(sql)
        return try statement.rows { (row: inout Row) in row.optionalInt64() }.first ?? nil
    }

    /// The first column of the first row of a query as text, or nil.
    func scalarText(_ sql: String) throws(JournalError) -> String? {
        let statement = try prepare(sql)
        return try statement.rows { (row: inout Row) in row.optionalText() }.first ?? nil
    }

    /// `PRAGMA user_version`: the journal's schema version (0 in a new file).
    func userVersion() throws(JournalError) -> Int {
        Int(try scalar("PRAGMA user_version") ?? 0)
    }

    /// Sets `PRAGMA user_version` (transactional: it commits or rolls back with the enclosing transaction).
    func setUserVersion(_ version: Int) throws(JournalError) {
        try execute("PRAGMA user_version = \(version)")
    }

    /// The rowid of the last row this connection inserted.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(connection) }
}
