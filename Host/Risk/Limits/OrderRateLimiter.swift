import QuorumModel

/// Counts orders for `max_orders_per_minute` and `min_order_interval_ms`: the times of the last N orders in a
/// ring, so a check is O(1) and allocates nothing.
public struct OrderRateLimiter: Sendable {
    private var times: [Timestamp]
    private var next = 0
    private var count = 0
    public private(set) var last: Timestamp?

    public init(perMinute: Int) { times = Array(repeating: 0, count: max(perMinute, 1)) }

    /// Orders sent in the minute up to `time` (at most the per-minute limit).
    public func ordersInMinute(before time: Timestamp) -> Int {
        var n = 0
        // Compared as times, not as a difference: one over 292 years would not fit 64 bits.
        let minuteAgo = time - 60 * nanosecondsPerSecond
        for k in 0..<count where times[k] > minuteAgo { n += 1 }
        return n
    }

    public var limit: Int { times.count }

    public mutating func record(_ time: Timestamp) {
        times[next] = time
        next = (next + 1) % times.count
        count = min(count + 1, times.count)
        last = time
    }
}
