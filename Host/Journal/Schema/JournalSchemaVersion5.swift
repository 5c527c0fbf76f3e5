extension JournalSchema {
    /// Version 5: the records written for every decision (signals, verdicts, risk decisions, trading states,
    /// orders, order events, fills, positions, trades) are packed in `record_blocks`, one row per kind per
    /// written batch, and each kind's table becomes a view of the same name and columns (``PackedRecords``).
    /// A file's existing rows move into blocks. Weights, faults, quarantines and transition errors stay rows.
    static let version5 = Migration(version: 5, sql: """
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
        CREATE INDEX record_blocks_by_kind ON record_blocks(kind, run_id);
        \(PackedRecords.kinds.map { kind in
            """
            \(PackedRecords.packRows(of: kind))
            DROP TABLE \(kind.table);
            \(PackedRecords.view(of: kind))
            """
        }.joined(separator: "\n"))
        """)
}
