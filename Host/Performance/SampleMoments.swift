/// Sums and moments of a sample, computed so that they agree with numpy (and so empyrical) to about 1e-14
/// relative: sums are compensated (Neumaier) and variances take two passes (mean first, then squared
/// deviations from it), which avoids the cancellation of the one-pass Σx² − n·x̄² formula.
enum SampleMoments {
    /// Σ values with Neumaier's compensated summation.
    static func sum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var total = 0.0
        var compensation = 0.0
        for v in values {
            let t = total + v
            compensation += abs(total) >= abs(v) ? (total - t) + v : (v - t) + total
            total = t
        }
        return total + compensation
    }

    /// The arithmetic mean; nil for an empty sample.
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : sum(values) / Double(values.count)
    }

    /// The sample standard deviation (ddof = 1, numpy's `std(x, ddof=1)`); nil with fewer than two values.
    static func sampleStandardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2, let m = mean(values) else { return nil }
        let squares = sum(values.lazy.map { ($0 - m) * ($0 - m) })
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// √(mean(min(r, 0)²)) over the whole sample (empyrical's downside risk with a 0 target); nil when empty.
    static func downsideDeviation(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let squares = sum(values.lazy.map { min($0, 0) * min($0, 0) })
        return (squares / Double(values.count)).squareRoot()
    }
}
