extension JournalSchema {
    /// Version 4: equity blocks written since are packed as differences from the previous point, with
    /// the trailing values that do not change left out and times in whole seconds where they can be
    /// (``EquityBlockFormat/fromPrevious``: a quarter of the bytes; the bytes were most of a journal's
    /// cost). Blocks written before keep their format, which the new `format` column names; the `equity`
    /// view reads both.
    static let version4 = Migration(version: 4, sql: """
        PRAGMA legacy_alter_table = ON;
        ALTER TABLE equity_blocks ADD COLUMN format INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE equity_blocks ADD COLUMN ts_unit INTEGER NOT NULL DEFAULT 1;
        DROP VIEW equity;
        \(equityView)
        PRAGMA legacy_alter_table = OFF;
        """)

    /// The `equity` view over `equity_blocks` (both block formats), as versions 4 and 6 create it.
    static let equityView = """
        CREATE VIEW equity AS
            SELECT p.seq AS seq, p.run_id AS run_id, p.ts AS ts,
                \(timeText("p.ts")) AS time,
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
        """
}
