import FoundationEssentials
import QuorumJournal

/// A run's id and start time: `bt-20261121T101500Z-3f9a` (kind, UTC start, random suffix).
struct RunIdentity {
    let id: String
    let startedAt: String

    init(kind: String, now: Date = Date()) {
        startedAt = WallClock.iso8601(now)
        let compact = startedAt.filter { $0 != "-" && $0 != ":" }
        id = "\(kind)-\(compact)-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
    }
}
