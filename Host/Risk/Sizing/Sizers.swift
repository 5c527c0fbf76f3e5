import QuorumModel

/// `fraction_of_cash`: ⌊cash × fraction / price⌋, with the cash and the close of the signal bar (backtrader's
/// sizing).
public struct FractionOfCash: PositionSizer {
    public var fraction: Ratio
    public init(fraction: Ratio) { self.fraction = fraction }
    public func units(_ c: SizingContext) -> Quantity { FixedPoint.units(of: c.price, within: fraction.of(c.cash)) }
}

/// `fraction_of_equity`: ⌊equity × fraction / price⌋.
public struct FractionOfEquity: PositionSizer {
    public var fraction: Ratio
    public init(fraction: Ratio) { self.fraction = fraction }
    public func units(_ c: SizingContext) -> Quantity { FixedPoint.units(of: c.price, within: fraction.of(c.equity)) }
}

/// `fixed_notional`: ⌊notional / price⌋.
public struct FixedNotional: PositionSizer {
    public var notional: Money
    public init(notional: Money) { self.notional = notional }
    public func units(_ c: SizingContext) -> Quantity { FixedPoint.units(of: c.price, within: notional) }
}

/// `fixed_quantity`: the same number of units every time.
public struct FixedQuantity: PositionSizer {
    public var quantity: Quantity
    public init(quantity: Quantity) { self.quantity = quantity }
    public func units(_ c: SizingContext) -> Quantity { quantity }
}

/// `conviction`: ⌊equity × fraction × conviction / price⌋ — a unanimous, confident verdict takes the full
/// fraction, a marginal one little. The scaled fraction is rounded to 10⁻⁸ before it is applied, so binary
/// floating-point noise never costs a unit.
public struct ConvictionScaled: PositionSizer {
    public var fraction: Ratio
    public init(fraction: Ratio) { self.fraction = fraction }
    public func units(_ c: SizingContext) -> Quantity {
        let scaled = Ratio(fraction.doubleValue * min(max(c.conviction, 0), 1)) ?? Ratio(raw: 0)
        return FixedPoint.units(of: c.price, within: scaled.of(c.equity))
    }
}

/// `kelly`: ⌊equity × f / price⌋ with f the Kelly fraction W − (1 − W) / R of the book's closed trades
/// (W win rate, R mean win / mean loss), clipped to [0, cap]. Until the record holds
/// ``TrackRecord/kellyMinimumTrades`` trades with at least one win and one loss, f is half the cap. f is
/// rounded to 10⁻⁸ before it is applied.
public struct KellyCapped: PositionSizer {
    public var cap: Ratio
    public init(cap: Ratio) { self.cap = cap }
    public func units(_ c: SizingContext) -> Quantity {
        let f = c.record.kellyFraction.map { min(max($0, 0), cap.doubleValue) } ?? cap.doubleValue / 2
        return FixedPoint.units(of: c.price, within: (Ratio(f) ?? Ratio(raw: 0)).of(c.equity))
    }
}

/// `volatility_target`: risk `riskPerTrade` of equity over a stop `atrMultiple` × ATR away:
/// ⌊equity × riskPerTrade / (atrMultiple × ATR)⌋. The stop's distance is a price in 10⁻⁸ (like every other) and
/// the division is exact. The distance is rounded up to 10⁻⁸, so the budget is never passed, unless it is within
/// binary noise (10⁻¹², relative) of a whole number of 10⁻⁸, which it is then taken as: an ATR of 0.3 computed as
/// 0.30000000000000071 sizes 2,000 units of a 2,000-unit budget (1,999 before), and 1.48e-8 is taken as 2e-8,
/// not 1e-8 (48% over the budget). No entry until the ATR is ready and positive.
public struct VolatilityTarget: PositionSizer {
    public var period: Int
    public var riskPerTrade: Ratio
    public var atrMultiple: Double
    public init(period: Int, riskPerTrade: Ratio, atrMultiple: Double) {
        self.period = period
        self.riskPerTrade = riskPerTrade
        self.atrMultiple = atrMultiple
    }
    public var atrPeriod: Int? { period }
    public func units(_ c: SizingContext) -> Quantity {
        guard c.equity.raw > 0, let distance = stopDistance(atr: c.atr) else { return 0 }
        return FixedPoint.units(of: distance, within: riskPerTrade.of(c.equity))
    }

    /// atrMultiple × ATR in 10⁻⁸, rounded as the type's comment says; nil before the ATR is ready and positive.
    public func stopDistance(atr: Double?) -> Price? {
        guard let atr, atr > 0 else { return nil }
        let scaled = atrMultiple * atr * Double(fixedPointScale)
        guard scaled > 0, scaled < 9.2e18 else { return nil }
        let nearest = scaled.rounded()
        let raw = nearest >= 1 && abs(scaled - nearest) <= scaled * 1e-12 ? nearest : scaled.rounded(.up)
        return Price(raw: Int64(raw))
    }
}
