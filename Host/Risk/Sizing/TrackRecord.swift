import QuorumModel

/// Wins and losses of a book's closed trades, for Kelly sizing.
public struct TrackRecord: Sendable, Equatable {
    /// Trades needed before the Kelly fraction is estimated from the record.
    public static let kellyMinimumTrades = 10

    public private(set) var wins = 0
    public private(set) var losses = 0
    public private(set) var grossWin = Money.zero
    public private(set) var grossLoss = Money.zero

    public init() {}

    /// Adds a closed trade with net P&L `pnl` (a trade at exactly zero counts as neither). The gross sums
    /// saturate at the end of Money's range (they only size a fraction, as a ratio of means).
    public mutating func add(pnl: Money) {
        if pnl.raw > 0 { wins += 1; grossWin = grossWin.clampedAdding(pnl) }
        if pnl.raw < 0 { losses += 1; grossLoss = grossLoss.clampedSubtracting(pnl) }
    }

    /// W − (1 − W) / R, or nil while the record is too short to say.
    public var kellyFraction: Double? {
        let trades = wins + losses
        guard trades >= Self.kellyMinimumTrades, wins > 0, losses > 0 else { return nil }
        let w = Double(wins) / Double(trades)
        let r = (grossWin.doubleValue / Double(wins)) / (grossLoss.doubleValue / Double(losses))
        return w - (1 - w) / r
    }
}
