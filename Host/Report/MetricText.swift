#if canImport(Glibc)
import Glibc
#endif
import QuorumModel
import QuorumPerformance

/// Metric values as people read them, shared by the terminal table and the HTML pages: fractions as
/// percentages with two decimals, ratios with two decimals, days with one (three below a day), counts whole.
public enum MetricText {
    /// `value` formatted for `metric`'s unit, `∞` or `-∞` when infinite (``PerformanceMetric/rankValue(in:)``),
    /// or `missing` when the value is undefined.
    static func display(_ metric: PerformanceMetric, _ value: Double?, missing: String) -> String {
        guard let value, !value.isNaN else { return missing }
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        switch metric.unit {
        case .fraction: return fixed(value * 100, decimals: 2) + "%"
        case .ratio: return fixed(value, decimals: 2)
        case .days: return fixed(value, decimals: abs(value) < 1 ? 3 : 1)   // intraday holds: 0.045, not 0.0
        case .count: return String(Int(value.rounded()))
        }
    }

    /// The value of `metric` in `statistics` for machines (JSON, CSV): the shortest text that reads back as the
    /// same double, a whole number for counts (`trades`, `periods_per_year`); nil when undefined or not finite.
    static func exact(_ metric: PerformanceMetric, in statistics: PerformanceStatistics) -> String? {
        guard let value = metric.value(in: statistics), value.isFinite else { return nil }
        if metric.unit == .count, let whole = Int64(exactly: value) { return String(whole) }
        return String(value)
    }

    /// `value` with `decimals` places; never "-0.00".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let text = printf("%.*f", Int32(decimals), value)
        let isZero = text.allSatisfy { "-0.".contains($0) }
        return isZero && text.hasPrefix("-") ? String(text.dropFirst()) : text
    }

    /// `money` to the cent (half away from zero) with thousands separators: "1,234,567.89", "-0.50".
    public static func money(_ money: Money) -> String {
        // Quotient and remainder, not `raw + 500_000`: an amount at the end of the range must not overflow.
        let (quotient, remainder) = money.raw.quotientAndRemainder(dividingBy: 1_000_000)
        let cents = quotient + (remainder >= 500_000 ? 1 : remainder <= -500_000 ? -1 : 0)
        var digits = String(cents.magnitude / 100)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let fraction = cents.magnitude % 100
        return (cents < 0 ? "-" : "") + digits + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// C's `printf` formatting of `arguments` (Foundation's `String(format:)` without loading Foundation).
    private static func printf(_ format: String, _ arguments: CVarArg...) -> String {
        let length = withVaList(arguments) { vsnprintf(nil, 0, format, $0) }
        precondition(length >= 0, "invalid format \(format)")
        return String(unsafeUninitializedCapacity: Int(length) + 1) { buffer in
            let written = withVaList(arguments) { arguments in
                buffer.withMemoryRebound(to: CChar.self) { vsnprintf($0.baseAddress, $0.count, format, arguments) }
            }
            return Int(written)
        }
    }
}
