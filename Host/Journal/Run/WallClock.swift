import Foundation

/// Wall-clock times as the journal writes them (`runs.started_at`, `control_requests.requested_at`, …).
public enum WallClock {
    /// `date` in ISO 8601 UTC, to the second, e.g. `2026-11-21T10:15:00Z`.
    public static func iso8601(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
