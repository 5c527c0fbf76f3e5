/// Integers written in decimal straight into a byte buffer, without a `String` on the way: the one formatter
/// behind the text written for every journaled record (times, client order ids, packed equity points).
public enum DecimalText {
    /// The most bytes ``write(_:minimumDigits:to:)`` writes for `minimumDigits` ≤ 19: a sign and 19 digits.
    public static let maxLength = 20

    /// Writes `value` at `out` (a `-` first when negative), with leading zeros up to `minimumDigits` digits
    /// (at most 24), and returns the number of bytes written. `out` must have room for them: a sign when
    /// `value` is negative, and the larger of `value`'s digit count and `minimumDigits` (so at most
    /// ``maxLength`` bytes for `minimumDigits` ≤ 19).
    public static func write(_ value: Int64, minimumDigits: Int = 1, to out: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(minimumDigits <= 24, "at most 24 digits")
        var magnitude = value.magnitude
        // Digit count: ⌊bits × log₁₀2⌋ (1233/4096), plus one when the value reaches the next power of ten.
        let estimate = ((64 &- magnitude.leadingZeroBitCount) &* 1233) &>> 12
        let digits = max(magnitude >= DecimalPowers.ten(estimate) ? estimate &+ 1 : estimate, 1)
        var end = max(digits, minimumDigits)
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            end &+= 1
        }
        let written = end
        let pairs = decimalPairs.utf8Start
        while magnitude >= 100 {  // two digits per division, from the last
            let pair = Int(truncatingIfNeeded: magnitude % 100) &* 2
            magnitude /= 100
            end &-= 2
            out[end] = pairs[pair]
            out[end &+ 1] = pairs[pair &+ 1]
        }
        if magnitude >= 10 {
            let pair = Int(truncatingIfNeeded: magnitude) &* 2
            end &-= 2
            out[end] = pairs[pair]
            out[end &+ 1] = pairs[pair &+ 1]
        } else {
            end &-= 1
            out[end] = UInt8(truncatingIfNeeded: magnitude) &+ UInt8(ascii: "0")
        }
        let zerosStart = value < 0 ? 1 : 0
        while end > zerosStart {  // leading zeros up to minimumDigits
            end &-= 1
            out[end] = UInt8(ascii: "0")
        }
        return written
    }
}

/// "00" "01" … "99": two ASCII digits for each number below 100 (a static string: no lazy initialization).
private let decimalPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
