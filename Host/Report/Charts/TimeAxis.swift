import QuorumModel

/// Horizontal time ticks on calendar boundaries: whole years, months, days or hours depending on the span,
/// labelled with ``Timestamps/format(_:_:)`` (trimmed to the year, the month, or the time of day).
struct TimeAxis {
    struct Tick {
        let time: Timestamp
        let label: String
    }

    let ticks: [Tick]

    /// Ticks between `start` and `end`, at most about `maxTicks` of them.
    init(from start: Timestamp, to end: Timestamp, maxTicks: Int = 7) {
        let day = nanosecondsPerDay
        guard end > start else {
            ticks = [Tick(time: start, label: Timestamps.format(start, .date))]
            return
        }
        // A span of more than 292 years does not fit 64 bits of nanoseconds: it is a span of years.
        let (span, beyond) = end.subtractingReportingOverflow(start)
        let startDate = Timestamps.civil(days: Timestamps.day(of: start))
        let endDate = Timestamps.civil(days: Timestamps.day(of: end))
        if beyond || span >= 730 * day {
            let years = endDate.year - startDate.year
            let step = Self.step(for: years, maxTicks: maxTicks, steps: [1, 2, 5, 10, 20, 25, 50, 100])
            ticks = stride(from: (startDate.year / step) * step, through: endDate.year, by: step).compactMap { year in
                Self.midnight(year: year, month: 1, within: start...end)
                    .map { Tick(time: $0, label: String(Timestamps.format($0, .date).prefix(4))) }
            }
        } else if span >= 60 * day {
            let first = startDate.year * 12 + startDate.month - 1
            let last = endDate.year * 12 + endDate.month - 1
            let step = Self.step(for: last - first, maxTicks: maxTicks, steps: [1, 2, 3, 6, 12])
            ticks = stride(from: (first / step) * step, through: last, by: step).compactMap { month in
                Self.midnight(year: month / 12, month: month % 12 + 1, within: start...end)
                    .map { Tick(time: $0, label: String(Timestamps.format($0, .date).prefix(7))) }
            }
        } else if span >= 2 * day {
            let days = Int(span / day)
            let step = Int64(Self.step(for: days, maxTicks: maxTicks, steps: [1, 2, 5, 7, 14, 28]))
            let first = Timestamps.day(of: start) + 1
            ticks = stride(from: first, through: Timestamps.day(of: end), by: Int(step)).map { d in
                Tick(time: d * day, label: Timestamps.format(d * day, .date))
            }
        } else {
            let hour = 3600 * nanosecondsPerSecond
            let hours = Int(span / hour)
            let step = Int64(Self.step(for: hours, maxTicks: maxTicks, steps: [1, 2, 3, 4, 6, 12]))
            let first = (Timestamps.floor(start, hour * step) + 1) * hour * step
            ticks = stride(from: first, through: end, by: Int(hour * step)).map { t in
                Tick(time: t, label: String(Timestamps.format(t, .dateTime).suffix(8).prefix(5)))
            }
        }
    }

    /// The smallest step of `steps` that cuts `units` into at most `maxTicks` pieces.
    private static func step(for units: Int, maxTicks: Int, steps: [Int]) -> Int {
        steps.first { units / $0 < maxTicks } ?? steps.last! * max(1, units / (steps.last! * maxTicks) + 1)
    }

    /// The first midnight of the month, when it lies in `range` (nil too when it is outside what a Timestamp holds).
    private static func midnight(year: Int, month: Int, within range: ClosedRange<Timestamp>) -> Timestamp? {
        let (t, overflow) = Timestamps.days(year: year, month: month, day: 1).multipliedReportingOverflow(by: nanosecondsPerDay)
        return !overflow && range.contains(t) ? t : nil
    }
}
