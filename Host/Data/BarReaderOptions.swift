/// How a ``CSVBarReader`` reads one file.
public struct BarReaderOptions: Sendable, Equatable {
    /// What to do with rows that fail validation.
    public var badRows: BadRowPolicy
    /// Only bars inside this window are delivered (rows outside it are still validated, up to the row after the
    /// first bar past its end).
    public var timeRange: TimeRange
    /// Bytes read per read(2) call; also the initial size of the reader's one buffer.
    public var chunkSize: Int
    /// Longest line accepted; the buffer grows up to this size for a line longer than a chunk.
    public var maximumLineLength: Int
    /// How many skipped-row errors ``SkippedRows/firstErrors`` keeps.
    public var keptSkipErrors: Int
    /// Stamp each bar of a file of dates at the last nanosecond of its day, when it is complete, instead of at
    /// its midnight. For a run that mixes such files with intraday ones: the merged stream then orders bars by
    /// when their data is known, so a day's intraday bars come before its daily bar. A date-only `--to` still
    /// takes in its day's bar; the bar's date is printed as before.
    public var stampsDatesAtDayEnd: Bool

    public init(badRows: BadRowPolicy = .error, timeRange: TimeRange = .all, chunkSize: Int = 64 * 1024,
                maximumLineLength: Int = 1 << 20, keptSkipErrors: Int = 5, stampsDatesAtDayEnd: Bool = false) {
        self.badRows = badRows
        self.timeRange = timeRange
        self.chunkSize = chunkSize
        self.maximumLineLength = maximumLineLength
        self.keptSkipErrors = keptSkipErrors
        self.stampsDatesAtDayEnd = stampsDatesAtDayEnd
    }
}
