import QuorumModel

/// `judge:` — how the stances of the strategies on one symbol become one verdict (SPEC §7).
public struct JudgeConfig: Sendable, Equatable {
    /// The combination rule.
    public enum Mode: String, Sendable, CaseIterable {
        case vote
        case weighted
        case hedge
    }

    /// Default `weighted`.
    public var mode: Mode
    /// Non-flat stances needed to act (≥ 1, default 1).
    public var quorum: Int
    /// |net conviction| needed to act, in [0, 1] (default 0).
    public var threshold: Ratio
    /// Per-call deadline in milliseconds (> 0, default 50): a backtest reports a strategy slower than it and still
    /// counts its signals.
    public var deadlineMs: Int
    /// Consecutive faults before a strategy is quarantined (≥ 1, default 5).
    public var quarantineAfter: Int
    /// Adaptive weighting; used only when `mode` is `hedge`.
    public var hedge: HedgeConfig

    public init(mode: Mode = .weighted, quorum: Int = 1, threshold: Ratio = Ratio(raw: 0), deadlineMs: Int = 50,
                quarantineAfter: Int = 5, hedge: HedgeConfig = HedgeConfig()) {
        self.mode = mode
        self.quorum = quorum
        self.threshold = threshold
        self.deadlineMs = deadlineMs
        self.quarantineAfter = quarantineAfter
        self.hedge = hedge
    }
}

/// `judge.hedge:` — weights ∝ prior × exp(η × shadow-book return over a rolling window), clipped and renormalised.
public struct HedgeConfig: Sendable, Equatable {
    /// Learning rate η (> 0, default 10).
    public var eta: Double
    /// Rolling window in bars (≥ 1, default 20).
    public var window: Int
    /// Lower clip for a weight (default 0).
    public var minWeight: Double
    /// Upper clip for a weight (default 1; `minWeight ≤ maxWeight`).
    public var maxWeight: Double
    /// Where the file sets `min_weight` and `max_weight` (nil: not set there), for errors about the bounds; not
    /// part of the settings' value (`==` ignores them).
    public var minWeightLocation: SourceLocation?
    public var maxWeightLocation: SourceLocation?

    public static func == (a: HedgeConfig, b: HedgeConfig) -> Bool {
        a.eta == b.eta && a.window == b.window && a.minWeight == b.minWeight && a.maxWeight == b.maxWeight
    }

    public init(eta: Double = 10, window: Int = 20, minWeight: Double = 0, maxWeight: Double = 1) {
        self.eta = eta
        self.window = window
        self.minWeight = minWeight
        self.maxWeight = maxWeight
    }

    /// Why the bounds cannot hold for `voters` instances whose weights sum to 1, or nil when they can. A bound
    /// within rounding of 1/n holds (49 × (1/49) is 0.9999999999999999 in binary).
    public func boundsProblem(voters: Int) -> (location: SourceLocation?, message: String)? {
        guard voters > 0 else { return nil }
        let n = Double(voters), share = "1/\(voters) = \(1 / n)", rounding = 1e-12
        if n * maxWeight < 1 - rounding {
            return (maxWeightLocation, "judge.hedge.max_weight (\(maxWeight)) cannot hold for \(voters) voting "
                    + "strategy instance\(voters == 1 ? "" : "s"): their weights sum to 1, so one gets at least "
                    + "\(share); raise max_weight to \(1 / n) or more")
        }
        if n * minWeight > 1 + rounding {
            return (minWeightLocation, "judge.hedge.min_weight (\(minWeight)) cannot hold for \(voters) voting "
                    + "strategy instance\(voters == 1 ? "" : "s"): their weights sum to 1, so one gets at most "
                    + "\(share); lower min_weight to \(1 / n) or less")
        }
        return nil
    }
}
