/// The journal's schema, as migrations (docs/journal.md describes every table and column).
///
/// Conventions (since version 3): every record row has `seq` (its place in the run's append-only log, unique in the
/// file and assigned by the writer from `journal_sequence`), `run_id`, `ts` (INTEGER, nanoseconds since 1970
/// in the data's clock) and `time` (TEXT, formatted as the run's data writes times). Money and prices are two
/// columns: `x REAL` for queries and `x_raw INTEGER`, the exact value in 10⁻⁸ units. Symbols are stored by
/// name; strategy instances by their index (see `strategies`).
///
/// `events`, the log of every record in order, is a view over the typed tables and views: one log table
/// written beside them doubled the cost of every record. Equity, one point per book per time step, is stored
/// in packed blocks (`equity_blocks`, a JSON array per book per written batch) and read through the `equity`
/// view: one SQLite row per point was most of a journal's cost. Since version 5 the records written for
/// every decision are packed too (`record_blocks`, ``PackedRecords``), each kind read through a view with its
/// old table's name and columns.
enum JournalSchema {
    /// Version 7 changed only the text of the views' `time` columns and of `runs.time_format`, neither of which
    /// the reader reads (it reads `ts`, and both forms of `time_format`): `compare` and `report` read a file of
    /// version 6 as it is (reading never changes a file, and the new version would otherwise refuse every
    /// journal written before it until a backtest wrote into it).
    static let migrator = Migrator([version1, version2, version3, version4, version5, version6, version7],
                                   snapshot: snapshot, template: JournalTemplate.bytes, identifyingTable: "runs",
                                   oldestReadable: 6)

    /// The schema version this build writes and reads.
    static var version: Int { migrator.latest }

    static let version1 = Migration(version: 1, sql: """
        CREATE TABLE runs (
            run_id INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            config_path TEXT,
            config_sha256 TEXT,
            level TEXT NOT NULL,
            time_format TEXT NOT NULL,
            quorum_version TEXT NOT NULL,
            resumed_from TEXT,
            starting_cash REAL NOT NULL, starting_cash_raw INTEGER NOT NULL,
            final_equity REAL, final_equity_raw INTEGER,
            final_cash REAL, final_cash_raw INTEGER,
            message TEXT
        );
        CREATE TABLE symbols (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            symbol_index INTEGER NOT NULL,
            symbol TEXT NOT NULL,
            PRIMARY KEY (run_id, symbol_index)
        );
        CREATE TABLE plugins (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            strategy_id TEXT
        );
        CREATE INDEX plugins_by_run ON plugins(run_id);
        CREATE TABLE strategies (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            instance INTEGER NOT NULL,
            name TEXT NOT NULL,
            plugin TEXT NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (run_id, instance)
        );
        CREATE TABLE strategy_symbols (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            instance INTEGER NOT NULL,
            slot INTEGER NOT NULL,
            symbol TEXT NOT NULL,
            PRIMARY KEY (run_id, instance, slot)
        );
        CREATE TABLE strategy_params (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            instance INTEGER NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, instance, name)
        );

        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            ts INTEGER NOT NULL,
            time TEXT NOT NULL,
            kind TEXT NOT NULL
        );

        CREATE TABLE signals (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            instance INTEGER NOT NULL,
            symbol TEXT NOT NULL,
            direction INTEGER NOT NULL,
            confidence REAL NOT NULL,
            target_weight REAL,
            stop_loss REAL, stop_loss_raw INTEGER,
            take_profit REAL, take_profit_raw INTEGER,
            expiry_bars INTEGER NOT NULL,
            reason TEXT
        );
        CREATE INDEX signals_by_instance ON signals(run_id, instance, ts);

        CREATE TABLE verdicts (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            symbol TEXT NOT NULL,
            direction INTEGER NOT NULL,
            conviction REAL NOT NULL,
            net REAL NOT NULL,
            stances INTEGER NOT NULL,
            non_flat INTEGER NOT NULL,
            target_weight REAL,
            stop_loss REAL, stop_loss_raw INTEGER,
            take_profit REAL, take_profit_raw INTEGER
        );
        CREATE INDEX verdicts_by_symbol ON verdicts(run_id, symbol, ts);

        CREATE TABLE risk_decisions (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            symbol TEXT NOT NULL,
            action TEXT NOT NULL,
            rule TEXT NOT NULL,
            requested INTEGER NOT NULL,
            approved INTEGER NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX risk_decisions_by_symbol ON risk_decisions(run_id, symbol, ts);

        CREATE TABLE trading_states (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX trading_states_by_run ON trading_states(run_id, ts);

        CREATE TABLE orders (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            client_order_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL,
            type TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            limit_price REAL, limit_price_raw INTEGER,
            stop_price REAL, stop_price_raw INTEGER,
            trail TEXT,
            time_in_force TEXT NOT NULL,
            parent_id TEXT,
            leg TEXT NOT NULL
        );
        CREATE INDEX orders_by_id ON orders(run_id, client_order_id);
        CREATE INDEX orders_by_symbol ON orders(run_id, symbol, ts);

        CREATE TABLE order_events (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            client_order_id TEXT NOT NULL,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            filled_quantity INTEGER NOT NULL,
            reason TEXT
        );
        CREATE INDEX order_events_by_id ON order_events(run_id, client_order_id);

        CREATE TABLE fills (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            client_order_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            price REAL NOT NULL, price_raw INTEGER NOT NULL,
            commission REAL NOT NULL, commission_raw INTEGER NOT NULL
        );
        CREATE INDEX fills_by_id ON fills(run_id, client_order_id);
        CREATE INDEX fills_by_symbol ON fills(run_id, symbol, ts);

        CREATE TABLE positions (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            symbol TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            cost_basis REAL NOT NULL, cost_basis_raw INTEGER NOT NULL,
            realized_pnl REAL NOT NULL, realized_pnl_raw INTEGER NOT NULL
        );
        CREATE INDEX positions_by_symbol ON positions(run_id, symbol, ts);

        CREATE TABLE trades (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            book INTEGER NOT NULL,
            symbol TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            entry_ts INTEGER NOT NULL, entry_time TEXT NOT NULL,
            entry_price REAL NOT NULL, entry_price_raw INTEGER NOT NULL,
            exit_price REAL NOT NULL, exit_price_raw INTEGER NOT NULL,
            pnl REAL NOT NULL, pnl_raw INTEGER NOT NULL,
            commission REAL NOT NULL, commission_raw INTEGER NOT NULL
        );
        CREATE INDEX trades_by_book ON trades(run_id, book, ts);

        CREATE TABLE equity (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            book INTEGER NOT NULL,
            equity REAL NOT NULL, equity_raw INTEGER NOT NULL,
            cash REAL NOT NULL, cash_raw INTEGER NOT NULL,
            exposure REAL NOT NULL, exposure_raw INTEGER NOT NULL
        );
        CREATE INDEX equity_by_book ON equity(run_id, book, ts);

        CREATE TABLE weights (
            seq INTEGER NOT NULL REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            instance INTEGER NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (seq, instance)
        );
        CREATE INDEX weights_by_instance ON weights(run_id, instance, ts);

        CREATE TABLE faults (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            instance INTEGER NOT NULL,
            message TEXT NOT NULL
        );
        CREATE INDEX faults_by_instance ON faults(run_id, instance, ts);

        CREATE TABLE quarantines (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            instance INTEGER NOT NULL
        );

        CREATE TABLE transition_errors (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            run_id INTEGER NOT NULL, ts INTEGER NOT NULL, time TEXT NOT NULL,
            machine TEXT NOT NULL,
            id TEXT NOT NULL,
            from_state TEXT NOT NULL,
            event TEXT NOT NULL,
            message TEXT NOT NULL
        );
        """)
}

extension JournalSchema {
    /// Version 2: per-book figures known only at the end of a run, and requests to a running process.
    static let version2 = Migration(version: 2, sql: """
        CREATE TABLE book_stats (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            book INTEGER NOT NULL,
            verdicts INTEGER NOT NULL,
            agreements INTEGER NOT NULL,
            attributed_pnl REAL NOT NULL,
            attributed_pnl_raw INTEGER NOT NULL,
            PRIMARY KEY (run_id, book)
        );
        CREATE TABLE control_requests (
            request_id INTEGER PRIMARY KEY,
            requested_at TEXT NOT NULL,
            action TEXT NOT NULL,
            reason TEXT NOT NULL,
            handled_at TEXT,
            handled_by_run TEXT
        );
        """)
}

extension JournalSchema {
    /// The kinds whose records were rows of their own table in version 3 (all but equity, which it packed in
    /// blocks), with the `events.kind` text of each; version 5 packs most of them too (``PackedRecords``).
    static let rowTables: [(table: String, kind: String)] = JournalRecord.Kind.allCases
        .filter { $0 != .equity }.map { ($0.table, $0.rawValue) }

    /// Version 3: `events` becomes a view (the writer numbers records itself, from `journal_sequence`), the
    /// typed tables lose their reference to it, and equity points are packed in `equity_blocks`.
    ///
    /// The tables written for every decision (signals, verdicts, risk decisions, orders, order events, fills,
    /// positions) have no secondary index: each index made every row about a third dearer to write, and a
    /// run's rows are stored in time order already. docs/journal.md gives the `CREATE INDEX` statements for
    /// heavy querying of a large journal. The rarer tables keep theirs.
    static let version3 = Migration(version: 3, sql: """
        PRAGMA legacy_alter_table = ON;
        CREATE TABLE journal_sequence (next_seq INTEGER NOT NULL);
        INSERT INTO journal_sequence SELECT coalesce(max(seq), 0) + 1 FROM events;

        CREATE TABLE equity_blocks (
            block_id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            book INTEGER NOT NULL,
            base_seq INTEGER NOT NULL,
            first_ts INTEGER NOT NULL,
            first_equity_raw INTEGER NOT NULL,
            first_cash_raw INTEGER NOT NULL,
            first_exposure_raw INTEGER NOT NULL,
            points INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX equity_blocks_by_book ON equity_blocks(run_id, book);
        INSERT INTO equity_blocks (run_id, book, base_seq, first_ts, first_equity_raw, first_cash_raw,
                                   first_exposure_raw, points, data)
            SELECT run_id, book, seq, ts, equity_raw, cash_raw, exposure_raw, 1,
                json_array(json_array(0, 0, 0, 0, 0))
            FROM equity ORDER BY seq;
        DROP TABLE equity;

        \(rebuild("signals", """
            instance INTEGER NOT NULL,
            symbol TEXT NOT NULL,
            direction INTEGER NOT NULL,
            confidence REAL NOT NULL,
            target_weight REAL,
            stop_loss REAL, stop_loss_raw INTEGER,
            take_profit REAL, take_profit_raw INTEGER,
            expiry_bars INTEGER NOT NULL,
            reason TEXT
            """, indexes: []))
        \(rebuild("verdicts", """
            symbol TEXT NOT NULL,
            direction INTEGER NOT NULL,
            conviction REAL NOT NULL,
            net REAL NOT NULL,
            stances INTEGER NOT NULL,
            non_flat INTEGER NOT NULL,
            target_weight REAL,
            stop_loss REAL, stop_loss_raw INTEGER,
            take_profit REAL, take_profit_raw INTEGER
            """, indexes: []))
        \(rebuild("risk_decisions", """
            symbol TEXT NOT NULL,
            action TEXT NOT NULL,
            rule TEXT NOT NULL,
            requested INTEGER NOT NULL,
            approved INTEGER NOT NULL,
            detail TEXT NOT NULL
            """, indexes: []))
        \(rebuild("trading_states", """
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            reason TEXT NOT NULL
            """, indexes: ["trading_states_by_run ON trading_states(run_id, ts)"]))
        \(rebuild("orders", """
            client_order_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL,
            type TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            limit_price REAL, limit_price_raw INTEGER,
            stop_price REAL, stop_price_raw INTEGER,
            trail TEXT,
            time_in_force TEXT NOT NULL,
            parent_id TEXT,
            leg TEXT NOT NULL
            """, indexes: []))
        \(rebuild("order_events", """
            client_order_id TEXT NOT NULL,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            filled_quantity INTEGER NOT NULL,
            reason TEXT
            """, indexes: []))
        \(rebuild("fills", """
            client_order_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            price REAL NOT NULL, price_raw INTEGER NOT NULL,
            commission REAL NOT NULL, commission_raw INTEGER NOT NULL
            """, indexes: []))
        \(rebuild("positions", """
            symbol TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            cost_basis REAL NOT NULL, cost_basis_raw INTEGER NOT NULL,
            realized_pnl REAL NOT NULL, realized_pnl_raw INTEGER NOT NULL
            """, indexes: []))
        \(rebuild("trades", """
            book INTEGER NOT NULL,
            symbol TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            entry_ts INTEGER NOT NULL, entry_time TEXT NOT NULL,
            entry_price REAL NOT NULL, entry_price_raw INTEGER NOT NULL,
            exit_price REAL NOT NULL, exit_price_raw INTEGER NOT NULL,
            pnl REAL NOT NULL, pnl_raw INTEGER NOT NULL,
            commission REAL NOT NULL, commission_raw INTEGER NOT NULL
            """, indexes: ["trades_by_book ON trades(run_id, book, ts)"]))
        \(rebuild("faults", """
            instance INTEGER NOT NULL,
            message TEXT NOT NULL
            """, indexes: ["faults_by_instance ON faults(run_id, instance, ts)"]))
        \(rebuild("quarantines", """
            instance INTEGER NOT NULL
            """, indexes: []))
        \(rebuild("transition_errors", """
            machine TEXT NOT NULL,
            id TEXT NOT NULL,
            from_state TEXT NOT NULL,
            event TEXT NOT NULL,
            message TEXT NOT NULL
            """, indexes: []))
        CREATE TABLE weights_v3 (
            seq INTEGER NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(run_id), ts INTEGER NOT NULL, time TEXT NOT NULL,
            instance INTEGER NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (seq, instance)
        );
        INSERT INTO weights_v3 SELECT * FROM weights;
        DROP TABLE weights;
        ALTER TABLE weights_v3 RENAME TO weights;
        CREATE INDEX weights_by_instance ON weights(run_id, instance, ts);

        CREATE VIEW equity AS
            SELECT b.base_seq + (p.value ->> 0) AS seq, b.run_id AS run_id, b.first_ts + (p.value ->> 1) AS ts,
                strftime(CASE r.time_format WHEN 'date' THEN '%Y-%m-%d' ELSE '%Y-%m-%dT%H:%M:%S' END,
                    \(floorSeconds("(b.first_ts + (p.value ->> 1))")), 'unixepoch') AS time,
                b.book AS book,
                (b.first_equity_raw + (p.value ->> 2)) / 100000000.0 AS equity,
                b.first_equity_raw + (p.value ->> 2) AS equity_raw,
                (b.first_cash_raw + (p.value ->> 3)) / 100000000.0 AS cash,
                b.first_cash_raw + (p.value ->> 3) AS cash_raw,
                (b.first_exposure_raw + (p.value ->> 4)) / 100000000.0 AS exposure,
                b.first_exposure_raw + (p.value ->> 4) AS exposure_raw
            FROM equity_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) p;

        DROP TABLE events;
        CREATE VIEW events AS
        \((rowTables.map { "    SELECT seq, run_id, ts, time, '\($0.kind)' AS kind FROM \($0.table)"
                          + ($0.table == "weights" ? " WHERE instance = 0" : "") }
           + ["    SELECT seq, run_id, ts, time, 'equity' AS kind FROM equity"])
            .joined(separator: "\n    UNION ALL\n"));
        PRAGMA legacy_alter_table = OFF;
        """)

    /// SQL that rebuilds record table `table` with the common columns and `columns` (copying its rows, which
    /// keep their `seq`), without v1's reference to the `events` table, and creates `indexes`. The rename runs
    /// with `legacy_alter_table` on: nothing refers to these tables by name, and the modern rename re-parses
    /// the whole schema each time (most of the cost of creating a journal).
    private static func rebuild(_ table: String, _ columns: String, indexes: [String]) -> String {
        """
        CREATE TABLE \(table)_v3 (
            seq INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(run_id), ts INTEGER NOT NULL, time TEXT NOT NULL,
        \(columns)
        );
        INSERT INTO \(table)_v3 SELECT * FROM \(table);
        DROP TABLE \(table);
        ALTER TABLE \(table)_v3 RENAME TO \(table);
        \(indexes.map { "CREATE INDEX \($0);" }.joined(separator: "\n"))
        """
    }
}

extension JournalRecord.Kind {
    /// The typed table that holds records of this kind.
    var table: String {
        switch self {
        case .signal: return "signals"
        case .verdict: return "verdicts"
        case .riskDecision: return "risk_decisions"
        case .tradingState: return "trading_states"
        case .order: return "orders"
        case .orderEvent: return "order_events"
        case .fill: return "fills"
        case .position: return "positions"
        case .trade: return "trades"
        case .equity: return "equity"
        case .weights: return "weights"
        case .fault: return "faults"
        case .quarantine: return "quarantines"
        case .transitionError: return "transition_errors"
        }
    }
}
