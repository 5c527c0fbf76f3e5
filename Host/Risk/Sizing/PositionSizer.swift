import QuorumModel

/// What a sizer may look at when it sizes an entry (SPEC §8).
public struct SizingContext: Sendable {
    /// The verdict's conviction, in [0, 1].
    public var conviction: Double
    /// The reference price: the close of the bar the verdict was made on.
    public var price: Price
    /// Buying power available to this entry (including what closing the symbol's current position frees).
    public var cash: Money
    public var equity: Money
    /// ATR of the symbol at the verdict's bar, when the sizer asked for it and it is ready.
    public var atr: Double?
    /// The book's closed trades.
    public var record: TrackRecord

    public init(conviction: Double, price: Price, cash: Money, equity: Money, atr: Double? = nil,
                record: TrackRecord = TrackRecord()) {
        self.conviction = conviction
        self.price = price
        self.cash = cash
        self.equity = equity
        self.atr = atr
        self.record = record
    }
}

/// Turns a verdict into a position size before the hard limits look at it.
public protocol PositionSizer: Sendable {
    /// The absolute number of units a new position should have (0 = no entry).
    func units(_ context: SizingContext) -> Quantity
    /// The ATR period the sizer needs (nil when it does not use ATR).
    var atrPeriod: Int? { get }
    /// The distance from the entry's price of the stop the sizer sized for, given the symbol's `atr` (nil when
    /// it sizes for none): the entry's stop-loss is placed no farther.
    func stopDistance(atr: Double?) -> Price?
}

extension PositionSizer {
    public var atrPeriod: Int? { nil }
    public func stopDistance(atr: Double?) -> Price? { nil }
}
