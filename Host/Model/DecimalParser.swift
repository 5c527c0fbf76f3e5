/// Parses decimal text ("186.31", "-0.5", "1e3", "100000") into a fixed-point integer of 10⁻⁸ units, exactly,
/// straight from bytes (no String, no Double round trip).
public enum DecimalParser {
    /// Why a number could not be parsed.
    public enum Failure: Error, Equatable, Sendable {
        case empty
        case invalidCharacter(offset: Int)
        case tooPrecise          // more than 8 decimal places that are not zero
        case outOfRange
    }

    /// Parses `bytes` as a decimal number into 10⁻⁸ units.
    ///
    /// Accepts an optional sign, digits with an optional fraction, and an optional exponent (`e`/`E`).
    /// Digits beyond the 8th decimal place must be zero: anything finer is `.tooPrecise`, never silently rounded.
    public static func parseRaw(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Int64, Failure> {
        if let plain = parsePlainRaw(bytes) { return .success(plain) }
        var i = 0
        let n = bytes.count
        guard n > 0 else { return .failure(.empty) }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-"); i = 1
        }
        var mantissa: UInt64 = 0      // all significant digits, as an integer
        var digits = 0                // digits consumed
        var fractionDigits = 0        // digits after the point that went into `mantissa`
        var sawPoint = false
        var droppedNonZero = false    // a non-zero digit that could not be kept
        while i < n {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                let d = UInt64(c - 48)
                digits += 1
                if mantissa > (UInt64.max - 9) / 10 {
                    if sawPoint { if d != 0 { droppedNonZero = true } } else { return .failure(.outOfRange) }
                } else {
                    mantissa = mantissa * 10 + d
                    if sawPoint { fractionDigits += 1 }
                }
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                break
            } else {
                return .failure(.invalidCharacter(offset: i))
            }
            i += 1
        }
        guard digits > 0 else { return .failure(i < n ? .invalidCharacter(offset: i) : .empty) }
        var exponent = 0
        if i < n {   // exponent part
            i += 1
            var expNegative = false
            if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                expNegative = bytes[i] == UInt8(ascii: "-"); i += 1
            }
            guard i < n else { return .failure(.invalidCharacter(offset: i - 1)) }
            while i < n {
                let c = bytes[i]
                guard c >= 48 && c <= 57 else { return .failure(.invalidCharacter(offset: i)) }
                exponent = exponent * 10 + Int(c - 48)
                if exponent > 400 { return .failure(.outOfRange) }
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        // value = mantissa × 10^(exponent − fractionDigits); we want value × 10^8.
        var shift = exponent - fractionDigits + fixedPointDecimals
        var value = mantissa
        while shift < 0 {
            if value % 10 != 0 { return .failure(.tooPrecise) }
            value /= 10; shift += 1
        }
        if droppedNonZero { return .failure(.tooPrecise) }
        guard let amount = scaled(value, byPowerOfTen: shift) else { return .failure(.outOfRange) }
        return .success(negative ? -amount : amount)
    }

    /// `value × 10^shift` (shift ≥ 0) as a non-negative Int64, or nil when it does not fit.
    @inline(__always)
    private static func scaled(_ value: UInt64, byPowerOfTen shift: Int) -> Int64? {
        guard shift <= 19 else { return value == 0 ? 0 : nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: DecimalPowers.ten(shift))
        guard !overflow, product <= UInt64(Int64.max) else { return nil }
        return Int64(product)
    }

    /// The common case of a price in a data file — at most 18 characters, digits with at most one point and at
    /// most 8 decimals, no sign or exponent — in 10⁻⁸ units, without the general path's per-digit checks (18
    /// digits cannot overflow a UInt64). nil for anything else, out-of-range values included, which
    /// ``parseRaw(_:)-swift.type.method`` then parses in full (and explains); whatever this accepts, the general
    /// path reads as the same value. A plain optional, so a caller on a hot path gets the value in registers.
    public static func parsePlainRaw(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = bytes.count
        guard n > 0 && n <= 18, let base = bytes.baseAddress else { return nil }
        var mantissa: UInt64 = 0
        var point = -1
        for k in 0..<n {
            let digit = base[k] &- UInt8(ascii: "0")
            if digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
            } else if base[k] == UInt8(ascii: ".") && point < 0 {
                point = k
            } else {
                return nil
            }
        }
        let fractionDigits = point < 0 ? 0 : n &- 1 &- point
        guard fractionDigits <= fixedPointDecimals, n > (point < 0 ? 0 : 1) else { return nil }
        return scaled(mantissa, byPowerOfTen: fixedPointDecimals &- fractionDigits)
    }

    /// Parses a String (configuration values, command-line arguments).
    public static func parseRaw(_ text: String) -> Result<Int64, Failure> {
        var text = text
        return text.withUTF8 { parseRaw($0) }
    }
}
