import QuorumConfig

extension Sizing {
    /// The sizer that implements this configured mode.
    public func makeSizer() -> any PositionSizer {
        switch self {
        case .fractionOfCash(let f): return FractionOfCash(fraction: f)
        case .fractionOfEquity(let f): return FractionOfEquity(fraction: f)
        case .fixedNotional(let n): return FixedNotional(notional: n)
        case .fixedQuantity(let q): return FixedQuantity(quantity: q)
        case .conviction(let f): return ConvictionScaled(fraction: f)
        case .kelly(let cap): return KellyCapped(cap: cap)
        case .volatilityTarget(let period, let risk, let multiple):
            return VolatilityTarget(period: period, riskPerTrade: risk, atrMultiple: multiple)
        }
    }
}
