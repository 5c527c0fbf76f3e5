import QuorumModel

/// Commission and slippage of simulated fills (SPEC §10): zero by default.
public struct CostModel: Sendable, Equatable {
    /// Commission per unit traded.
    public var perUnit: Money
    /// Commission in basis points of the notional.
    public var bps: Double
    /// Minimum commission per fill (when any commission applies).
    public var minimum: Money
    /// Slippage in basis points: buys fill higher, sells lower.
    public var slippageBps: Double

    public init(perUnit: Money = .zero, bps: Double = 0, minimum: Money = .zero, slippageBps: Double = 0) {
        self.perUnit = perUnit
        self.bps = bps
        self.minimum = minimum
        self.slippageBps = slippageBps
    }

    public static let free = CostModel()

    /// The fill price of a reference price after slippage, rounded to 10⁻⁸ against the trader.
    public func fillPrice(_ reference: Price, buying: Bool) -> Price {
        guard slippageBps != 0 else { return reference }
        let factor = buying ? 1 + slippageBps / 10_000 : 1 - slippageBps / 10_000
        return Price(raw: FixedPoint.clamp((Double(reference.raw) * factor).rounded(buying ? .up : .down)))
    }

    /// The commission of a fill of `quantity` units at `price`; the end of ``Money``'s range when it does not
    /// fit (the account refuses such a fill).
    public func commission(quantity: Quantity, price: Price) -> Money {
        guard perUnit.raw != 0 || bps != 0 || minimum.raw != 0 else { return .zero }
        let units = quantity.magnitude
        let ofNotional = FixedPoint.clamp((Double(price.raw) * Double(units) * bps / 10_000).rounded(.up))
        let raw = FixedPoint.clamp(Int128(perUnit.raw) * Int128(units) + Int128(ofNotional))
        return Money(raw: max(raw, minimum.raw))
    }
}
