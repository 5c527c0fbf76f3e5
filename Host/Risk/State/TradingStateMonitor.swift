import QuorumConfig
import QuorumModel

/// Watches equity for the daily loss limit (→ REDUCING) and the maximum drawdown (→ HALTED, the kill switch),
/// and returns to ACTIVE on a new trading day (from REDUCING), on a resume command, or by the configured
/// auto-resume rule (from HALTED). Amounts are compared exactly.
///
/// A day is a calendar day of the data's clock. The day's starting equity is the equity at the end of the
/// previous day; the drawdown is measured from the highest equity since the start or the last resume.
public struct TradingStateMonitor: Sendable {
    public private(set) var state: TradingState = .active
    public let dailyLossLimit: Ratio
    public let maxDrawdown: Ratio
    public let autoResume: AutoResume?
    public private(set) var peak: Money {
        didSet { haltFloorIsStale = true }
    }
    public private(set) var dayStartEquity: Money {
        didSet { reduceAtOrBelow = Self.floor(of: dayStartEquity, losing: dailyLossLimit) }
    }
    private var lastEquity: Money
    /// The equities at which the limits act, kept with their references: a step costs two compares. The
    /// drawdown floor is recomputed only when equity is below a peak that moved.
    private var haltAtOrBelow: Money
    private var haltFloorIsStale = false
    private var reduceAtOrBelow: Money
    private var day: Int64?
    /// The current day's span in the data's clock, [dayStarts, dayEnds).
    private var dayStarts: Timestamp = .max
    private var dayEnds: Timestamp = .min
    private var haltedDays = 0

    public init(limits: RiskLimits, startingEquity: Money) {
        dailyLossLimit = limits.dailyLossLimit
        maxDrawdown = limits.maxDrawdown
        autoResume = limits.autoResume
        peak = startingEquity
        dayStartEquity = startingEquity
        lastEquity = startingEquity
        haltAtOrBelow = Self.floor(of: startingEquity, losing: limits.maxDrawdown)
        reduceAtOrBelow = Self.floor(of: startingEquity, losing: limits.dailyLossLimit)
    }

    /// Whether `time` falls on a later day than the last one seen (cheap: call with every bar).
    @inline(__always) public func isNewDay(_ time: Timestamp) -> Bool { time < dayStarts || time >= dayEnds }

    /// Starts the day of `time`: REDUCING ends; a halt counts a day towards auto-resume.
    public mutating func startDay(_ time: Timestamp) -> TradingStateChange? {
        let today = Timestamps.day(of: time)
        guard day != today else { return nil }
        let first = day == nil
        day = today
        dayStarts = today * nanosecondsPerDay
        dayEnds = dayStarts + nanosecondsPerDay
        guard !first else { return nil }
        dayStartEquity = lastEquity
        switch state {
        case .reducing:
            return change(to: .active, at: time, "new trading day")
        case .halted:
            haltedDays += 1
            if let rule = autoResume, haltedDays >= rule.afterDays {
                peak = lastEquity
                return change(to: .active, at: time, "auto_resume after \(rule.afterDays) day(s)")
            }
            return nil
        case .active:
            return nil
        }
    }

    /// Checks the limits against the equity at the end of a time step.
    public mutating func observe(equity: Money, at time: Timestamp) -> TradingStateChange? {
        lastEquity = equity
        guard state != .halted else { return nil }
        if equity > peak {
            peak = equity
        } else if haltFloorIsStale {
            haltAtOrBelow = Self.floor(of: peak, losing: maxDrawdown)
            haltFloorIsStale = false
        }
        if equity <= haltAtOrBelow && !haltFloorIsStale {
            return change(to: .halted, at: time, "drawdown \(Self.percent(peak, equity)) from peak \(peak) reached "
                + "max_drawdown \(maxDrawdown.doubleValue * 100)% (equity \(equity))")
        }
        if state == .active && equity <= reduceAtOrBelow {
            return change(to: .reducing, at: time, "daily loss \(Self.percent(dayStartEquity, equity)) from "
                + "\(dayStartEquity) reached daily_loss_limit \(dailyLossLimit.doubleValue * 100)% (equity \(equity))")
        }
        return nil
    }

    /// A person resumes trading (`quorum resume`). The drawdown is measured from here on.
    public mutating func resume(at time: Timestamp, reason: String) -> TradingStateChange? {
        guard state != .active else { return nil }
        peak = lastEquity
        return change(to: .active, at: time, reason)
    }

    private mutating func change(to next: TradingState, at time: Timestamp, _ reason: String) -> TradingStateChange {
        let from = state
        state = next
        haltedDays = 0
        return TradingStateChange(time: time, from: from, to: next, reason: reason)
    }

    /// The highest equity e with (reference − e) / reference ≥ limit, exactly: e ≤ reference × (1 − limit),
    /// rounded down to 10⁻⁸. A reference of zero or less never triggers.
    static func floor(of reference: Money, losing limit: Ratio) -> Money {
        guard reference.raw > 0 else { return Money(raw: .min) }
        let scaled = Int128(reference.raw) * (Int128(fixedPointScale) - Int128(limit.raw))
        let q = scaled / Int128(fixedPointScale)
        return Money(raw: Int64(scaled < 0 && scaled % Int128(fixedPointScale) != 0 ? q - 1 : q))
    }

    static func percent(_ reference: Money, _ equity: Money) -> String {
        let p = (reference.doubleValue - equity.doubleValue) / reference.doubleValue * 100
        return "\((p * 100).rounded() / 100)%"
    }

}
