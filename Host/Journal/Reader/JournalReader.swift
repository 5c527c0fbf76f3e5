import QuorumModel

/// Reads a journal file: its runs and what each recorded (what `quorum compare` and `quorum report` show).
///
/// Opens the file read-only, so it can read while a writer is still appending (it sees what was committed
/// when each query starts). Use it from one thread at a time. Runs are named by ``RunInfo/id``.
public final class JournalReader {
    /// The database file.
    public let path: String
    private let database: Database

    /// Opens `path` read-only; refuses a file that is not a journal or whose schema version differs from the
    /// one this build reads (a newer file needs a newer Quorum; an older one is upgraded by opening it for
    /// writing).
    public init(path: String) throws(JournalError) {
        self.path = path
        database = try JournalFile.openForReading(path: path)
    }

    /// SQLite's `PRAGMA integrity_check` of the whole file: `ok`, or what is wrong.
    public func integrityCheck() throws(JournalError) -> String {
        try database.scalarText("PRAGMA integrity_check") ?? "no answer"
    }

    // MARK: Runs

    /// Every run in the file, oldest first.
    public func runs() throws(JournalError) -> [JournalRun] {
        try loadRuns(where: "1", bind: { _ in })
    }

    /// The run started last, or nil for a journal without runs.
    public func latestRun() throws(JournalError) -> JournalRun? {
        try loadRuns(where: "run_id = (SELECT max(run_id) FROM runs)", bind: { _ in }).first
    }

    /// The run with this id, or nil.
    public func run(id: String) throws(JournalError) -> JournalRun? {
        try loadRuns(where: "id = ?", bind: { $0.bind(id) }).first
    }

    /// The run's symbols, by index.
    public func symbols(run: String) throws(JournalError) -> [String] {
        try scope(run).symbols
    }

    /// The plugin files the run loaded, in the order they were recorded.
    public func plugins(run: String) throws(JournalError) -> [PluginRow] {
        let scope = try scope(run)
        let select = try database.prepare(
            "SELECT path, sha256, strategy_id FROM plugins WHERE run_id = ? ORDER BY rowid")
        select.bind(scope.runID)
        let rows = try select.rows { (r: inout Row) in (path: r.text(), sha256: r.text(), id: r.optionalText()) }
        var plugins: [PluginRow] = []
        for row in rows {
            if let last = plugins.last, last.path == row.path, last.sha256 == row.sha256, let id = row.id {
                plugins[plugins.count - 1].strategyIDs.append(id)
            } else {
                plugins.append(PluginRow(path: row.path, sha256: row.sha256, strategyIDs: row.id.map { [$0] } ?? []))
            }
        }
        return plugins
    }

    /// The run's strategy instances, by instance index.
    public func strategies(run: String) throws(JournalError) -> [StrategyRow] {
        let scope = try scope(run)
        let select = try database.prepare(
            "SELECT instance, name, plugin, weight FROM strategies WHERE run_id = ? ORDER BY instance")
        select.bind(scope.runID)
        var strategies = try select.rows { (r: inout Row) in
            StrategyRow(instance: r.int(), name: r.text(), plugin: r.text(), weight: r.double(), symbols: [])
        }
        let position = Dictionary(strategies.enumerated().map { ($0.element.instance, $0.offset) },
                                  uniquingKeysWith: { a, _ in a })
        let symbols = try database.prepare(
            "SELECT instance, symbol FROM strategy_symbols WHERE run_id = ? ORDER BY instance, slot")
        symbols.bind(scope.runID)
        for (instance, name) in try symbols.rows({ (r: inout Row) in (r.int(), r.text()) }) {
            guard let at = position[instance] else { continue }
            strategies[at].symbols.append(try scope.symbol(name))
        }
        let params = try database.prepare(
            "SELECT instance, name, value FROM strategy_params WHERE run_id = ? ORDER BY instance, name")
        params.bind(scope.runID)
        for (instance, name, value) in try params.rows({ (r: inout Row) in (r.int(), r.text(), r.text()) }) {
            guard let at = position[instance] else { continue }
            strategies[at].params[name] = value
        }
        return strategies
    }

    // MARK: Records

    /// The per-book figures written when the run ended (empty for a run that did not finish).
    public func bookStats(run: String) throws(JournalError) -> [BookStatsRow] {
        try database.bookStats(run: try scope(run).runID)
    }

    /// The equity curve of one book (``ensembleBook`` or a strategy instance's index), in time order.
    public func equity(run: String, book: Int) throws(JournalError) -> [EquityPoint] {
        let scope = try scope(run)
        guard let format = try self.run(id: run)?.info.timeFormat else { throw .runNotFound(path: path, id: run) }
        var curve: [EquityPoint] = []
        try visitEquityPoints(scope, book: book) { _, point in
            curve.append(EquityPoint(ts: point.time, time: Timestamps.format(point.time, format), equity: point.equity,
                                     cash: point.cash, exposure: point.exposure))
        }
        return curve
    }

    /// Calls `body` with every equity point of one book, in time order, as stored (times not formatted): what
    /// statistics read, without ``equity(run:book:)``'s text per point.
    public func forEachEquityPoint(run: String, book: Int,
                                   _ body: (EquityRecord) -> Void) throws(JournalError) {
        try visitEquityPoints(try scope(run), book: book) { _, record in body(record) }
    }

    /// Round trips of one book, or of every book when `book` is nil, in the order they closed.
    public func trades(run: String, book: Int? = nil) throws(JournalError) -> [TradeRecord] {
        try load(.trade, run: run, where: book == nil ? nil : "book = ?", bind: { if let book { $0.bind(book) } })
            .compactMap { $0.payload as? TradeRecord }
    }

    /// The ensemble's position snapshots, in order; with `latestOnly`, the last one of each symbol (where a
    /// resumed daemon's positions stood).
    public func positions(run: String, latestOnly: Bool = false) throws(JournalError) -> [PositionRecord] {
        let all = try load(.position, run: run).compactMap { $0.payload as? PositionRecord }
        guard latestOnly else { return all }
        var latest: [Int: Int] = [:]
        for (i, position) in all.enumerated() { latest[position.symbol] = i }
        return latest.values.sorted().map { all[$0] }
    }

    /// The judge's weights over time.
    public func weights(run: String) throws(JournalError) -> [WeightsRecord] {
        try records(run: run, kinds: [.weights]).compactMap { $0.payload as? WeightsRecord }
    }

    /// Strategy faults, in order.
    public func faults(run: String) throws(JournalError) -> [FaultRecord] {
        try load(.fault, run: run).compactMap { $0.payload as? FaultRecord }
    }

    /// Orders as submitted, in order.
    public func orders(run: String) throws(JournalError) -> [OrderRecord] {
        try load(.order, run: run).compactMap { $0.payload as? OrderRecord }
    }

    /// Fills, in order.
    public func fills(run: String) throws(JournalError) -> [FillRecord] {
        try load(.fill, run: run).compactMap { $0.payload as? FillRecord }
    }

    /// How many records of each kind the run holds (kinds without records are left out).
    public func counts(run: String) throws(JournalError) -> [JournalRecord.Kind: Int] {
        let scope = try scope(run)
        var counts: [JournalRecord.Kind: Int] = [:]
        for kind in JournalRecord.Kind.allCases {
            let sql: String = switch kind {
            case .weights: "SELECT count(DISTINCT seq) FROM weights WHERE run_id = ?"
            case .equity: "SELECT coalesce(sum(points), 0) FROM equity_blocks WHERE run_id = ?"
            default: "SELECT count(*) FROM \(kind.table) WHERE run_id = ?"
            }
            let select = try database.prepare(sql)
            select.bind(scope.runID)
            let count = try select.rows { (r: inout Row) in r.int() }.first ?? 0
            if count > 0 { counts[kind] = count }
        }
        return counts
    }

    /// The run's records of the given kinds (all by default), in the order they were appended.
    public func records(run: String, kinds: Set<JournalRecord.Kind> = Set(JournalRecord.Kind.allCases))
        throws(JournalError) -> [JournalRecord] {
        let scope = try scope(run)
        var all: [(seq: Int64, record: JournalRecord)] = []
        for kind in JournalRecord.Kind.allCases where kinds.contains(kind) {
            if kind == .weights {
                all += try loadWeights(scope)
                continue
            }
            if kind == .equity {
                all += try equityPoints(scope).map { (seq: $0.seq, record: .equity($0.record)) }
                continue
            }
            all += try load(kind, scope: scope)
        }
        if kinds.count > 1 || kinds.contains(.equity) { all.sort { $0.seq < $1.seq } }
        return all.map(\.record)
    }

    // MARK: Private

    /// The run's records of one kind (not weights), optionally narrowed by a condition on their table.
    private func load(_ kind: JournalRecord.Kind, run: String, where condition: String? = nil,
                      bind: (Statement) -> Void = { _ in }) throws(JournalError) -> [JournalRecord] {
        try load(kind, scope: scope(run), where: condition, bind: bind).map(\.record)
    }

    private func load(_ kind: JournalRecord.Kind, scope: RunScope, where condition: String? = nil,
                      bind: (Statement) -> Void = { _ in }) throws(JournalError)
        -> [(seq: Int64, record: JournalRecord)] {
        guard let query = RecordQuery.all[kind] else { preconditionFailure("no query for \(kind)") }
        let select = try database.prepare(query.sql(where: condition))
        select.bind(scope.runID)
        bind(select)
        return try select.rows { (r: inout Row) throws(JournalError) in
            (seq: r.int64(), record: try query.decode(&r, scope))
        }
    }

    private func loadWeights(_ scope: RunScope) throws(JournalError) -> [(seq: Int64, record: JournalRecord)] {
        let select = try database.prepare(RecordQuery.weightsSQL)
        select.bind(scope.runID)
        let rows = try select.rows { (r: inout Row) in
            (seq: r.int64(), ts: r.int64(), instance: r.int(), weight: r.double())
        }
        var result: [(seq: Int64, record: WeightsRecord)] = []
        for row in rows {
            if result.last?.seq != row.seq { result.append((row.seq, WeightsRecord(time: row.ts, weights: []))) }
            result[result.count - 1].record.weights.append(row.weight)
        }
        return result.map { ($0.seq, .weights($0.record)) }
    }

    /// The run's equity points (of one book, or of all), with their `seq`, in the order they were appended per
    /// book.
    private func equityPoints(_ scope: RunScope, book: Int? = nil) throws(JournalError)
        -> [(seq: Int64, record: EquityRecord)] {
        var all: [(seq: Int64, record: EquityRecord)] = []
        try visitEquityPoints(scope, book: book) { seq, record in all.append((seq, record)) }
        return all
    }

    /// Calls `body` with every equity point of the run (of `book` only, when given), block by block in the order
    /// they were written, with its `seq`.
    private func visitEquityPoints(_ scope: RunScope, book: Int? = nil,
                                   _ body: (Int64, EquityRecord) -> Void) throws(JournalError) {
        let select = try database.prepare("""
            SELECT block_id, book, format, ts_unit, base_seq, first_ts, first_equity_raw, first_cash_raw,
                first_exposure_raw, points, data
            FROM equity_blocks WHERE run_id = ?\(book == nil ? "" : " AND book = ?") ORDER BY base_seq
            """)
        select.bind(scope.runID)
        if let book { select.bind(book) }
        let decoder = EquityBlockDecoder(path: path)
        var points: [PackedEquityPoint] = []
        _ = try select.rows { (r: inout Row) throws(JournalError) in
            let block = r.int64(), book = r.int(), format = r.int64(), unit = r.int64()
            let first = PackedEquityPoint(seq: r.int64(), ts: r.int64(), equity: r.int64(), cash: r.int64(),
                                          exposure: r.int64())
            let expected = r.int()
            points.removeAll(keepingCapacity: true)
            try r.withTextBytes { (data) throws(JournalError) in
                try decoder.decode(block: block, format: format, timeUnit: unit, first: first, data: data,
                                   into: &points)
            }
            guard points.count == expected else {
                throw .invalidData(path: path, message:
                    "equity_blocks row \(block): \(points.count) points, not the \(expected) it counts")
            }
            for p in points {
                body(p.seq, EquityRecord(time: p.ts, book: book, equity: Money(raw: p.equity),
                                         cash: Money(raw: p.cash), exposure: Money(raw: p.exposure)))
            }
        }
    }

    /// The run's number and symbols; throws when the file has no run with this id.
    private func scope(_ id: String) throws(JournalError) -> RunScope {
        let select = try database.prepare("SELECT run_id FROM runs WHERE id = ?")
        select.bind(id)
        guard let runID = try select.rows({ (r: inout Row) in r.int64() }).first else {
            throw .runNotFound(path: path, id: id)
        }
        return RunScope(path: path, runID: runID, symbols: try symbolNames(runID))
    }

    private func symbolNames(_ runID: Int64) throws(JournalError) -> [String] {
        let select = try database.prepare("SELECT symbol FROM symbols WHERE run_id = ? ORDER BY symbol_index")
        select.bind(runID)
        return try select.rows { (r: inout Row) in r.text() }
    }

    private func loadRuns(where condition: String, bind: (Statement) -> Void) throws(JournalError) -> [JournalRun] {
        let select = try database.prepare("""
            SELECT run_id, id, kind, status, started_at, ended_at, config_path, config_sha256, level, time_format,
                quorum_version, resumed_from, starting_cash, starting_cash_raw, final_equity, final_equity_raw,
                final_cash, final_cash_raw, message
            FROM runs WHERE \(condition) ORDER BY run_id
            """)
        bind(select)
        let rows = try select.rows { (r: inout Row) throws(JournalError) -> (Int64, JournalRun) in
            let runID = r.int64(), id = r.text(), kind = r.text(), statusText = r.text(), startedAt = r.text()
            let endedAt = r.optionalText(), configPath = r.optionalText(), configSHA256 = r.optionalText()
            let levelText = r.text(), timeFormatText = r.text(), version = r.text(), resumedFrom = r.optionalText()
            let startingCash = r.money(), finalEquity = r.optionalMoney(), finalCash = r.optionalMoney()
            let message = r.optionalText()
            guard let status = RunStatus(rawValue: statusText), let level = JournalLevel(rawValue: levelText),
                  let timeFormat = TimeFormat(journalName: timeFormatText) else {
                throw .invalidData(path: path, message: "run '\(id)' has an invalid status, level or time format")
            }
            let info = RunInfo(id: id, kind: kind, startedAt: startedAt, configPath: configPath,
                               configSHA256: configSHA256, level: level, startingCash: startingCash,
                               timeFormat: timeFormat, quorumVersion: version, symbols: [], resumedFrom: resumedFrom)
            return (runID, JournalRun(info: info, status: status, endedAt: endedAt, finalEquity: finalEquity,
                                      finalCash: finalCash, message: message))
        }
        var runs: [JournalRun] = []
        for (runID, run) in rows {
            var run = run
            run.info.symbols = try symbolNames(runID)
            runs.append(run)
        }
        return runs
    }
}
