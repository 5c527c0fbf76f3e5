/// Fixed-point decimal amounts. Money never drifts: cash, prices and P&L are integers of 10⁻⁸ units, and every
/// operation on them is exact or rounds once, explicitly (NautilusTrader keeps money the same way).
///
/// Range: ±92,233,720,368.54775807 at scale 10⁻⁸. Prices convert to `Double` exactly rounded (the integer and
/// the scale are both exact doubles below 2⁵³, so one IEEE division gives the nearest double to the decimal).

/// The number of decimal places kept by ``Price`` and ``Money``.
public let fixedPointDecimals = 8
/// 10^``fixedPointDecimals``.
public let fixedPointScale: Int64 = 100_000_000

/// A price per unit, in 10⁻⁸ of the quote currency.
public struct Price: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in 10⁻⁸ units.
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
    /// The nearest price to `value` (rounded half away from zero); nil when not finite or out of range.
    public init?(_ value: Double) {
        guard let raw = FixedPoint.raw(rounding: value) else { return nil }
        self.raw = raw
    }
    /// The nearest double to this decimal price.
    @inlinable public var doubleValue: Double { Double(raw) / Double(fixedPointScale) }
    @inlinable public static func < (a: Price, b: Price) -> Bool { a.raw < b.raw }
    public var description: String { FixedPoint.format(raw) }
}

/// An amount of money, in 10⁻⁸ of the account currency.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible, AdditiveArithmetic {
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
    /// Whole currency units, e.g. `Money(units: 100_000)`.
    @inlinable public init(units: Int64) { self.raw = units * fixedPointScale }
    public init?(_ value: Double) {
        guard let raw = FixedPoint.raw(rounding: value) else { return nil }
        self.raw = raw
    }
    public static let zero = Money(raw: 0)
    @inlinable public var doubleValue: Double { Double(raw) / Double(fixedPointScale) }
    @inlinable public static func < (a: Money, b: Money) -> Bool { a.raw < b.raw }
    @inlinable public static func + (a: Money, b: Money) -> Money { Money(raw: a.raw + b.raw) }
    @inlinable public static func - (a: Money, b: Money) -> Money { Money(raw: a.raw - b.raw) }
    @inlinable public static prefix func - (a: Money) -> Money { Money(raw: -a.raw) }
    public var description: String { FixedPoint.format(raw) }
}

/// A signed number of units (shares, contracts). Whole units; negative is short.
public typealias Quantity = Int64

extension Money {
    /// `self + other`, or the nearest end of the range when the sum does not fit.
    @inlinable public func clampedAdding(_ other: Money) -> Money {
        Money(raw: FixedPoint.clamp(Int128(raw) + Int128(other.raw)))
    }

    /// `self - other`, or the nearest end of the range when the difference does not fit.
    @inlinable public func clampedSubtracting(_ other: Money) -> Money {
        Money(raw: FixedPoint.clamp(Int128(raw) - Int128(other.raw)))
    }
}

extension Price {
    /// The exact value of `quantity` units at this price, or the nearest end of ``Money``'s range when it does
    /// not fit (an order that large is beyond every budget it is compared with; it never wraps to a small one).
    @inlinable public func notional(_ quantity: Quantity) -> Money {
        Money(raw: FixedPoint.clamp(FixedPoint.product(raw, quantity)))
    }
}

/// A dimensionless fixed-point ratio (e.g. a sizing fraction of 0.95), exact to 10⁻⁸.
public struct Ratio: Hashable, Sendable, CustomStringConvertible {
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
    public init?(_ value: Double) {
        guard let raw = FixedPoint.raw(rounding: value) else { return nil }
        self.raw = raw
    }
    @inlinable public var doubleValue: Double { Double(raw) / Double(fixedPointScale) }
    /// `money × self`, rounded toward zero to 10⁻⁸ (the end of Money's range for a ratio above 1 that takes it
    /// beyond).
    @inlinable public func of(_ money: Money) -> Money {
        Money(raw: FixedPoint.clamp(Int128(money.raw) * Int128(raw) / Int128(fixedPointScale)))
    }

    /// ⌊`amount` × self⌋ in whole units, exact (`amount` is taken at its exact binary value, the ratio at its
    /// exact decimal one: 0.29 × 100 is 29, where the doubles' product is 28.999999999999996); 0 for a ratio
    /// or amount that is not positive (NaN included), `Int64.max` when the result does not fit.
    public func wholeUnits(of amount: Double) -> Int64 {
        guard raw > 0, amount > 0 else { return 0 }
        guard amount.isFinite else { return .max }
        // amount = m × 2^shift exactly, m < 2⁵³; raw × m < 2¹¹⁶.
        let exponentBits = Int(amount.exponentBitPattern)
        let m = UInt128(amount.significandBitPattern) | (exponentBits == 0 ? 0 : 1 << 52)
        let shift = (exponentBits == 0 ? 1 : exponentBits) - 1075
        let product = UInt128(raw) * m
        let scale = UInt128(fixedPointScale)
        if shift >= 0 {
            // ⌊N·2^s / 10⁸⌋ = ⌊N / 10⁸⌋·2^s + ⌊(N mod 10⁸)·2^s / 10⁸⌋, each part in range or past Int64.max.
            // (A ratio of at least 10⁻⁸ of an amount of at least 2¹¹⁵ is past it whatever its value.)
            guard shift < 63 else { return .max }
            let (whole, rest) = product.quotientAndRemainder(dividingBy: scale)
            guard whole >> (63 - shift) == 0 else { return .max }
            let units = (whole << shift) + (rest << shift) / scale
            return units > UInt128(Int64.max) ? .max : Int64(units)
        }
        // ⌊⌊N / 10⁸⌋ / 2^k⌋ = ⌊N / (10⁸ × 2^k)⌋ for whole N.
        let units = -shift >= 128 ? 0 : (product / scale) >> -shift
        return units > UInt128(Int64.max) ? .max : Int64(units)
    }
    public var description: String { FixedPoint.format(raw) }
}

/// Helpers shared by the fixed-point types.
public enum FixedPoint {
    /// `value × 10⁸` rounded half away from zero, or nil when not finite or out of range.
    public static func raw(rounding value: Double) -> Int64? {
        guard value.isFinite else { return nil }
        let scaled = (value * Double(fixedPointScale)).rounded(.toNearestOrAwayFromZero)
        guard scaled > -9.2e18, scaled < 9.2e18 else { return nil }
        return Int64(scaled)
    }

    /// `a × b`, exactly: a product of two 64-bit integers always fits in 128 bits, so it is the one widening
    /// multiply it is (an overflow-checked 128-bit multiply costs several times more, and every step values
    /// every book).
    @inlinable public static func product(_ a: Int64, _ b: Int64) -> Int128 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return Int128(high) << 64 | Int128(low)
    }

    /// `value` when it fits in 64 bits, else the nearest end of the range. (The stdlib's generic
    /// `Int64(clamping:)` does the same in two more instructions, on the path that values every book every
    /// step.)
    @inlinable public static func clamp(_ value: Int128) -> Int64 {
        value > Int128(Int64.max) ? .max : (value < Int128(Int64.min) ? .min : Int64(value))
    }

    /// `value`, a whole number, as an integer, or the nearest end of the 64-bit range when it does not fit
    /// (NaN: 0). Round first: `FixedPoint.clamp((x * y).rounded(.down))`.
    @inlinable public static func clamp(_ value: Double) -> Int64 {
        guard !value.isNaN else { return 0 }
        // 2⁶³ is the first double above Int64.max; every double below it converts exactly.
        if value >= 9_223_372_036_854_775_808.0 { return .max }
        if value < -9_223_372_036_854_775_808.0 { return .min }
        return Int64(value)
    }

    /// The whole number of units of price `price` that `budget` buys: ⌊budget / price⌋, exact.
    @inlinable public static func units(of price: Price, within budget: Money) -> Quantity {
        guard price.raw > 0, budget.raw > 0 else { return 0 }
        return budget.raw / price.raw
    }

    /// Formats a raw 10⁻⁸ amount as a plain decimal with trailing zeros trimmed ("186.31", "-0.5", "100000").
    public static func format(_ raw: Int64) -> String {
        // Written on the stack: a String made with room for all 21 bytes would be allocated on the heap even
        // for the short texts (up to 15 bytes) that a String keeps inline, as nearly all amounts are.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxTextLength) { buffer in
            let count = write(raw, to: buffer.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// The most bytes ``write(_:to:)`` writes: a sign, 11 whole digits (|Int64| / 10⁸ < 10¹¹), a point and 8
    /// fraction digits.
    public static let maxTextLength = 21

    /// Writes `raw` as ``format(_:)`` does at `out` (room for ``maxTextLength`` bytes) and returns the number of
    /// bytes written: byte by byte, without a `String` per part (risk explanations print several amounts for
    /// every order).
    public static func write(_ raw: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = raw.magnitude
        let whole = magnitude / UInt64(fixedPointScale)
        var fraction = Int64(magnitude % UInt64(fixedPointScale))
        var digits = fixedPointDecimals
        if fraction != 0 {
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        }
        var n = 0
        if raw < 0 { out[0] = UInt8(ascii: "-"); n = 1 }
        n += DecimalText.write(Int64(whole), to: out + n)
        if fraction != 0 {
            out[n] = UInt8(ascii: ".")
            n += 1
            n += DecimalText.write(fraction, minimumDigits: digits, to: out + n)
        }
        return n
    }
}
