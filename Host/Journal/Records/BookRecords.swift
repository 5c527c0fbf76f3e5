import QuorumModel

/// One round trip of one symbol in one book, from the fill that opened it to the fill that closed it
/// (table `trades`).
public struct TradeRecord: Sendable, Equatable {
    /// ``ensembleBook`` (-1) or a strategy instance's index (its shadow book).
    public var book: Int
    /// The symbol's index in ``RunInfo/symbols``.
    public var symbol: Int
    public var entryTime: Timestamp
    public var entryPrice: Price
    public var exitTime: Timestamp
    public var exitPrice: Price
    /// Signed: positive for a long trade, negative for a short one.
    public var quantity: Quantity
    /// P&L as the portfolio books it (before commissions).
    public var pnl: Money
    /// Commissions of the round trip's fills.
    public var commission: Money

    public init(book: Int, symbol: Int, entryTime: Timestamp, entryPrice: Price, exitTime: Timestamp,
                exitPrice: Price, quantity: Quantity, pnl: Money, commission: Money) {
        self.book = book
        self.symbol = symbol
        self.entryTime = entryTime
        self.entryPrice = entryPrice
        self.exitTime = exitTime
        self.exitPrice = exitPrice
        self.quantity = quantity
        self.pnl = pnl
        self.commission = commission
    }
}

/// A book's equity at the end of a time step (table `equity`).
public struct EquityRecord: Sendable, Equatable {
    public var time: Timestamp
    /// ``ensembleBook`` (-1) or a strategy instance's index (its shadow book).
    public var book: Int
    /// Cash plus positions at their marks.
    public var equity: Money
    public var cash: Money
    /// Gross exposure: the sum of |position value|.
    public var exposure: Money

    public init(time: Timestamp, book: Int, equity: Money, cash: Money, exposure: Money) {
        self.time = time
        self.book = book
        self.equity = equity
        self.cash = cash
        self.exposure = exposure
    }
}

/// The judge's weights after a change (table `weights`, one row per instance).
public struct WeightsRecord: Sendable, Equatable {
    public var time: Timestamp
    /// One per strategy instance, by instance index.
    public var weights: [Double]

    public init(time: Timestamp, weights: [Double]) {
        self.time = time
        self.weights = weights
    }
}
