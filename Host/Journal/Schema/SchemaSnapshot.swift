extension JournalSchema {
    /// The schema the migrations build on an empty file, as one script: a new journal is created with it in
    /// one step rather than by replaying every migration (version 3 alone rebuilds fourteen tables, ~25 ms a
    /// file). It is what `sqlite_master` holds after migrations 1 to 7 (tables, then indexes, then
    /// views, each in creation order), plus the rows those migrations seed. `SchemaTests` checks that it
    /// builds exactly what the migrations build, and prints the script to put here when a new migration
    /// changes the schema.
    static let snapshot = Migration(version: 7, sql: """
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
        CREATE TABLE journal_sequence (next_seq INTEGER NOT NULL);
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
        , format INTEGER NOT NULL DEFAULT 0, ts_unit INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE "faults" (
            seq INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(run_id), ts INTEGER NOT NULL, time TEXT NOT NULL,
        instance INTEGER NOT NULL,
        message TEXT NOT NULL
        );
        CREATE TABLE "quarantines" (
            seq INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(run_id), ts INTEGER NOT NULL, time TEXT NOT NULL,
        instance INTEGER NOT NULL
        );
        CREATE TABLE "transition_errors" (
            seq INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(run_id), ts INTEGER NOT NULL, time TEXT NOT NULL,
        machine TEXT NOT NULL,
        id TEXT NOT NULL,
        from_state TEXT NOT NULL,
        event TEXT NOT NULL,
        message TEXT NOT NULL
        );
        CREATE TABLE "weights" (
            seq INTEGER NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(run_id), ts INTEGER NOT NULL, time TEXT NOT NULL,
            instance INTEGER NOT NULL,
            weight REAL NOT NULL,
            PRIMARY KEY (seq, instance)
        );
        CREATE TABLE record_blocks (
            block_id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            kind TEXT NOT NULL,
            base_seq INTEGER NOT NULL,
            first_ts INTEGER NOT NULL,
            ts_unit INTEGER NOT NULL,
            entries INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX plugins_by_run ON plugins(run_id);
        CREATE INDEX equity_blocks_by_book ON equity_blocks(run_id, book);
        CREATE INDEX faults_by_instance ON faults(run_id, instance, ts);
        CREATE INDEX weights_by_instance ON weights(run_id, instance, ts);
        CREATE INDEX record_blocks_by_kind ON record_blocks(kind, run_id);
        CREATE VIEW events AS
            SELECT seq, run_id, ts, time, 'signal' AS kind FROM signals
            UNION ALL
            SELECT seq, run_id, ts, time, 'verdict' AS kind FROM verdicts
            UNION ALL
            SELECT seq, run_id, ts, time, 'risk_decision' AS kind FROM risk_decisions
            UNION ALL
            SELECT seq, run_id, ts, time, 'trading_state' AS kind FROM trading_states
            UNION ALL
            SELECT seq, run_id, ts, time, 'order' AS kind FROM orders
            UNION ALL
            SELECT seq, run_id, ts, time, 'order_event' AS kind FROM order_events
            UNION ALL
            SELECT seq, run_id, ts, time, 'fill' AS kind FROM fills
            UNION ALL
            SELECT seq, run_id, ts, time, 'position' AS kind FROM positions
            UNION ALL
            SELECT seq, run_id, ts, time, 'trade' AS kind FROM trades
            UNION ALL
            SELECT seq, run_id, ts, time, 'weights' AS kind FROM weights WHERE instance = 0
            UNION ALL
            SELECT seq, run_id, ts, time, 'fault' AS kind FROM faults
            UNION ALL
            SELECT seq, run_id, ts, time, 'quarantine' AS kind FROM quarantines
            UNION ALL
            SELECT seq, run_id, ts, time, 'transition_error' AS kind FROM transition_errors
            UNION ALL
            SELECT seq, run_id, ts, time, 'equity' AS kind FROM equity;
        CREATE VIEW equity AS
            SELECT p.seq AS seq, p.run_id AS run_id, p.ts AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, (p.ts - ((p.ts % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', ((p.ts % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', ((p.ts % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                p.book AS book,
                p.equity_raw / 100000000.0 AS equity, p.equity_raw AS equity_raw,
                p.cash_raw / 100000000.0 AS cash, p.cash_raw AS cash_raw,
                p.exposure_raw / 100000000.0 AS exposure, p.exposure_raw AS exposure_raw
            FROM (
                SELECT b.run_id AS run_id, b.book AS book,
                    b.base_seq + CASE b.format WHEN 0 THEN e.value ->> 0
                        ELSE sum(e.value ->> 0) OVER running END AS seq,
                    b.first_ts + CASE b.format WHEN 0 THEN e.value ->> 1
                        ELSE b.ts_unit * sum(e.value ->> 1) OVER running END AS ts,
                    b.first_equity_raw + CASE b.format WHEN 0 THEN e.value ->> 2
                        ELSE sum(coalesce(e.value ->> 2, 0)) OVER running END AS equity_raw,
                    b.first_cash_raw + CASE b.format WHEN 0 THEN e.value ->> 3
                        ELSE sum(coalesce(e.value ->> 3, 0)) OVER running END AS cash_raw,
                    b.first_exposure_raw + CASE b.format WHEN 0 THEN e.value ->> 4
                        ELSE sum(coalesce(e.value ->> 4, e.value ->> 2, 0)) OVER running END AS exposure_raw
                FROM equity_blocks b, json_each(b.data) e
                WINDOW running AS (PARTITION BY b.run_id, b.book, b.block_id ORDER BY e.key
                                   ROWS UNBOUNDED PRECEDING)
            ) p JOIN runs r ON r.run_id = p.run_id;
        CREATE VIEW signals AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS instance,
                (e.value ->> 3) AS symbol,
                (e.value ->> 4) AS direction,
                CAST((e.value ->> 5) AS REAL) AS confidence,
                CAST((e.value ->> 6) AS REAL) AS target_weight,
                (e.value ->> 7) / 100000000.0 AS stop_loss,
                (e.value ->> 7) AS stop_loss_raw,
                (e.value ->> 8) / 100000000.0 AS take_profit,
                (e.value ->> 8) AS take_profit_raw,
                (e.value ->> 9) AS expiry_bars,
                (e.value ->> 10) AS reason
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'signal';
        CREATE VIEW verdicts AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS symbol,
                (e.value ->> 3) AS direction,
                CAST((e.value ->> 4) AS REAL) AS conviction,
                CAST((e.value ->> 5) AS REAL) AS net,
                (e.value ->> 6) AS stances,
                (e.value ->> 7) AS non_flat,
                CAST((e.value ->> 8) AS REAL) AS target_weight,
                (e.value ->> 9) / 100000000.0 AS stop_loss,
                (e.value ->> 9) AS stop_loss_raw,
                (e.value ->> 10) / 100000000.0 AS take_profit,
                (e.value ->> 10) AS take_profit_raw
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'verdict';
        CREATE VIEW risk_decisions AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS symbol,
                (e.value ->> 3) AS action,
                (e.value ->> 4) AS rule,
                (e.value ->> 5) AS requested,
                (e.value ->> 6) AS approved,
                (e.value ->> 7) AS detail
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'risk_decision';
        CREATE VIEW trading_states AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS from_state,
                (e.value ->> 3) AS to_state,
                (e.value ->> 4) AS reason
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'trading_state';
        CREATE VIEW orders AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS client_order_id,
                (e.value ->> 3) AS symbol,
                (e.value ->> 4) AS side,
                (e.value ->> 5) AS type,
                (e.value ->> 6) AS quantity,
                (e.value ->> 7) / 100000000.0 AS limit_price,
                (e.value ->> 7) AS limit_price_raw,
                (e.value ->> 8) / 100000000.0 AS stop_price,
                (e.value ->> 8) AS stop_price_raw,
                (e.value ->> 9) AS trail,
                (e.value ->> 10) AS time_in_force,
                (e.value ->> 11) AS parent_id,
                (e.value ->> 12) AS leg
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'order';
        CREATE VIEW order_events AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS client_order_id,
                (e.value ->> 3) AS from_state,
                (e.value ->> 4) AS to_state,
                (e.value ->> 5) AS filled_quantity,
                (e.value ->> 6) AS reason
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'order_event';
        CREATE VIEW fills AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS client_order_id,
                (e.value ->> 3) AS symbol,
                (e.value ->> 4) AS quantity,
                (e.value ->> 5) / 100000000.0 AS price,
                (e.value ->> 5) AS price_raw,
                (e.value ->> 6) / 100000000.0 AS commission,
                (e.value ->> 6) AS commission_raw
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'fill';
        CREATE VIEW positions AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS symbol,
                (e.value ->> 3) AS quantity,
                (e.value ->> 4) / 100000000.0 AS cost_basis,
                (e.value ->> 4) AS cost_basis_raw,
                (e.value ->> 5) / 100000000.0 AS realized_pnl,
                (e.value ->> 5) AS realized_pnl_raw
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'position';
        CREATE VIEW trades AS
            SELECT b.base_seq + (e.value ->> 0) AS seq,
                b.run_id AS run_id,
                (b.first_ts + b.ts_unit * (e.value ->> 1)) AS ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((b.first_ts + b.ts_unit * (e.value ->> 1)) - (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((b.first_ts + b.ts_unit * (e.value ->> 1)) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS time,
                (e.value ->> 2) AS book,
                (e.value ->> 3) AS symbol,
                (e.value ->> 4) AS quantity,
                (e.value ->> 5) AS entry_ts,
                strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, ((e.value ->> 5) - (((e.value ->> 5) % 1000000000) + 1000000000) % 1000000000) / 1000000000, 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' ELSE rtrim(substr('.' || printf('%09d', (((e.value ->> 5) % 1000000000) + 1000000000) % 1000000000), 1, max(length(r.time_format) - 19, 1 + length(rtrim(printf('%09d', (((e.value ->> 5) % 1000000000) + 1000000000) % 1000000000), '0')))), '.') END AS entry_time,
                (e.value ->> 6) / 100000000.0 AS entry_price,
                (e.value ->> 6) AS entry_price_raw,
                (e.value ->> 7) / 100000000.0 AS exit_price,
                (e.value ->> 7) AS exit_price_raw,
                (e.value ->> 8) / 100000000.0 AS pnl,
                (e.value ->> 8) AS pnl_raw,
                (e.value ->> 9) / 100000000.0 AS commission,
                (e.value ->> 9) AS commission_raw
            FROM record_blocks b JOIN runs r ON r.run_id = b.run_id, json_each(b.data) e
            WHERE b.kind = 'trade';
        INSERT INTO journal_sequence (next_seq) VALUES (1);
        """)
}
