#if canImport(Glibc)
import Glibc
#endif
import QuorumModel

/// The statistics of one book, the ensemble's or a strategy's shadow book (SPEC §12). Definitions follow
/// ../shared/oracle/GOOG_sma_10_30.metrics.json (empyrical 0.7.1) with simple returns rₜ = eₜ/eₜ₋₁ − 1 taken
/// from the equity at the close of each trading day (``PeriodCloses``: the curve itself for daily bars, the last
/// point of each day for intraday bars) and a risk-free rate of 0. P, the returns a year, is 252; for bars
/// typically more than 4 days apart the returns are per bar and P counts them in a year (52 weekly, 12 monthly,
/// …: ``PeriodCloses/periodsPerYear(typicalGapDays:)``). Total return, max drawdown and exposure are taken over
/// every point of the curve, intraday troughs included.
///
/// A statistic that is undefined for the input is nil (written as JSON `null`), never NaN or ±infinity:
/// - total return, max drawdown and calendar CAGR need a curve that starts positive (every equity finite, the
///   first above 0): a book that loses everything and more has them (a total return below −100%); the other
///   return statistics need a measurable curve (every daily close finite and positive, ``EquityCurve``);
/// - an empty curve has no return statistics; a single point has total return 0 and max drawdown 0 but no
///   CAGR, Sharpe, Sortino or volatility (there are no returns);
/// - Sharpe and volatility need two returns (ddof = 1); Sharpe is nil when the returns have zero deviation;
/// - Sortino is nil when no return is negative (zero downside deviation), Calmar when max drawdown is 0;
/// - win rate, profit factor and average holding time are nil without trades; profit factor is nil when no
///   trade lost (the ratio would be +∞);
/// - exposure is nil when no point records its position value; turnover when the mean equity is not positive.
///
/// A ratio that is infinite rather than undefined — Sharpe of returns that never vary, Sortino with no
/// negative return, Calmar with no drawdown, profit factor with no losing trade, each over a positive
/// numerator — is nil too, and ``unbounded`` gives its sign: tables show it as ∞ and `--sort` ranks it past
/// every finite value.
public struct PerformanceStatistics: Sendable, Equatable {
    /// Calendar days per year, for ``cagrCalendar``.
    public static let calendarDaysPerYear = 365.0

    /// e_last / e_first − 1.
    public var totalReturn: Double?
    /// Compound annual growth with P returns a year: (1 + total)^(P / n_returns) − 1 (empyrical's `cagr` and
    /// `annual_return`; P = 252 for daily and intraday bars).
    public var cagr: Double?
    /// Compound annual growth over calendar time: (1 + total)^(365 / days(first, last)) − 1; nil when the
    /// curve spans no time.
    public var cagrCalendar: Double?
    /// mean(r) / std(r, ddof = 1) × √P.
    public var sharpe: Double?
    /// mean(r) × P / (√(mean(min(r, 0)²)) × √P): the downside deviation is taken over all returns.
    public var sortino: Double?
    /// min over t of eₜ / max(e₀…eₜ) − 1: negative (or 0), as empyrical reports it.
    public var maxDrawdown: Double?
    /// ``cagr`` / |``maxDrawdown``|.
    public var calmar: Double?
    /// std(r, ddof = 1) × √P.
    public var volatility: Double?
    /// The fraction of trades with a positive net P&L (break-even trades count as not won).
    public var winRate: Double?
    /// Gross profit of the winning trades / gross loss of the losing ones.
    public var profitFactor: Double?
    /// Closed round trips.
    public var trades: Int
    /// The fraction of curve points that hold a position (non-zero gross position value), among the points
    /// that record one.
    public var exposure: Double?
    /// Mean calendar days from entry to exit over the trades.
    public var averageHoldingDays: Double?
    /// Value traded (entry plus exit notional of every trade) / mean equity over the whole run: 2.0 means the
    /// book bought and sold its average equity once. Not annualised.
    public var turnover: Double?
    /// P, the returns a year the return statistics are annualised with (``PeriodCloses/periodsPerYear``);
    /// nil when the curve has no return statistics.
    public var periodsPerYear: Double?
    /// The fraction of verdicts this strategy's stance agreed with, as computed by the caller.
    public var agreement: Double?
    /// This strategy's share of the ensemble's P&L: attributed P&L / ensemble P&L, as the caller attributes it.
    public var attribution: Double?
    /// The metrics whose value is ±∞ (nil in their fields), with the sign of the infinity.
    public var unbounded: [PerformanceMetric: FloatingPointSign] = [:]

    /// Statistics with nothing defined and no trades; set the fields to describe a known result.
    public init() { trades = 0 }

    /// Computes the statistics of one book.
    /// - Parameters:
    ///   - curve: the book's equity, one point per bar (or per time step), in time order.
    ///   - trades: its closed round trips.
    ///   - agreement: the strategy's agreement with the verdict, computed by the caller (nil: not known).
    ///   - attributedPnL: the ensemble P&L the caller attributes to this book.
    ///   - ensemblePnL: the ensemble's total P&L; `attribution` is `attributedPnL / ensemblePnL`, nil when
    ///     either is missing or the ensemble P&L is 0.
    public init(curve: [EquityPoint], trades: [TradeOutcome] = [], agreement: Double? = nil,
                attributedPnL: Double? = nil, ensemblePnL: Double? = nil) {
        self.init()
        setCurveStatistics(curve)
        setTradeStatistics(trades, meanEquity: SampleMoments.mean(curve.map(\.equity)))
        self.agreement = agreement
        if let attributedPnL, let ensemblePnL, ensemblePnL != 0 { attribution = attributedPnL / ensemblePnL }
    }

    private mutating func setCurveStatistics(_ curve: [EquityPoint]) {
        let recorded = curve.compactMap(\.exposure)
        if !recorded.isEmpty { exposure = Double(recorded.filter { $0 != 0 }.count) / Double(recorded.count) }

        let equity = curve.map(\.equity)
        guard let first = equity.first, let last = equity.last, let drawdowns = EquityCurve.drawdowns(equity) else {
            return
        }
        let total = last / first - 1
        totalReturn = total
        maxDrawdown = drawdowns.min()
        let days = Timestamps.elapsedDays(from: curve[0].time, to: curve[curve.count - 1].time)
        if days > 0 { cagrCalendar = Self.compoundGrowth(total, exponent: Self.calendarDaysPerYear / days) }

        let closes = PeriodCloses(curve)
        guard let returns = EquityCurve.returns(closes.equity) else { return }
        let periods = closes.periodsPerYear
        if !returns.isEmpty {
            periodsPerYear = periods
            cagr = Self.compoundGrowth(total, exponent: periods / Double(returns.count))
        }
        let annualiser = periods.squareRoot()
        let mean = SampleMoments.mean(returns)
        if let deviation = SampleMoments.sampleStandardDeviation(returns) {
            volatility = deviation * annualiser
            if deviation > 0, let mean { sharpe = mean / deviation * annualiser }
            if deviation == 0, let mean, mean != 0 { unbounded[.sharpe] = mean > 0 ? .plus : .minus }
        }
        if let downside = SampleMoments.downsideDeviation(returns), let mean {
            if downside > 0 { sortino = mean * periods / (downside * annualiser) }
            else if mean > 0 { unbounded[.sortino] = .plus }
        }
        if let cagr, let maxDrawdown {
            if maxDrawdown < 0 { calmar = cagr / abs(maxDrawdown) }
            else if cagr > 0 { unbounded[.calmar] = .plus }
        }
    }

    private mutating func setTradeStatistics(_ outcomes: [TradeOutcome], meanEquity: Double?) {
        trades = outcomes.count
        if let meanEquity, meanEquity > 0 {
            turnover = SampleMoments.sum(outcomes.map { $0.entryNotional + $0.exitNotional }) / meanEquity
        }
        guard !outcomes.isEmpty else { return }
        winRate = Double(outcomes.filter { $0.pnl > 0 }.count) / Double(outcomes.count)
        let grossProfit = SampleMoments.sum(outcomes.lazy.map(\.pnl).filter { $0 > 0 })
        let grossLoss = -SampleMoments.sum(outcomes.lazy.map(\.pnl).filter { $0 < 0 })
        if grossLoss > 0 { profitFactor = grossProfit / grossLoss }
        else if grossProfit > 0 { unbounded[.profitFactor] = .plus }
        averageHoldingDays = SampleMoments.mean(outcomes.map(\.holdingDays))
    }

    /// (1 + total)^exponent − 1, the exponent being periods per year / periods elapsed.
    private static func compoundGrowth(_ total: Double, exponent: Double) -> Double? {
        let growth = 1 + total
        guard growth >= 0, exponent.isFinite else { return nil }
        let rate = pow(growth, exponent) - 1
        return rate.isFinite ? rate : nil   // a short run's growth to the power of a large exponent overflows
    }
}
