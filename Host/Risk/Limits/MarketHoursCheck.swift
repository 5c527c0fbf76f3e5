import FoundationEssentials
import QuorumConfig
import QuorumModel

/// Regular trading hours in the configured time zone, Monday to Friday (live trading only; holidays are the
/// broker's to refuse). Times given to it are UTC wall-clock timestamps.
public struct MarketHoursCheck: Sendable {
    public let hours: MarketHours
    private let zone: TimeZone

    /// nil when the time zone is unknown to this system.
    public init?(_ hours: MarketHours) {
        guard let zone = TimeZone(identifier: hours.timeZone) else { return nil }
        self.hours = hours
        self.zone = zone
    }

    public func isOpen(at time: Timestamp) -> Bool {
        let date = Date(timeIntervalSince1970: Double(time) / Double(nanosecondsPerSecond))
        let local = Int64(time / nanosecondsPerSecond) + Int64(zone.secondsFromGMT(for: date))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let weekday = (days + 4) % 7            // 1970-01-01 was a Thursday; 0 = Sunday
        let minute = Int((local - days * 86_400) / 60)
        return (1...5).contains(weekday < 0 ? weekday + 7 : weekday)
            && minute >= hours.openMinute && minute < hours.closeMinute
    }
}
