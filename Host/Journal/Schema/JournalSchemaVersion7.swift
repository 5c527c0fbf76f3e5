extension JournalSchema {
    /// Version 7: times are written as the data writes them (SPEC §13) — `2024-01-02 09:30:00.500` stays so,
    /// where the views and the host wrote `2024-01-02T09:30:00.5`. `runs.time_format` holds the run's
    /// ``TimeFormat/pattern`` (`YYYY-MM-DD HH:MM:SS.fff`) instead of `date` or `datetime`, which become
    /// `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS` (the texts they wrote); the views write the pattern's separator and
    /// at least its digits of a second. No other row moves.
    static let version7 = Migration(version: 7, sql: """
        UPDATE runs SET time_format = CASE time_format
            WHEN 'date' THEN 'YYYY-MM-DD' WHEN 'datetime' THEN 'YYYY-MM-DDTHH:MM:SS' ELSE time_format END;
        \(timeViewsAgain)
        """)
}
