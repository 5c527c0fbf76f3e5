import QuorumConfig
import QuorumModel
import QuorumRisk

/// Everything the execution stage is configured with (strategies.yaml `risk`, `execution`, `starting_cash`).
public struct ExecutionSettings: Sendable {
    public var startingCash: Money
    public var symbolNames: [String]
    public var sizer: any PositionSizer
    /// nil with `limits: none`: no pre-trade check, no trading states, no required stop-loss.
    public var limits: RiskLimits?
    /// Symbol → sector, for `max_sector_exposure`.
    public var sectors: [String: String]
    public var costs: CostModel
    public var maxParticipation: Ratio?
    /// Time in force of entry orders (exits and protective orders are good till cancelled).
    public var entryTimeInForce: TimeInForce
    public var rebalanceThreshold: Ratio?
    /// Protect entries with a trailing stop this far from the best price instead of a fixed stop.
    public var trailingStop: Ratio?
    /// Live trading (order interval and market hours apply).
    public var live: Bool
    /// Per symbol, how long after its bars open they are stamped (empty: all are stamped when they open). A run
    /// mixing daily and intraday files stamps daily bars when their day ends (``BarReaderOptions``), one
    /// nanosecond short of a day after they open, so that an order decided during the day waits for the next.
    public var stampedAfterOpening: [Timestamp] = []

    public init(startingCash: Money, symbolNames: [String], sizer: any PositionSizer, limits: RiskLimits? = nil,
                sectors: [String: String] = [:], costs: CostModel = .free, maxParticipation: Ratio? = nil,
                entryTimeInForce: TimeInForce = .day, rebalanceThreshold: Ratio? = nil, trailingStop: Ratio? = nil,
                live: Bool = false) {
        self.startingCash = startingCash
        self.symbolNames = symbolNames
        self.sizer = sizer
        self.limits = limits
        self.sectors = sectors
        self.costs = costs
        self.maxParticipation = maxParticipation
        self.entryTimeInForce = entryTimeInForce
        self.rebalanceThreshold = rebalanceThreshold
        self.trailingStop = trailingStop
        self.live = live
    }

    /// The settings a configuration file describes.
    public init(risk: RiskConfig, execution: ExecutionConfig, startingCash: Money, symbolNames: [String]) {
        self.init(startingCash: startingCash, symbolNames: symbolNames, sizer: risk.sizing.makeSizer(),
                  limits: risk.limits, sectors: risk.sectors,
                  costs: CostModel(perUnit: execution.commission.perShare, bps: execution.commission.bps,
                                   minimum: execution.commission.minimum, slippageBps: execution.slippageBps),
                  maxParticipation: execution.maxParticipation, entryTimeInForce: execution.timeInForce,
                  rebalanceThreshold: execution.rebalanceThreshold, trailingStop: execution.trailingStop,
                  live: execution.mode == .live)
    }
}
