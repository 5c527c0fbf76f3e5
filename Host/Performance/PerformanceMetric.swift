/// The statistics by name: the catalogue that tables, `--sort` and the JSON, CSV and HTML outputs share, in
/// the order they are written. The raw value is the JSON key.
public enum PerformanceMetric: String, CaseIterable, Sendable {
    case sharpe
    case sortino
    case maxDrawdown = "max_drawdown"
    case cagr
    case volatility
    case totalReturn = "total_return"
    case winRate = "win_rate"
    case profitFactor = "profit_factor"
    case trades
    case calmar
    case exposure
    case averageHoldingDays = "avg_holding_days"
    case turnover
    case agreement
    case attribution
    case cagrCalendar = "cagr_calendar"
    case periodsPerYear = "periods_per_year"

    /// How a value of the metric reads best.
    public enum Unit: Sendable {
        /// A fraction shown as a percentage (0.2198 → 21.98%).
        case fraction
        /// A plain ratio (Sharpe 1.034).
        case ratio
        /// A whole number.
        case count
        /// A duration in days.
        case days
    }

    /// The JSON key (`max_drawdown`).
    public var key: String { rawValue }

    /// The value in `statistics`, nil when undefined.
    public func value(in statistics: PerformanceStatistics) -> Double? {
        switch self {
        case .sharpe: return statistics.sharpe
        case .sortino: return statistics.sortino
        case .maxDrawdown: return statistics.maxDrawdown
        case .cagr: return statistics.cagr
        case .volatility: return statistics.volatility
        case .totalReturn: return statistics.totalReturn
        case .winRate: return statistics.winRate
        case .profitFactor: return statistics.profitFactor
        case .trades: return Double(statistics.trades)
        case .calmar: return statistics.calmar
        case .exposure: return statistics.exposure
        case .averageHoldingDays: return statistics.averageHoldingDays
        case .turnover: return statistics.turnover
        case .agreement: return statistics.agreement
        case .attribution: return statistics.attribution
        case .cagrCalendar: return statistics.cagrCalendar
        case .periodsPerYear: return statistics.periodsPerYear
        }
    }

    /// The value in `statistics` to rank by: ``value(in:)``, or ±∞ for a value that is infinite
    /// (``PerformanceStatistics/unbounded``); nil when undefined.
    public func rankValue(in statistics: PerformanceStatistics) -> Double? {
        value(in: statistics) ?? statistics.unbounded[self].map { $0 == .plus ? .infinity : -.infinity }
    }

    /// Whether a larger value is better, which makes `--sort` put it first. Lower is better only for
    /// volatility and turnover; max drawdown is negative, so larger (closer to 0) is better too. Holding time,
    /// trades, exposure and returns a year describe style or data rather than quality and sort largest first.
    public var higherIsBetter: Bool {
        switch self {
        case .volatility, .turnover: return false
        default: return true
        }
    }

    /// How values read best.
    public var unit: Unit {
        switch self {
        case .sharpe, .sortino, .calmar, .profitFactor, .turnover: return .ratio
        case .trades, .periodsPerYear: return .count
        case .averageHoldingDays: return .days
        case .maxDrawdown, .cagr, .volatility, .totalReturn, .winRate, .exposure, .agreement, .attribution,
             .cagrCalendar: return .fraction
        }
    }

    /// A short column heading.
    public var title: String {
        switch self {
        case .sharpe: return "Sharpe"
        case .sortino: return "Sortino"
        case .maxDrawdown: return "Max DD"
        case .cagr: return "CAGR"
        case .volatility: return "Vol"
        case .totalReturn: return "Return"
        case .winRate: return "Win rate"
        case .profitFactor: return "PF"
        case .trades: return "Trades"
        case .calmar: return "Calmar"
        case .exposure: return "Exposure"
        case .averageHoldingDays: return "Hold (d)"
        case .turnover: return "Turnover"
        case .agreement: return "Agree"
        case .attribution: return "P&L share"
        case .cagrCalendar: return "CAGR 365"
        case .periodsPerYear: return "Per yr"
        }
    }

    /// The definition, for tooltips and legends.
    public var definition: String {
        switch self {
        case .sharpe: return "mean(r) / std(r, ddof=1) × √P, rf 0"
        case .sortino: return "mean(r) × P / (√mean(min(r,0)²) × √P)"
        case .maxDrawdown: return "min over t of equity / running peak − 1 (peak includes the start)"
        case .cagr: return "(1 + total return)^(P / number of returns) − 1"
        case .volatility: return "std(r, ddof=1) × √P"
        case .totalReturn: return "last equity / first equity − 1"
        case .winRate: return "trades with positive net P&L / trades"
        case .profitFactor: return "gross profit / gross loss of closed trades (∞ when no trade lost; null in JSON)"
        case .trades: return "closed round trips"
        case .calmar: return "CAGR / |max drawdown|"
        case .exposure: return "fraction of time steps holding a position"
        case .averageHoldingDays: return "mean calendar days from entry to exit"
        case .turnover: return "entry + exit notional of all trades / mean equity"
        case .agreement: return "fraction of verdicts the strategy agreed with"
        case .attribution: return "share of the ensemble P&L attributed to the strategy"
        case .cagrCalendar: return "(1 + total return)^(365 / calendar days) − 1"
        case .periodsPerYear: return "P, returns a year: 252 (one per trading day); for bars more than 4 days "
            + "apart, 365.25 / their typical gap in days (52 weekly, 12 monthly, 4 quarterly)"
        }
    }
}
