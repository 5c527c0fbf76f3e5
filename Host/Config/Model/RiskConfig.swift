import QuorumModel

/// `risk:` — sizing, hard limits and sectors (SPEC §8). Risk is core: plugins cannot override it.
public struct RiskConfig: Sendable, Equatable {
    /// How a verdict becomes an order size (default fraction of cash 0.95).
    public var sizing: Sizing
    /// Hard limits; nil when the file says `limits: none` (every hard limit off, research only).
    public var limits: RiskLimits?
    /// Symbol → sector name, for the sector exposure limit.
    public var sectors: [String: String]

    public init(sizing: Sizing = .fractionOfCash(Ratio(raw: 95_000_000)), limits: RiskLimits? = RiskLimits(),
                sectors: [String: String] = [:]) {
        self.sizing = sizing
        self.limits = limits
        self.sectors = sectors
    }
}

/// `risk.sizing:` — one sizing rule with the settings it needs.
public enum Sizing: Sendable, Equatable {
    /// `fraction_of_equity`: target value = fraction × equity.
    case fractionOfEquity(Ratio)
    /// `fraction_of_cash`: target value = fraction × available cash.
    case fractionOfCash(Ratio)
    /// `fixed_notional`: a fixed money amount per entry.
    case fixedNotional(Money)
    /// `fixed_quantity`: a fixed number of units per entry.
    case fixedQuantity(Int64)
    /// `conviction`: fraction × equity × verdict conviction.
    case conviction(fraction: Ratio)
    /// `kelly`: the Kelly fraction from the strategy's record, capped at `cap` (default 0.25).
    case kelly(cap: Ratio)
    /// `volatility_target`: risk `riskPerTrade` of equity over a stop `atrMultiple` × ATR(`atrPeriod`) away.
    case volatilityTarget(atrPeriod: Int, riskPerTrade: Ratio, atrMultiple: Double)

    /// The mode name as written in the file.
    public var modeName: String {
        switch self {
        case .fractionOfEquity: return "fraction_of_equity"
        case .fractionOfCash: return "fraction_of_cash"
        case .fixedNotional: return "fixed_notional"
        case .fixedQuantity: return "fixed_quantity"
        case .conviction: return "conviction"
        case .kelly: return "kelly"
        case .volatilityTarget: return "volatility_target"
        }
    }
}

/// `risk.limits:` — every hard limit of SPEC §8, with the product's defaults.
public struct RiskLimits: Sendable, Equatable {
    /// Largest position as a fraction of equity (0.20).
    public var maxPosition = Ratio(raw: 20_000_000)
    /// Largest exposure to one sector as a fraction of equity (0.30).
    public var maxSectorExposure = Ratio(raw: 30_000_000)
    /// Most concurrent open positions (10).
    public var maxPositions = 10
    /// Largest value of one order (10000).
    public var maxOrderValue = Money(units: 10_000)
    /// Cash kept back as a fraction of equity (0.10).
    public var minCashReserve = Ratio(raw: 10_000_000)
    /// Loss in one day, as a fraction of the day's starting equity, that switches to REDUCING (0.02).
    public var dailyLossLimit = Ratio(raw: 2_000_000)
    /// Drawdown from the peak that switches to HALTED, the kill switch (0.20).
    public var maxDrawdown = Ratio(raw: 20_000_000)
    /// Entries must carry a stop-loss (true); `defaultStop` is used when the signal has none.
    public var stopLossRequired = true
    /// Stop distance from the entry price as a fraction (0.05; above entry for shorts).
    public var defaultStop = Ratio(raw: 5_000_000)
    /// Most orders in any minute (10).
    public var maxOrdersPerMinute = 10
    /// Least time between two orders, live only (100 ms).
    public var minOrderIntervalMs = 100
    /// Symbols never traded.
    public var restrictedSymbols: [String] = []
    /// Regular trading hours (live only); nil with `market_hours: none` (trade at any hour).
    public var marketHours: MarketHours? = MarketHours()
    /// Leave HALTED automatically; nil (the default) means a person must resume trading.
    public var autoResume: AutoResume?

    public init() {}
}

/// `risk.limits.market_hours:` — when orders may be sent in live trading.
public struct MarketHours: Sendable, Equatable {
    /// Opening time, minutes after midnight (09:30 → 570).
    public var openMinute: Int
    /// Closing time, minutes after midnight (16:00 → 960); after `openMinute`.
    public var closeMinute: Int
    /// IANA time zone the times are in (default `America/New_York`).
    public var timeZone: String

    public init(openMinute: Int = 570, closeMinute: Int = 960, timeZone: String = "America/New_York") {
        self.openMinute = openMinute
        self.closeMinute = closeMinute
        self.timeZone = timeZone
    }
}

/// `risk.limits.auto_resume:` — e.g. `{after_days: 1}`: return from HALTED to ACTIVE at the start of the
/// `afterDays`-th trading day (a day with bars, not a calendar day) after the halt.
public struct AutoResume: Sendable, Equatable {
    /// Trading days to wait (≥ 1).
    public var afterDays: Int

    public init(afterDays: Int) { self.afterDays = afterDays }
}
