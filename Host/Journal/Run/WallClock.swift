import FoundationEssentials
import QuorumModel

/// Wall-clock times as the journal writes them (`runs.started_at`, `control_requests.requested_at`, …).
public enum WallClock {
    /// `date` in ISO 8601 UTC, to the second, e.g. `2026-11-21T10:15:00Z`.
    public static func iso8601(_ date: Date = Date()) -> String {
        // Whole seconds, rounded down (before 1970 too), formatted as bar times are (no formatter to build).
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return Timestamps.format(seconds * nanosecondsPerSecond, .dateTime) + "Z"
    }
}
