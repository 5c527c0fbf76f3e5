import QuorumModel

/// A strategy instance's valid signal on a symbol (table `signals`).
public struct SignalRecord: Sendable, Equatable {
    public var time: Timestamp
    /// The strategy instance's index (see ``StrategyRow/instance``).
    public var instance: Int
    /// The symbol's index in ``RunInfo/symbols``.
    public var symbol: Int
    public var direction: Direction
    /// In [0, 1].
    public var confidence: Double
    public var targetWeight: Double?
    public var stopLoss: Price?
    public var takeProfit: Price?
    /// Bars the stance stands for; 0 = until replaced.
    public var expiryBars: Int
    public var reason: String?

    public init(time: Timestamp, instance: Int, symbol: Int, direction: Direction, confidence: Double,
                targetWeight: Double? = nil, stopLoss: Price? = nil, takeProfit: Price? = nil, expiryBars: Int = 0,
                reason: String? = nil) {
        self.time = time
        self.instance = instance
        self.symbol = symbol
        self.direction = direction
        self.confidence = confidence
        self.targetWeight = targetWeight
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.expiryBars = expiryBars
        self.reason = reason
    }
}

/// The judge's verdict for a symbol (table `verdicts`).
public struct VerdictRecord: Sendable, Equatable {
    public var time: Timestamp
    /// The symbol's index in ``RunInfo/symbols``.
    public var symbol: Int
    public var direction: Direction
    public var conviction: Double
    /// The signed net score the direction was taken from.
    public var net: Double
    /// Stances the verdict was made from.
    public var stances: Int
    /// Of those, the ones that were not flat.
    public var nonFlat: Int
    public var targetWeight: Double?
    public var stopLoss: Price?
    public var takeProfit: Price?

    public init(time: Timestamp, symbol: Int, direction: Direction, conviction: Double, net: Double, stances: Int,
                nonFlat: Int, targetWeight: Double? = nil, stopLoss: Price? = nil, takeProfit: Price? = nil) {
        self.time = time
        self.symbol = symbol
        self.direction = direction
        self.conviction = conviction
        self.net = net
        self.stances = stances
        self.nonFlat = nonFlat
        self.targetWeight = targetWeight
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
    }
}

/// What risk did with an order it was asked to place (table `risk_decisions`).
public struct RiskDecisionRecord: Sendable, Equatable {
    public var time: Timestamp
    /// The symbol's index in ``RunInfo/symbols``.
    public var symbol: Int
    /// `approved`, `resized`, `refused` or `cancelled`.
    public var action: String
    /// The rule that decided (e.g. `max_order_value`).
    public var rule: String
    /// Signed units asked for.
    public var requested: Quantity
    /// Signed units let through (0 when refused).
    public var approved: Quantity
    /// The numbers behind the decision, e.g. `order value 12000.00 > max_order_value 10000`.
    public var detail: String

    public init(time: Timestamp, symbol: Int, action: String, rule: String, requested: Quantity,
                approved: Quantity, detail: String) {
        self.time = time
        self.symbol = symbol
        self.action = action
        self.rule = rule
        self.requested = requested
        self.approved = approved
        self.detail = detail
    }
}

/// The trading state changed (table `trading_states`).
public struct TradingStateRecord: Sendable, Equatable {
    public var time: Timestamp
    public var from: String
    public var to: String
    public var reason: String

    public init(time: Timestamp, from: String, to: String, reason: String) {
        self.time = time
        self.from = from
        self.to = to
        self.reason = reason
    }
}
