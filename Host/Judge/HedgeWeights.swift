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
        // exp(η·r) is taken relative to the largest voter's exponent: its ratios are the weights', and it cannot
        // overflow (η·r past ~710 made it infinite, and every weight 0). Instances that do not vote get nothing.
        let exponents = priors.indices.map { i -> Double in
            let start = history[i][oldest]
            return settings.eta * (start > 0 ? history[i][newest] / start - 1 : 0)
        }
        let largest = priors.indices.filter { priors[$0] > 0 }.map { exponents[$0] }.max() ?? 0
        let raw = priors.indices.map { priors[$0] > 0 ? priors[$0] * exp(exponents[$0] - largest) : 0 }
        let next = normalised(raw)
        defer { weights = next }
        return next != weights
    }

    /// The weights for `raw`: wᵢ = clamp(c × rawᵢ, min, max) over the voting instances (prior > 0), with the c
    /// that makes them sum to 1 — each weight within its bounds, the free ones in proportion to their raw
    /// values (clipping once and renormalising pushed weights back past the bounds). When the bounds cannot
    /// hold together (n × max < 1, n × min > 1), every voter gets 1 / n. Every sum is exact (``ExactSum``), so
    /// the weights do not depend on the order the strategies are listed in.
    private func normalised(_ raw: [Double]) -> [Double] {
        var w = raw.map { _ in 0.0 }
        let voters = priors.indices.filter { priors[$0] > 0 }
        let total = ExactSum.of(count: voters.count) { raw[voters[$0]] }
        guard !voters.isEmpty, total > 0, total.isFinite else { return w }
        let n = Double(voters.count), low = settings.minWeight, high = settings.maxWeight
        guard n * high >= 1, n * low <= 1, low <= high else {
            for i in voters { w[i] = 1 / n }
            return w
        }
        // Each voter's share of the raw total; an exponent that (all but) underflowed is a share of 0, so that every
        // breakpoint below (bound / share) stays finite.
        let share = raw.map { $0 / total < 1e-300 ? 0 : $0 / total }
        if voters.allSatisfy({ (low...high).contains(share[$0]) }) {
            for i in voters { w[i] = share[i] }   // within the bounds as they are
            return w
        }
        func weight(_ i: Int, _ c: Double) -> Double { min(max(c * share[i], low), high) }
        // At its largest the sum is max for each positive share and min for the others: below 1, the voters
        // whose share is 0 take what the others at their maximum leave.
        let positive = Double(voters.filter { share[$0] > 0 }.count)
        if positive * high + (n - positive) * low < 1 {
            let rest = (1 - positive * high) / (n - positive)
            for i in voters { w[i] = share[i] > 0 ? high : rest }
            return w
        }
        // The sum over the voters of clamp(c × shareᵢ, min, max) is piecewise linear in c and never falls: a voter
        // is at min up to min / shareᵢ, in proportion up to max / shareᵢ, then at max. Find the breakpoints between
        // which it reaches 1, evaluating the sum afresh at each (summing slopes as the sweep went lost small
        // shares to rounding), then solve that segment from its free and held voters.
        func sum(_ c: Double) -> Double { ExactSum.of(count: voters.count) { weight(voters[$0], c) } }
        var breakpoints: [Double] = [0]
        for i in voters where share[i] > 0 { breakpoints += [low / share[i], high / share[i]] }
        breakpoints.sort()
        var upper = breakpoints.count - 1
        var lower = 0
        while upper - lower > 1 {   // sum(breakpoints[lower]) < 1 ≤ sum(breakpoints[upper])
            let middle = (lower + upper) / 2
            if sum(breakpoints[middle]) < 1 { lower = middle } else { upper = middle }
        }
        // Inside that segment each voter is held at a bound or free; the held stay at their bounds, and the free
        // share what they leave exactly in proportion to their shares.
        let probe = (breakpoints[lower] + breakpoints[upper]) / 2
        func isFree(_ i: Int) -> Bool { probe * share[i] > low && probe * share[i] < high }
        let freeShare = ExactSum.of(count: voters.count) { isFree(voters[$0]) ? share[voters[$0]] : 0 }
        let held = ExactSum.of(count: voters.count) { isFree(voters[$0]) ? 0 : weight(voters[$0], probe) }
        for i in voters where !isFree(i) { w[i] = weight(i, probe) }
        for i in voters where isFree(i) { w[i] = share[i] / freeShare * (1 - held) }
        return w
    }
}
