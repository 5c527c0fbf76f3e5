extension JournalSchema {
    /// Version 6: the views write a time of day with its fraction of a second when it has one
    /// (`2024-01-02T09:30:00.25`), as ``Timestamps/format(_:_:)`` does; they dropped it, so that bars less than
    /// a second apart read the same time. Only views change: no row moves.
    static let version6 = Migration(version: 6, sql: timeViewsAgain)

    /// Drops and creates again every view that writes a time (`equity` and the views of ``PackedRecords``), so
    /// that they write it as ``timeText(_:)`` does now.
    static var timeViewsAgain: String {
        """
        DROP VIEW equity;
        \(equityView)
        \(PackedRecords.kinds.map { kind in
            """
            DROP VIEW \(kind.table);
            \(PackedRecords.view(of: kind))
            """
        }.joined(separator: "\n"))
        """
    }
}
