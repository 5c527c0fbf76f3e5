import QuorumModel

/// Figures of one book known only when a run ends (`book_stats`): how often a strategy agreed with the
/// ensemble's verdicts, and the share of the ensemble's P&L attributed to it.
public struct BookStatsRow: Sendable, Equatable {
    /// ``ensembleBook`` or a strategy instance's index.
    public var book: Int
    /// Verdicts on the strategy's symbols at which it held a stance.
    public var verdicts: Int
    /// Of those, the verdicts whose direction its stance had.
    public var agreements: Int
    /// The ensemble's net P&L attributed to the strategy.
    public var attributedPnL: Money

    public init(book: Int, verdicts: Int, agreements: Int, attributedPnL: Money) {
        self.book = book
        self.verdicts = verdicts
        self.agreements = agreements
        self.attributedPnL = attributedPnL
    }

    /// agreements / verdicts, or nil without verdicts.
    public var agreement: Double? { verdicts > 0 ? Double(agreements) / Double(verdicts) : nil }
}
