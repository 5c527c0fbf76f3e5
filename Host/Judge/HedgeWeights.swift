#if canImport(Glibc)
import Glibc
#endif

/// Adaptive weights for the `hedge` judge (SPEC §7): wᵢ ∝ priorᵢ × exp(η × rᵢ), where rᵢ is strategy i's
/// shadow-book return over the last `window` updates; normalised to sum 1, clipped to [min, max] and
/// renormalised. Updated only between events.
public struct HedgeWeights: Sendable {
    public struct Settings: Sendable, Equatable {
        public var eta: Double
        public var window: Int
        public var minWeight: Double
        public var maxWeight: Double
        public init(eta: Double = 10, window: Int = 20, minWeight: Double = 0, maxWeight: Double = 1) {
            self.eta = eta; self.window = window; self.minWeight = minWeight; self.maxWeight = maxWeight
        }
    }

    public let settings: Settings
    public let priors: [Double]
    /// Current weights, one per instance.
    public private(set) var weights: [Double]
    /// Ring of the last `window + 1` shadow equities per instance.
    private var history: [[Double]]
    private var filled = 0
    private var head = 0

    public init(priors: [Double], settings: Settings) {
        self.settings = settings
        self.priors = priors
        self.history = Array(repeating: Array(repeating: 0, count: settings.window + 1), count: priors.count)
        self.weights = []
        self.weights = normalised(priors)
    }

    /// Records each instance's shadow equity at the end of a time step and recomputes the weights.
    /// Returns true when the weights changed.
    @discardableResult
    public mutating func update(shadowEquity: [Double]) -> Bool {
        let size = settings.window + 1
        for i in priors.indices { history[i][head] = shadowEquity[i] }
        head = (head + 1) % size
        filled = min(filled + 1, size)
        let oldest = filled == size ? head : 0
        let newest = (head - 1 + size) % size
        var raw = priors
        for i in priors.indices {
            let start = history[i][oldest]
            let r = start > 0 ? history[i][newest] / start - 1 : 0
            raw[i] = priors[i] * exp(settings.eta * r)
        }
        let next = normalised(raw)
        defer { weights = next }
        return next != weights
    }

    private func normalised(_ raw: [Double]) -> [Double] {
        let total = raw.reduce(0, +)
        guard total > 0, total.isFinite else { return raw.map { _ in 0 } }
        var w = raw.map { $0 / total }
        for i in w.indices where priors[i] > 0 { w[i] = min(max(w[i], settings.minWeight), settings.maxWeight) }
        let clippedTotal = w.reduce(0, +)
        return clippedTotal > 0 ? w.map { $0 / clippedTotal } : w
    }
}
