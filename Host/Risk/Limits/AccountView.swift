import QuorumModel

/// What the pre-trade check sees of the account when an entry is requested.
public struct AccountView: Sendable {
    public var equity: Money
    /// Buying power left for this entry (equity − gross exposure, plus what closing the symbol's current
    /// position frees, less what entries sent but not filled yet will take).
    public var buyingPower: Money
    /// Open positions and working entries in other symbols.
    public var openPositions: Int
    /// Gross exposure in this symbol's sector besides the order's (zero without a sector): the other symbols'
    /// positions and unfilled entries, and the symbol's own position when the order adds to it.
    public var sectorExposure: Money
    /// The symbol's sector name, for the decision's text.
    public var sector: String?
    /// The value of the symbol's position when the order adds to it (a rebalance), else zero: `max_position`
    /// bounds the position the order leaves, not the order alone.
    public var positionValue: Money

    public init(equity: Money, buyingPower: Money, openPositions: Int, sectorExposure: Money = .zero,
                sector: String? = nil, positionValue: Money = .zero) {
        self.equity = equity
        self.buyingPower = buyingPower
        self.openPositions = openPositions
        self.sectorExposure = sectorExposure
        self.sector = sector
        self.positionValue = positionValue
    }
}

/// An entry the risk core is asked to approve.
public struct EntryRequest: Sendable {
    public var time: Timestamp
    public var symbol: Int
    /// Units wanted (> 0); the direction does not change the limits' arithmetic.
    public var units: Quantity
    /// Reference price (the close the verdict was made on).
    public var price: Price

    public init(time: Timestamp, symbol: Int, units: Quantity, price: Price) {
        self.time = time
        self.symbol = symbol
        self.units = units
        self.price = price
    }
}
