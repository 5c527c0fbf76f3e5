import QuorumModel

/// `execution:` — broker, live-trading locks, costs and order defaults (SPEC §9, §10).
public struct ExecutionConfig: Sendable, Equatable {
    public enum Broker: String, Sendable, CaseIterable {
        /// The fill simulator (backtests and the paper daemon).
        case paper
        /// Alpaca REST.
        case alpaca
    }

    /// Paper or live account. Live also needs `autoExecute` and live credentials.
    public enum Mode: String, Sendable, CaseIterable {
        case paper
        case live
    }

    public enum TimeInForce: String, Sendable, CaseIterable {
        case day
        case gtc
        case ioc
    }

    /// Default `paper`.
    public var broker: Broker
    /// Default `paper`.
    public var mode: Mode
    /// Second lock for live trading (default false).
    public var autoExecute: Bool
    /// Resize a held position when its sized target moves by more than this fraction; nil = never.
    public var rebalanceThreshold: Ratio?
    public var commission: Commission
    /// Slippage in basis points (≥ 0, default 0), exact to 10⁻⁸ bp.
    public var slippageBps: Ratio
    /// Largest fill as a fraction of the bar's volume; nil = no cap.
    public var maxParticipation: Ratio?
    /// Time in force of entry orders; default `day`. Exits and protective orders are good till cancelled.
    public var timeInForce: TimeInForce
    /// Protect entries with a trailing stop this fraction from the best price (instead of a fixed stop); nil =
    /// fixed stops. Never wider than `risk.limits.default_stop` when stops are required.
    public var trailingStop: Ratio?

    public init(broker: Broker = .paper, mode: Mode = .paper, autoExecute: Bool = false,
                rebalanceThreshold: Ratio? = nil, commission: Commission = Commission(),
                slippageBps: Ratio = Ratio(raw: 0), maxParticipation: Ratio? = nil, timeInForce: TimeInForce = .day,
                trailingStop: Ratio? = nil) {
        self.broker = broker
        self.mode = mode
        self.autoExecute = autoExecute
        self.rebalanceThreshold = rebalanceThreshold
        self.commission = commission
        self.slippageBps = slippageBps
        self.maxParticipation = maxParticipation
        self.timeInForce = timeInForce
        self.trailingStop = trailingStop
    }
}

/// `execution.commission:` — charged per fill: max(minimum, perShare × qty + bps × notional / 10000).
public struct Commission: Sendable, Equatable {
    /// Money per share (≥ 0, default 0).
    public var perShare: Money
    /// Basis points of the notional (≥ 0, default 0), exact to 10⁻⁸ bp.
    public var bps: Ratio
    /// Least commission per fill (≥ 0, default 0).
    public var minimum: Money

    public init(perShare: Money = .zero, bps: Ratio = Ratio(raw: 0), minimum: Money = .zero) {
        self.perShare = perShare
        self.bps = bps
        self.minimum = minimum
    }
}
