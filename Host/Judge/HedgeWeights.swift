#if canImport(Glibc)
import Glibc
#endif

/// Adaptive weights for the `hedge` judge (SPEC §7): wᵢ ∝ priorᵢ × exp(η × rᵢ), where rᵢ is strategy i's
/// shadow-book return over the last `window` updates; normalised to sum 1 with each weight within [min, max].
/// Updated only between events.
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
        // exp(η·r) is taken relative to the largest exponent: its ratios are the weights', and it cannot overflow
        // (η·r past ~710 made it infinite, and every weight 0).
        var exponents = priors.indices.map { i -> Double in
            let start = history[i][oldest]
            return settings.eta * (start > 0 ? history[i][newest] / start - 1 : 0)
        }
        let largest = priors.indices.filter { priors[$0] > 0 }.map { exponents[$0] }.max() ?? 0
        for i in exponents.indices { exponents[i] -= largest }
        let raw = priors.indices.map { priors[$0] * exp(exponents[$0]) }
        let next = normalised(raw)
        defer { weights = next }
        return next != weights
    }

    /// `raw` scaled to sum 1 with every voting instance's weight within [min, max]: weights that would leave
    /// the bounds are held at them and the rest share what is left in proportion, again until none leaves them
    /// (clipping once and renormalising pushed weights back past the bounds). When the bounds cannot hold
    /// together (n × max < 1 or n × min > 1), the weights are the bounded ones scaled to sum 1.
    private func normalised(_ raw: [Double]) -> [Double] {
        let total = raw.reduce(0, +)
        guard total > 0, total.isFinite else { return raw.map { _ in 0 } }
        var w = raw.map { $0 / total }
        var held = priors.map { $0 <= 0 }   // weight-0 instances do not vote: nothing to bound
        for _ in w.indices {
            let free = w.indices.filter { !held[$0] }
            let freeTotal = free.reduce(0) { $0 + w[$1] }
            let left = 1 - w.indices.filter { held[$0] }.reduce(0) { $0 + w[$1] }
            guard !free.isEmpty, freeTotal > 0 else { break }
            for i in free { w[i] = w[i] / freeTotal * left }
            let above = free.filter { w[$0] > settings.maxWeight }
            let below = free.filter { w[$0] < settings.minWeight }
            guard !above.isEmpty || !below.isEmpty else { break }
            for i in above.isEmpty ? below : above {
                w[i] = above.isEmpty ? settings.minWeight : settings.maxWeight
                held[i] = true
            }
        }
        let sum = w.reduce(0, +)
        return sum > 0 && abs(sum - 1) > 1e-12 ? w.map { $0 / sum } : w
    }
}
