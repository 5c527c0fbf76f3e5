import QuorumModel

/// The judge's decision for one symbol at one event (SPEC §7).
public struct Verdict: Sendable, Equatable {
    /// Target direction.
    public var direction: Direction
    /// In [0, 1]: |net| in weighted/hedge mode, the scaled winning confidence in vote mode.
    public var conviction: Double
    /// The signed combination before the threshold (weighted/hedge), or ±conviction (vote).
    public var net: Double
    /// Instances holding a stance on the symbol, and how many of them are not flat.
    public var stances: Int
    public var nonFlat: Int
    /// Suggested stop and target from the most confident stance in the verdict's direction, if any.
    public var stopLoss: Price?
    public var takeProfit: Price?
    /// Suggested target weight from that same stance.
    public var targetWeight: Double?

    public static let flat = Verdict(direction: .flat, conviction: 0, net: 0, stances: 0, nonFlat: 0)

    public init(direction: Direction, conviction: Double, net: Double, stances: Int, nonFlat: Int,
                stopLoss: Price? = nil, takeProfit: Price? = nil, targetWeight: Double? = nil) {
        self.direction = direction
        self.conviction = conviction
        self.net = net
        self.stances = stances
        self.nonFlat = nonFlat
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.targetWeight = targetWeight
    }
}

/// How the judge combines stances.
public enum JudgeMode: String, Sendable {
    case vote
    case weighted
    case hedge
}

/// The judge's settings (strategies.yaml `judge`).
public struct JudgeRules: Sendable, Equatable {
    public var mode: JudgeMode
    /// Non-flat stances needed to act.
    public var quorum: Int
    /// |net conviction| needed to act (weighted and hedge).
    public var threshold: Double

    public init(mode: JudgeMode = .weighted, quorum: Int = 1, threshold: Double = 0) {
        self.mode = mode
        self.quorum = quorum
        self.threshold = threshold
    }
}
