import QuorumModel

/// Writing the rows that describe a run: `runs`, `symbols`, `plugins`, `strategies` and their details. These are
/// written on the caller's thread while the writer thread is idle.
extension Database {
    /// Inserts the run's row (status `running`) and its symbols in one transaction; returns its `run_id`.
    func insertRun(_ run: RunInfo) throws(JournalError) -> Int64 {
        try transaction { () throws(JournalError) -> Int64 in
            let existing = try prepare("SELECT 1 FROM runs WHERE id = ?")
            existing.bind(run.id)
            guard try existing.rows({ (_: inout Row) in true }).isEmpty else {
                throw .duplicateRun(path: path, id: run.id)
            }
            let insert = try prepare(SQL.insert("runs", [
                "id", "kind", "status", "started_at", "config_path", "config_sha256", "level", "time_format",
                "quorum_version", "resumed_from", "starting_cash", "starting_cash_raw"]))
            insert.bind(run.id)
            insert.bind(run.kind)
            insert.bind(RunStatus.running.rawValue)
            insert.bind(run.startedAt)
            insert.bind(run.configPath)
            insert.bind(run.configSHA256)
            insert.bind(run.level.rawValue)
            insert.bind(run.timeFormat.journalName)
            insert.bind(run.quorumVersion)
            insert.bind(run.resumedFrom)
            insert.bind(run.startingCash)
            try insert.run()
            let runID = lastInsertRowID

            let symbol = try prepare(SQL.insert("symbols", ["run_id", "symbol_index", "symbol"]))
            for (index, name) in run.symbols.enumerated() {
                symbol.bind(runID)
                symbol.bind(index)
                symbol.bind(name)
                try symbol.run()
            }
            return runID
        }
    }

    /// Inserts plugin rows, one per strategy id (a plugin without any: one row with a NULL id).
    func insertPlugins(_ plugins: [PluginRow], run runID: Int64) throws(JournalError) {
        try transaction { () throws(JournalError) in
            let insert = try prepare(SQL.insert("plugins", ["run_id", "path", "sha256", "strategy_id"]))
            for plugin in plugins {
                let ids: [String?] = plugin.strategyIDs.isEmpty ? [nil] : plugin.strategyIDs
                for id in ids {
                    insert.bind(runID)
                    insert.bind(plugin.path)
                    insert.bind(plugin.sha256)
                    insert.bind(id)
                    try insert.run()
                }
            }
        }
    }

    /// Inserts strategy instances with their symbols (by name) and parameters (sorted by name).
    func insertStrategies(_ strategies: [StrategyRow], run runID: Int64, symbols: [String]) throws(JournalError) {
        try transaction { () throws(JournalError) in
            let strategy = try prepare(SQL.insert("strategies", ["run_id", "instance", "name", "plugin", "weight"]))
            let symbol = try prepare(SQL.insert("strategy_symbols", ["run_id", "instance", "slot", "symbol"]))
            let param = try prepare(SQL.insert("strategy_params", ["run_id", "instance", "name", "value"]))
            for row in strategies {
                strategy.bind(runID)
                strategy.bind(row.instance)
                strategy.bind(row.name)
                strategy.bind(row.plugin)
                strategy.bind(row.weight)
                try strategy.run()
                for (slot, index) in row.symbols.enumerated() {
                    guard symbols.indices.contains(index) else {
                        throw .invalidData(path: path, message: "strategy '\(row.name)' follows symbol index "
                                           + "\(index); the run has \(symbols.count) symbols")
                    }
                    symbol.bind(runID)
                    symbol.bind(row.instance)
                    symbol.bind(slot)
                    symbol.bind(symbols[index])
                    try symbol.run()
                }
                for (name, value) in row.params.sorted(by: { $0.key < $1.key }) {
                    param.bind(runID)
                    param.bind(row.instance)
                    param.bind(name)
                    param.bind(value)
                    try param.run()
                }
            }
        }
    }

    /// Writes how the run ended.
    func finishRun(_ runID: Int64, outcome: RunOutcome) throws(JournalError) {
        let update = try prepare("""
            UPDATE runs SET status = ?, ended_at = ?, final_equity = ?, final_equity_raw = ?, final_cash = ?,
                final_cash_raw = ?, message = ? WHERE run_id = ?
            """)
        update.bind(outcome.status.rawValue)
        update.bind(outcome.endedAt)
        update.bind(outcome.finalEquity)
        update.bind(outcome.finalCash)
        update.bind(outcome.message)
        update.bind(runID)
        try update.run()
    }
}

/// SQL text built from column lists, so a statement's placeholders always match its columns.
enum SQL {
    /// `INSERT INTO table (a, b, …) VALUES (?, ?, …)`.
    static func insert(_ table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    }
}
