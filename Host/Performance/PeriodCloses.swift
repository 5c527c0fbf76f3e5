import QuorumModel

/// A curve sampled where its returns are taken (SPEC §12: Sharpe and the other return statistics are daily):
/// the equity at the close of each calendar day of the data's clock, the last point of that day.
///
/// - Daily bars (one point per day) are kept as they are, so daily statistics are empyrical's on the curve.
/// - Intraday bars give one close per day. When the first day has several points, the curve's first point opens
///   the series, so the returns compound to the whole curve's total return (the first one covers the first
///   day's bars after the first).
/// - Bars more than a day apart (weekly, monthly, …) give one close per bar, and ``periodsPerYear`` says how
///   many make a year, by the typical gap between them.
///
/// Days are the calendar dates of the data's own clock (midnight to midnight, no time zone): a session that
/// runs past midnight in that clock closes a day at midnight.
public struct PeriodCloses: Sendable, Equatable {
    /// The equity at each close, in time order (preceded by the curve's first point as described above).
    public let equity: [Double]
    /// P, the returns a year that annualise returns between these closes (see
    /// ``periodsPerYear(typicalGapDays:)``).
    public let periodsPerYear: Double

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
        periodsPerYear = Self.periodsPerYear(typicalGapDays: gaps.isEmpty ? 1 : gaps[(gaps.count - 1) / 2])
    }

    /// Trading days a year: P for closes a day apart.
    public static let tradingDaysPerYear = 252.0

    /// P for closes typically (the lower median of their gaps) `days` calendar days apart: 252 trading days
    /// up to 4 days (daily bars, whose gaps are 1 and, over weekends and holidays, 3 or 4), and beyond that
    /// the whole number of such gaps in a year, 365.25 / days rounded (at least 1): 52 for weekly bars, 26
    /// fortnightly, 12 monthly (gaps of 28 to 31 days), 4 quarterly, 2 half-yearly, 1 yearly.
    public static func periodsPerYear(typicalGapDays days: Int64) -> Double {
        days <= 4 ? tradingDaysPerYear : max(1, (365.25 / Double(days)).rounded())
    }
}
