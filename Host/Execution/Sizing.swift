import QuorumModel

/// Turns a verdict into a position size (SPEC §8 sizing).
public protocol PositionSizer: Sendable {
    /// The absolute number of units to hold for a new position at `price`, given the account's state.
    func units(conviction: Double, price: Price, cash: Money, equity: Money) -> Quantity
}

/// ⌊cash × fraction / price⌋, with the cash and the close of the signal bar (backtrader's sizing).
public struct FractionOfCash: PositionSizer {
    public var fraction: Ratio
    public init(fraction: Ratio) { self.fraction = fraction }
    public func units(conviction: Double, price: Price, cash: Money, equity: Money) -> Quantity {
        FixedPoint.units(of: price, within: fraction.of(cash))
    }
}

/// ⌊equity × fraction / price⌋.
public struct FractionOfEquity: PositionSizer {
    public var fraction: Ratio
    public init(fraction: Ratio) { self.fraction = fraction }
    public func units(conviction: Double, price: Price, cash: Money, equity: Money) -> Quantity {
        FixedPoint.units(of: price, within: fraction.of(equity))
    }
}
