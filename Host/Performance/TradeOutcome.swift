import QuorumModel

/// One closed round trip of a book (entry fill to exit fill of one symbol), as the statistics need it.
public struct TradeOutcome: Sendable, Equatable {
    /// Time of the fill that opened the position.
    public var entryTime: Timestamp
    /// Time of the fill that closed it.
    public var exitTime: Timestamp
    /// Realised profit or loss, net of commissions.
    public var pnl: Double
    /// |quantity| × entry price: the value traded when opening.
    public var entryNotional: Double
    /// |quantity| × exit price: the value traded when closing.
    public var exitNotional: Double

    /// A round trip from its notionals (absolute values are taken).
    public init(entryTime: Timestamp, exitTime: Timestamp, pnl: Double, entryNotional: Double, exitNotional: Double) {
        self.entryTime = entryTime
        self.exitTime = exitTime
        self.pnl = pnl
        self.entryNotional = abs(entryNotional)
        self.exitNotional = abs(exitNotional)
    }

    /// A round trip of `quantity` units (signed or not) between two fills; `pnl` is net of commissions.
    public init(entryTime: Timestamp, entryPrice: Price, exitTime: Timestamp, exitPrice: Price,
                quantity: Quantity, pnl: Money) {
        self.init(entryTime: entryTime, exitTime: exitTime, pnl: pnl.doubleValue,
                  entryNotional: entryPrice.notional(quantity).doubleValue,
                  exitNotional: exitPrice.notional(quantity).doubleValue)
    }

    /// Calendar days from entry to exit (fractional for intraday trades).
    public var holdingDays: Double { Timestamps.elapsedDays(from: entryTime, to: exitTime) }
}
