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

    public init(badRows: BadRowPolicy = .error, timeRange: TimeRange = .all, chunkSize: Int = 64 * 1024,
                maximumLineLength: Int = 1 << 20, keptSkipErrors: Int = 5) {
        self.badRows = badRows
        self.timeRange = timeRange
        self.chunkSize = chunkSize
        self.maximumLineLength = maximumLineLength
        self.keptSkipErrors = keptSkipErrors
    }
}
