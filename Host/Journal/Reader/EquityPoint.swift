import QuorumModel

/// One point of a book's equity curve, as ``JournalReader/equity(run:book:)`` returns it.
public struct EquityPoint: Sendable, Equatable {
    /// Nanoseconds since 1970 in the data's clock.
    public var ts: Timestamp
    /// `ts` as the run's data writes times.
    public var time: String
    public var equity: Money
    public var cash: Money
    /// Gross exposure.
    public var exposure: Money

    public init(ts: Timestamp, time: String, equity: Money, cash: Money, exposure: Money) {
        self.ts = ts
        self.time = time
        self.equity = equity
        self.cash = cash
        self.exposure = exposure
    }
}
