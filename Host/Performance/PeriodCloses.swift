import QuorumModel

/// How far apart a curve's returns are taken, and how many of them make a year.
public enum ReturnPeriod: String, Sendable, CaseIterable {
    /// One return per trading day: 252 a year (empyrical's `daily`).
    case day
    /// Bars about a week apart: 52 a year.
    case week
    /// Bars about a month apart: 12 a year.
    case month
    /// Bars about a quarter apart: 4 a year.
    case quarter
    /// Bars a year or more apart: 1 a year.
    case year

    /// Returns a year, for annualising: 252, 52, 12, 4 or 1.
    public var periodsPerYear: Double {
        switch self {
        case .day: return 252
        case .week: return 52
        case .month: return 12
        case .quarter: return 4
        case .year: return 1
        }
    }

    /// The period of closes that are typically (by the median) `days` calendar days apart: up to 4 days is
    /// daily (a weekend or a holiday is a gap of 3 or 4 trading-day closes), up to 10 weekly, up to 45 monthly,
    /// up to 135 quarterly, and yearly beyond.
    public init(typicalGapDays days: Int64) {
        switch days {
        case ...4: self = .day
        case ...10: self = .week
        case ...45: self = .month
        case ...135: self = .quarter
        default: self = .year
        }
    }
}

/// A curve sampled where its returns are taken (SPEC §12: Sharpe and the other return statistics are daily):
/// the equity at the close of each calendar day of the data's clock, the last point of that day.
///
/// - Daily bars (one point per day) are kept as they are, so daily statistics are empyrical's on the curve.
/// - Intraday bars give one close per day. When the first day has several points, the curve's first point opens
///   the series, so the returns compound to the whole curve's total return (the first one covers the first
///   day's bars after the first).
/// - Bars more than a day apart (weekly, monthly, …) give one close per bar, and ``period`` says how many
///   make a year, by the median gap between them.
///
/// Days are the calendar dates of the data's own clock (midnight to midnight, no time zone): a session that
/// runs past midnight in that clock closes a day at midnight.
public struct PeriodCloses: Sendable, Equatable {
    /// The equity at each close, in time order (preceded by the curve's first point as described above).
    public let equity: [Double]
    /// How far apart the closes are.
    public let period: ReturnPeriod

    /// Samples `curve` (in time order).
    public init(_ curve: [EquityPoint]) {
        var closes: [Double] = []
        var days: [Int64] = []
        var firstDayPoints = 0
        closes.reserveCapacity(min(curve.count, 4096))
        for point in curve {
            let day = Timestamps.day(of: point.time)
            if let last = days.last, last == day {
                closes[closes.count - 1] = point.equity
            } else {
                closes.append(point.equity)
                days.append(day)
            }
            if days.count == 1 { firstDayPoints += 1 }
        }
        if firstDayPoints > 1 { closes.insert(curve[0].equity, at: 0) }
        equity = closes
        var gaps = zip(days.dropFirst(), days).map { $0 - $1 }
        gaps.sort()
        period = gaps.isEmpty ? .day : ReturnPeriod(typicalGapDays: gaps[(gaps.count - 1) / 2])
    }
}
