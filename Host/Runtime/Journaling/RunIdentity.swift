import FoundationEssentials
import QuorumJournal

/// A run's id and start time: `bt-20261121T101500Z-3f9a` (kind, UTC start, random suffix).
struct RunIdentity {
    let id: String
    let startedAt: String

    init(kind: String, now: Date = Date()) {
        startedAt = WallClock.iso8601(now)
        let compact = startedAt.filter { $0 != "-" && $0 != ":" }
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        id = "\(kind)-\(compact)-\(String(repeating: "0", count: 4 - suffix.count))\(suffix)"
    }

    /// The most characters a run's id may have: client order ids start with it, and a broker takes at most
    /// 128 characters (Alpaca), with the event, the symbol and the leg still to come.
    static let maxLength = 64

    /// Why `id` cannot name a run, or nil when it can: 1 to ``maxLength`` ASCII letters, digits, `.`, `_` or `-`
    /// (what brokers accept in a client order id).
    static func problem(with id: String) -> String? {
        if id.isEmpty || id.utf8.count > maxLength { return "a run id has 1 to \(maxLength) characters" }
        let allowed = id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
        return allowed ? nil : "a run id is made of ASCII letters, digits, '.', '_' and '-' only"
    }
}
