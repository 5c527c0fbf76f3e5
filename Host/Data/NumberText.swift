#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsing of the numeric fields that are not fixed-point prices, straight from bytes.
enum NumberText {
    /// The outcome of parsing a floating-point field.
    enum DoubleOutcome {
        case value(Double)
        case notFinite
        case invalid
    }

    /// Exact powers of ten as doubles (10²² is the largest that is exact).
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Parses a decimal number into the nearest double (correctly rounded).
    ///
    /// Plain decimals with at most 15–16 significant digits take a fast exact path (an exact integer divided by an
    /// exact power of ten rounds once); anything else (exponents, long mantissas) goes to `strtod` on a small
    /// NUL-terminated stack copy. `nan`/`inf`/`infinity` (any case, any sign) are reported as `.notFinite`.
    static func parseDouble(_ field: UnsafeBufferPointer<UInt8>) -> DoubleOutcome {
        let n = field.count
        guard n > 0 else { return .invalid }
        var i = 0
        var negative = false
        if field[0] == UInt8(ascii: "-") || field[0] == UInt8(ascii: "+") {
            negative = field[0] == UInt8(ascii: "-"); i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        var plain = true
        while i < n {
            let c = field[i]
            if c >= 48 && c <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(c - 48)
                digits += 1
                if sawPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                plain = false
                break
            }
            i += 1
        }
        if plain && digits > 0 && digits <= 19 && mantissa <= 1 << 53 && fractionDigits <= 22 {
            let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
            return .value(negative ? -magnitude : magnitude)
        }
        return parseWithStrtod(field)
    }

    private static func parseWithStrtod(_ field: UnsafeBufferPointer<UInt8>) -> DoubleOutcome {
        if isNonFiniteWord(field) { return .notFinite }
        // strtod also accepts hex floats and leading spaces; only hand it plain decimal characters.
        for c in field {
            switch c {
            case 48...57, UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                continue
            default:
                return .invalid
            }
        }
        guard field.count <= 256 else { return .invalid }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: field.count + 1) { copy in
            for k in 0..<field.count { copy[k] = CChar(bitPattern: field[k]) }
            copy[field.count] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(copy.baseAddress!, &endPointer)
            guard let endPointer, copy.baseAddress!.distance(to: endPointer) == field.count else { return .invalid }
            return value.isFinite ? .value(value) : .notFinite
        }
    }

    /// True for `nan`, `inf` and `infinity` in any case, with an optional sign.
    static func isNonFiniteWord(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        if field.count > 0 && (field[0] == UInt8(ascii: "-") || field[0] == UInt8(ascii: "+")) { start = 1 }
        guard field.count - start <= 8 else { return false }
        var word = ""
        for k in start..<field.count { word.unicodeScalars.append(Unicode.Scalar(field[k] | 0x20)) }
        return word == "nan" || word == "inf" || word == "infinity"
    }
}
