import QuorumModel

/// Commission and slippage of simulated fills (SPEC §10): zero by default. Exact: every amount is worked out in
/// integers from the fixed-point inputs (basis points to 10⁻⁸), rounded once, against the trader.
public struct CostModel: Sendable, Equatable {
    /// Commission per unit traded.
    public var perUnit: Money
    /// Commission in basis points of the notional (a number of basis points, to 10⁻⁸).
    public var bps: Ratio
    /// Minimum commission per fill (when any commission applies).
    public var minimum: Money
    /// Slippage in basis points (to 10⁻⁸, below 10 000): buys fill higher, sells lower.
    public var slippageBps: Ratio

    public init(perUnit: Money = .zero, bps: Ratio = Ratio(raw: 0), minimum: Money = .zero,
                slippageBps: Ratio = Ratio(raw: 0)) {
        self.perUnit = perUnit
        self.bps = bps
        self.minimum = minimum
        self.slippageBps = slippageBps
    }

    public static let free = CostModel()

    /// 10 000 basis points, in the 10⁻⁸ units of ``bps`` and ``slippageBps``.
    static let wholeInBps = Int128(10_000) * Int128(fixedPointScale)

    /// The fill price of a reference price after slippage, rounded to 10⁻⁸ against the trader.
    public func fillPrice(_ reference: Price, buying: Bool) -> Price {
        guard slippageBps.raw != 0 else { return reference }
        let factor = buying ? Self.wholeInBps + Int128(slippageBps.raw) : Self.wholeInBps - Int128(slippageBps.raw)
        let moved = Int128(reference.raw) * factor
        return Price(raw: FixedPoint.clamp(Self.divide(moved, by: Self.wholeInBps, roundingUp: buying)))
    }

    /// The commission of a fill of `quantity` units at `price`; the end of ``Money``'s range when it does not
    /// fit (the account refuses such a fill).
    public func commission(quantity: Quantity, price: Price) -> Money {
        guard perUnit.raw != 0 || bps.raw != 0 || minimum.raw != 0 else { return .zero }
        let units = Int128(quantity.magnitude)
        let notional = Int128(price.raw) * units
        // A notional beyond Money's range is refused by the account whatever its commission: no need to be exact.
        let ofNotional = notional > Int128(Int64.max) ? Int128(Int64.max)
            : Self.divide(notional * Int128(bps.raw), by: Self.wholeInBps, roundingUp: true)
        let raw = FixedPoint.clamp(Int128(perUnit.raw) * units + ofNotional)
        return Money(raw: max(raw, minimum.raw))
    }

    /// `value / divisor` for non-negative `value`, rounded up or down.
    private static func divide(_ value: Int128, by divisor: Int128, roundingUp: Bool) -> Int128 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return roundingUp && remainder > 0 ? quotient + 1 : quotient
    }
}
