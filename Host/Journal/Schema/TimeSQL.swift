/// SQL expressions the views use to write a nanosecond timestamp as text, as the host does
/// (``Timestamps/format(_:_:)``): one place for the arithmetic every view's `time` column repeats.
extension JournalSchema {
    /// SQL for the nanoseconds past the whole second of nanosecond timestamp `ts`, 0 to 999,999,999 (SQLite's `%`
    /// keeps the sign of `ts`), as ``Timestamps/nanosecondOfSecond(_:)`` gives them.
    static func nanosecondOfSecond(_ ts: String) -> String {
        "((\(ts) % 1000000000) + 1000000000) % 1000000000"
    }

    /// SQL for the whole seconds, rounded down, of nanosecond timestamp `ts` (SQLite's `/` truncates toward
    /// zero; times before 1970 must round down, as ``Timestamps/floor(_:_:)`` does).
    static func floorSeconds(_ ts: String) -> String {
        "(\(ts) - \(nanosecondOfSecond(ts))) / 1000000000"
    }

    /// SQL for nanosecond timestamp `ts` as text, in the run's `time_format` (the runs row is `r`), as
    /// ``Timestamps/format(_:_:)`` writes it: a date (a pattern of 10 characters), or the date, the pattern's
    /// separator, the time of day and a fraction of a second with at least the pattern's digits (those after
    /// its 20th character) and as many as the time needs.
    static func timeText(_ ts: String) -> String {
        let digits = "printf('%09d', \(nanosecondOfSecond(ts)))"
        return "strftime(CASE WHEN length(r.time_format) = 10 THEN '%Y-%m-%d' "
            + "ELSE '%Y-%m-%d' || substr(r.time_format, 11, 1) || '%H:%M:%S' END, "
            + "\(floorSeconds(ts)), 'unixepoch') || CASE WHEN length(r.time_format) = 10 THEN '' "
            + "ELSE rtrim(substr('.' || \(digits), 1, max(length(r.time_format) - 19, "
            + "1 + length(rtrim(\(digits), '0')))), '.') END"
    }
}
