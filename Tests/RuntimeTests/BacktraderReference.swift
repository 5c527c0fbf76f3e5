import QuorumModel

/// An independent, deliberately naive implementation of the backtrader run described in
/// Tests/Fixtures/oracle (../shared/oracle/README.md), used to check the engine's parity in general: SMAs
/// recomputed from scratch each bar in exact decimal integers, CrossOver on the last non-zero difference,
/// long only, size ⌊cash × 0.95 / close⌋ at the signal bar, fill at the next open, reject when the cost
/// exceeds the cash, mark to market at each close.
struct BacktraderReference {
    struct Trade: Equatable {
        var entry: Timestamp, entryPrice: Int64, exit: Timestamp, exitPrice: Int64, quantity: Int64
    }
    var trades: [Trade] = []
    var rejected: [(time: Timestamp, quantity: Int64)] = []
    var equity: [Int64] = []
    var cash: Int64 = 0
    var position: Int64 = 0

    init(bars: [Bar], fast: Int, slow: Int, cash startingCash: Int64 = 100_000 * fixedPointScale) {
        cash = startingCash
        var nzd = 0
        var pending: Int64 = 0   // +qty buy, -qty sell
        var entry: (Timestamp, Int64)?
        func sum(_ end: Int, _ n: Int) -> Int128 { (end - n + 1...end).reduce(Int128(0)) { $0 + Int128(bars[$1].close.raw) } }
        for t in bars.indices {
            let bar = bars[t]
            if pending > 0 {
                let cost = bar.open.raw * pending
                if cost > cash { rejected.append((bar.time, pending)) } else {
                    cash -= cost; position = pending; entry = (bar.time, bar.open.raw)
                }
            } else if pending < 0 {
                cash += bar.open.raw * position
                trades.append(Trade(entry: entry!.0, entryPrice: entry!.1, exit: bar.time, exitPrice: bar.open.raw,
                                    quantity: position))
                position = 0
            }
            pending = 0
            if t >= slow - 1 {
                let lhs = sum(t, fast) * Int128(slow), rhs = sum(t, slow) * Int128(fast)
                let diff = lhs > rhs ? 1 : (lhs < rhs ? -1 : 0)
                if t >= slow {
                    if nzd < 0 && diff > 0 && position == 0 {
                        pending = Int64((Int128(cash) * 95 / 100) / Int128(bar.close.raw))
                    } else if nzd > 0 && diff < 0 && position > 0 {
                        pending = -position
                    }
                }
                if diff != 0 || t == slow - 1 { nzd = diff }
            }
            equity.append(cash + position * bar.close.raw)
        }
    }
}
