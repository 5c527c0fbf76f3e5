import FoundationEssentials

/// Requests to a running process, through its journal (`control_requests`): `quorum resume` writes one; the
/// daemon, once it is built, will read the unhandled ones between events and mark each handled (a backtest reads
/// none). A request written while nothing runs waits for the next process that reads them.
public enum ControlRequests {
    /// What a request asks for.
    public enum Action: String, Sendable {
        /// Leave HALTED (or REDUCING) for ACTIVE.
        case resume
    }

    /// One request.
    public struct Request: Sendable, Equatable {
        public var id: Int64
        public var requestedAt: String
        public var action: Action
        public var reason: String
    }

    /// Writes a request into the journal at `path`, which must exist already (the run it controls created it).
    /// Returns the request's id.
    @discardableResult
    public static func write(_ action: Action, reason: String, path: String,
                             at time: Date = Date()) throws(JournalError) -> Int64 {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .noSuchFile(path: path, hint: "a request goes into the journal of the run it controls")
        }
        // A journal (of this version or an older one, upgraded below) that holds a run, checked read-only: a file
        // that is not one is left as it is.
        guard try JournalFile.openForInspection(path: path).scalar("SELECT count(*) FROM runs") ?? 0 > 0 else {
            throw .cannotOpen(path: path, message: "the journal holds no run (a request goes into the journal of the run it controls)")
        }
        let database = try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 5_000)
        let insert = try database.prepare(SQL.insert("control_requests", ["requested_at", "action", "reason"]))
        insert.bind(WallClock.iso8601(time))
        insert.bind(action.rawValue)
        insert.bind(reason)
        try insert.run()
        return database.lastInsertRowID
    }

    /// The requests not handled yet, oldest first.
    public static func pending(path: String) throws(JournalError) -> [Request] {
        let database = try JournalFile.openForReading(path: path)
        let select = try database.prepare("""
            SELECT request_id, requested_at, action, reason FROM control_requests
            WHERE handled_at IS NULL ORDER BY request_id
            """)
        return try select.rows { (r: inout Row) in
            Request(id: r.int64(), requestedAt: r.text(), action: Action(rawValue: r.text()) ?? .resume, reason: r.text())
        }
    }

    /// Marks a request handled by run `run`.
    public static func markHandled(_ id: Int64, run: String, path: String, at time: Date = Date()) throws(JournalError) {
        let database = try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 5_000)
        let update = try database.prepare(
            "UPDATE control_requests SET handled_at = ?, handled_by_run = ? WHERE request_id = ? AND handled_at IS NULL")
        update.bind(WallClock.iso8601(time))
        update.bind(run)
        update.bind(id)
        try update.run()
    }
}
