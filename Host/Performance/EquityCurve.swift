/// The measures taken directly from an equity curve's values: simple returns and drawdowns.
///
/// Returns need a curve of finite, positive equities (a ratio of equities means nothing once a book is worth
/// nothing or less), drawdowns one that starts positive; they return nil otherwise, and the statistics built on
/// them are then undefined.
public enum EquityCurve {
    /// Whether every value is finite and positive, so returns and drawdowns are defined.
    public static func isMeasurable(_ equity: [Double]) -> Bool {
        equity.allSatisfy { $0.isFinite && $0 > 0 }
    }

    /// rₜ = eₜ / eₜ₋₁ − 1 for t = 1…n−1 (one fewer than the points; empty for a single point), or nil when the
    /// curve is not measurable.
    public static func returns(_ equity: [Double]) -> [Double]? {
        guard isMeasurable(equity) else { return nil }
        guard equity.count >= 2 else { return [] }
        return (1..<equity.count).map { equity[$0] / equity[$0 - 1] - 1 }
    }

    /// Whether every value is finite and the first positive, so every running peak is: drawdowns and growth
    /// from the start are defined even after the book is worth nothing or less.
    public static func startsPositive(_ equity: [Double]) -> Bool {
        equity.allSatisfy(\.isFinite) && (equity.first.map { $0 > 0 } ?? true)
    }

    /// ddₜ = eₜ / max(e₀…eₜ) − 1 for every point: 0 at a new high, negative below it, below −1 once the book is
    /// worth less than nothing. The running maximum includes the first point (empyrical's starting 1.0). Nil
    /// unless the curve ``startsPositive(_:)``.
    public static func drawdowns(_ equity: [Double]) -> [Double]? {
        guard startsPositive(equity) else { return nil }
        var peak = -Double.infinity
        return equity.map { value in
            peak = max(peak, value)
            return value / peak - 1
        }
    }
}
