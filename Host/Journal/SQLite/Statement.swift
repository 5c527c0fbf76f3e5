import CSQLite

/// A prepared statement, reusable: bind the parameters in order, run or step it, and it is ready again.
///
/// Parameters are bound positionally: each `bind` call binds the next `?` of the statement, so a row is bound
/// in the order its columns are written in the SQL. A binding error is kept and thrown by the next `step`.
final class Statement {
    let database: Database
    let sql: String
    private let handle: OpaquePointer
    private var nextParameter: Int32 = 1
    private var bindStatus = SQLITE_OK
    private var finalized = false
    /// Holds the bytes of the text parameters bound since the last reset, which SQLite reads in place
    /// (`SQLITE_STATIC`) instead of copying each into its own allocation; text that does not fit is copied.
    private let arena: UnsafeMutablePointer<UInt8>
    private var arenaUsed = 0
    private static let arenaCapacity = 4096

    init(database: Database, sql: String, persistent: Bool = false) throws(JournalError) {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        guard sqlite3_prepare_v3(database.connection, sql, -1, flags, &statement, nil) == SQLITE_OK,
              let statement else {
            throw database.failure(sql)
        }
        self.database = database
        self.sql = sql
        self.handle = statement
        arena = .allocate(capacity: Self.arenaCapacity)
    }

    deinit {
        finalize()
        arena.deallocate()
    }

    /// Releases the statement now (before its connection closes); it must not be used afterwards.
    func finalize() {
        guard !finalized else { return }
        finalized = true
        sqlite3_finalize(handle)
    }

    // MARK: Binding (each call binds the next parameter)

    private func bound(_ status: Int32) {
        if status != SQLITE_OK && bindStatus == SQLITE_OK { bindStatus = status }
        nextParameter += 1
    }

    func bind(_ value: Int64) { bound(sqlite3_bind_int64(handle, nextParameter, value)) }
    func bind(_ value: Int) { bind(Int64(value)) }
    func bind(_ value: Double) { bound(sqlite3_bind_double(handle, nextParameter, value)) }
    func bind(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in bindText(utf8) }
    }
    /// Binds UTF-8 `bytes` as TEXT (copied by SQLite when larger than the arena: they need not outlive the call).
    func bind(utf8 bytes: UnsafeBufferPointer<UInt8>) { bindText(bytes) }

    /// Binds UTF-8 `bytes` as TEXT that SQLite reads where they are (`SQLITE_STATIC`), whatever their size:
    /// for the large texts of packed blocks, which a copy would double. The caller keeps `bytes` valid and
    /// unchanged until the statement has run, and binds every parameter again before running it again.
    func bind(borrowedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count > 0 else { return bindText(bytes) }
        bound(bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: count) {
            sqlite3_bind_text(handle, nextParameter, $0, Int32(count), nil)
        })
    }

    /// Binds `utf8` as TEXT: from the arena when it fits (valid until the next reset, by which time every
    /// parameter is bound again), otherwise copied by SQLite.
    private func bindText(_ utf8: UnsafeBufferPointer<UInt8>) {
        let count = utf8.count
        if count <= Self.arenaCapacity - arenaUsed {
            let target = arena + arenaUsed
            if count > 0 { target.update(from: utf8.baseAddress!, count: count) }
            arenaUsed += count
            bound(target.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
                sqlite3_bind_text(handle, nextParameter, $0, Int32(count), nil)
            })
        } else {
            bound(utf8.baseAddress!.withMemoryRebound(to: CChar.self, capacity: count) {
                sqlite3_bind_text(handle, nextParameter, $0, Int32(count), csqlite_transient())
            })
        }
    }

    func bindNull() { bound(sqlite3_bind_null(handle, nextParameter)) }

    func bind(_ value: Int64?) { if let value { bind(value) } else { bindNull() } }
    func bind(_ value: Int?) { if let value { bind(value) } else { bindNull() } }
    func bind(_ value: Double?) { if let value { bind(value) } else { bindNull() } }
    func bind(_ value: String?) { if let value { bind(value) } else { bindNull() } }

    // MARK: Running

    /// Advances to the next row: true when a row is available, false when the statement is done.
    func step() throws(JournalError) -> Bool {
        if bindStatus != SQLITE_OK {
            let error = JournalError.sqlite(path: database.path, code: bindStatus,
                                            message: String(cString: sqlite3_errstr(bindStatus)), sql: sql)
            reset()
            throw error
        }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.failure(sql)
            reset()
            throw error
        }
    }

    /// Rewinds the statement for reuse; the next `bind` binds the first parameter again.
    func reset() {
        sqlite3_reset(handle)
        nextParameter = 1
        arenaUsed = 0
        bindStatus = SQLITE_OK
    }

    /// Runs a statement that returns no rows, then resets it.
    func run() throws(JournalError) {
        defer { reset() }
        while try step() {}
    }

    /// Runs a query and maps each result row, then resets the statement.
    func rows<T>(_ transform: (inout Row) throws(JournalError) -> T) throws(JournalError) -> [T] {
        defer { reset() }
        var result: [T] = []
        while try step() {
            var row = Row(statement: handle)
            result.append(try transform(&row))
        }
        return result
    }
}

/// The current result row of a statement, read column by column in the order of the SELECT list.
struct Row {
    fileprivate let statement: OpaquePointer
    private var column: Int32 = 0

    fileprivate init(statement: OpaquePointer) { self.statement = statement }

    private mutating func next() -> Int32 {
        defer { column += 1 }
        return column
    }

    /// True when the next column is NULL (it is not consumed).
    var nextIsNull: Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    mutating func int64() -> Int64 { sqlite3_column_int64(statement, next()) }
    mutating func int() -> Int { Int(int64()) }
    mutating func double() -> Double { sqlite3_column_double(statement, next()) }
    mutating func text() -> String {
        let c = next()
        guard let bytes = sqlite3_column_text(statement, c) else { return "" }
        return String(cString: bytes)
    }

    /// The next column's text as UTF-8 bytes, valid only inside `body` (no `String` is made).
    mutating func withTextBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws(JournalError) -> T)
        throws(JournalError) -> T {
        let c = next()
        let start = sqlite3_column_text(statement, c)
        let count = Int(sqlite3_column_bytes(statement, c))
        return try body(UnsafeBufferPointer(start: start, count: start == nil ? 0 : count))
    }

    mutating func optionalInt64() -> Int64? { nextIsNull ? skipNull() : int64() }
    mutating func optionalInt() -> Int? { nextIsNull ? skipNull() : int() }
    mutating func optionalDouble() -> Double? { nextIsNull ? skipNull() : double() }
    mutating func optionalText() -> String? { nextIsNull ? skipNull() : text() }

    private mutating func skipNull<T>() -> T? {
        column += 1
        return nil
    }
}
