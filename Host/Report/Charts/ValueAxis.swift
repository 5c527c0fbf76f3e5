#if canImport(Glibc)
import Glibc
#endif

/// A vertical axis with "nice" ticks (1, 2 or 5 × 10ᵏ apart) that span the data.
struct ValueAxis {
    /// How tick values are labelled.
    enum LabelStyle {
        /// Money, compacted with k, M or B ("250k", "1.5M").
        case money
        /// A fraction as a percentage ("-12%").
        case percent
        /// A plain number ("1.5").
        case plain
    }

    let low: Double
    let high: Double
    let step: Double
    let style: LabelStyle

    /// An axis covering `range` with about `targetTicks` intervals. A range without width is widened around its
    /// value so the axis still has ticks.
    init(covering range: ClosedRange<Double>, style: LabelStyle, targetTicks: Int = 5) {
        var lower = range.lowerBound, upper = range.upperBound
        if upper - lower <= abs(upper) * 1e-12 {
            let pad = max(abs(upper) * 0.05, style == .percent ? 0.01 : 1)
            lower -= pad; upper += pad
        }
        let raw = (upper - lower) / Double(max(targetTicks, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let normalised = raw / magnitude
        let step = (normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10) * magnitude
        self.step = step
        self.low = floor(lower / step + 1e-9) * step
        self.high = ceil(upper / step - 1e-9) * step
        self.style = style
    }

    /// The tick values from ``low`` to ``high``.
    var ticks: [Double] {
        let count = Int(((high - low) / step).rounded())
        return (0...count).map { low + Double($0) * step }
    }

    /// The label of a tick value.
    func label(_ value: Double) -> String {
        if abs(value) < step * 1e-9 { return style == .percent ? "0%" : "0" }
        switch style {
        case .percent:
            return MetricText.fixed(value * 100, decimals: decimals(forStep: step * 100)) + "%"
        case .plain:
            return MetricText.fixed(value, decimals: decimals(forStep: step))
        case .money:
            let largest = max(abs(low), abs(high))
            let (divisor, suffix): (Double, String) =
                largest >= 1e9 ? (1e9, "B") : largest >= 1e6 ? (1e6, "M") : largest >= 1e4 ? (1e3, "k") : (1, "")
            return MetricText.fixed(value / divisor, decimals: decimals(forStep: step / divisor)) + suffix
        }
    }

    /// The decimals that tell ticks `step` apart (0 for steps of 1 or more).
    private func decimals(forStep step: Double) -> Int {
        max(0, Int(-floor(log10(step) + 1e-9)))
    }
}
