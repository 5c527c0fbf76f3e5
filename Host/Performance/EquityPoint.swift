import QuorumModel

/// One point of a book's equity curve: its value (cash plus positions marked to market) at the end of a bar.
public struct EquityPoint: Sendable, Equatable {
    /// When the value was taken (the bar's time, in the data's clock).
    public var time: Timestamp
    /// Cash plus the marked value of every position.
    public var equity: Double
    /// The gross value of the open positions (Σ|quantity × price|), or nil when the source does not record it.
    /// Only whether it is zero matters to ``PerformanceStatistics/exposure``.
    public var exposure: Double?

    /// A point of the curve; `exposure` is the gross position value when known.
    public init(time: Timestamp, equity: Double, exposure: Double? = nil) {
        self.time = time
        self.equity = equity
        self.exposure = exposure
    }
}
