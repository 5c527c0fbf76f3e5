import QuorumData
import QuorumExecution
import QuorumModel
import QuorumPortfolio

/// What a backtest produced (SPEC §13 `--json`).
public struct BacktestResult {
    /// A position still open at the end: `unrealized` is its value at `lastPrice` less its cost basis, and
    /// `realized` and `commission` what its fills since it opened have realized (before commissions) and paid,
    /// which its round trip will carry when it closes. With the trades' P&L less their commissions they add up:
    /// final equity = starting cash + Σ trades (pnl − commission) + Σ open (realized + unrealized − commission).
    public struct OpenPosition {
        public var symbol: Int
        public var position: Position
        public var lastPrice: Price
        public var unrealized: Money
        public var realized: Money
        public var commission: Money
    }

    public struct StrategyRow {
        public var name: String
        public var plugin: String
        public var weight: Double
        public var signals: Int
        public var faults: Int
        public var quarantined: Bool
        /// Chunks of events in which the strategy's mean call time exceeded ``BacktestResult/deadlineNanoseconds``
        /// (a backtest times calls per chunk, not one by one: a clock read per call would cost more than most
        /// calls; it still counts the signals).
        public var slowChunks: Int
        public var meanCallNanoseconds: Double
        /// The slowest chunk's mean call time.
        public var slowestMeanCallNanoseconds: Double
        /// The latest fault, and the time the strategy was quarantined (as the data writes times), when any.
        public var lastFault: String?
        public var quarantinedAt: String?
        /// The strategy's shadow book (its own signals, its own cash).
        public var shadowEquity: Money
        public var shadowTrades: Int
    }

    public var symbols: [String]
    public var timeFormats: [TimeFormat]
    public var startingCash: Money
    public var finalCash: Money
    public var finalEquity: Money
    public var trades: [RoundTrip]
    public var openPositions: [OpenPosition]
    public var rejected: [RejectedOrder]
    public var strategies: [StrategyRow]
    /// The judge's per-event deadline (`judge.deadline_ms`).
    public var deadlineNanoseconds: Int64
    public var events: Int
    /// The rows skipped under `on_bad_row: skip`, in symbol order.
    public var skippedRows: [SkippedRows]
    /// The data file of each symbol, in symbol order.
    public var dataFiles: [String]
    public var maxDrawdown: Double
    /// Whether the ensemble's equity or exposure reached an end of Money's range (±92,233,720,368.54775807) at
    /// some step: amounts there are clamped to it, so the figures of such a run are not exact.
    public var outOfRange: Bool
    /// What is said of each strategy whose output counted as absent (SPEC §7: faults are counted and journaled;
    /// a quarantine is said): name, count, the latest cause, the quarantine.
    public var faultLines: [String] {
        strategies.filter { $0.faults > 0 }.map { s in
            "\(s.name): \(s.faults) fault(s), its output counted as absent (the latest: \(s.lastFault ?? "unknown"))"
                + (s.quarantinedAt.map { "; quarantined at \($0): it stopped voting" } ?? "")
        }
    }

    /// What is said of each strategy slower than the deadline: name, its slowest chunk's mean call, the deadline.
    public var slowStrategyLines: [String] {
        strategies.filter { $0.slowChunks > 0 }.map { s in
            "\(s.name) was slow: its calls took \(Self.milliseconds(s.slowestMeanCallNanoseconds)) ms on average in "
                + "its slowest chunk of events, over the \(Self.milliseconds(Double(deadlineNanoseconds))) ms deadline, "
                + "in \(s.slowChunks) chunk(s) (its signals still count in a backtest)"
        }
    }

    private static func milliseconds(_ nanoseconds: Double) -> String {
        let text = String((nanoseconds / 10_000).rounded() / 100)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// What is said when ``outOfRange``.
    public static let outOfRangeWarning = "the ensemble's equity or exposure reached the end of the fixed-point "
        + "range (±92,233,720,368.54775807) and was clamped there: the run's figures are not exact"
    /// The journal the run wrote, if any (the SQLite journal is not written by this version: null).
    public var journalPath: String?

    func time(_ t: Timestamp, symbol: Int) -> String { Timestamps.format(t, timeFormats[symbol]) }

    /// The object documented in SPEC §13 (with the additions listed in README.md), as JSON text (indented when
    /// `pretty`).
    public func jsonText(pretty: Bool = false) -> String {
        var writer = JSONWriter(into: TextBuilder(capacity: 4096 + 256 * trades.count), pretty: pretty)
        writeJSON(to: &writer)
        return writer.out.text
    }

    /// Writes the object documented in SPEC §13, streaming: a long run's trades go out one by one, with no
    /// tree of values built for them.
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.member("final_equity", finalEquity)
        w.member("final_cash", finalCash)
        w.member("starting_cash", startingCash)
        w.objects("trades", trades) { w, t in
            w.member("symbol", symbols[t.symbol])
            w.member("entry_time", time(t.entryTime, symbol: t.symbol))
            w.member("entry_price", t.entryPrice)
            w.member("exit_time", time(t.exitTime, symbol: t.symbol))
            w.member("exit_price", t.exitPrice)
            w.member("qty", t.quantity)
            w.member("pnl", t.pnl)
            w.member("commission", t.commission)
        }
        w.objects("open_positions", openPositions) { w, p in
            w.member("symbol", symbols[p.symbol])
            w.member("qty", p.position.quantity)
            w.member("entry_time", time(p.position.openedAt, symbol: p.symbol))
            w.member("entry_price", p.position.averageCost)
            w.member("last_price", p.lastPrice)
            w.member("unrealized_pnl", p.unrealized)
            w.member("realized_pnl", p.realized)
            w.member("commission", p.commission)
        }
        w.objects("rejected_orders", rejected) { w, r in
            w.member("time", time(r.time, symbol: r.symbol))
            w.member("symbol", symbols[r.symbol])
            w.member("qty", r.quantity)
            w.member("reason", r.reason)
        }
        w.objects("strategies", strategies) { w, s in
            w.member("name", s.name)
            w.member("plugin", s.plugin)
            w.member("signals", Int64(s.signals))
            w.member("faults", Int64(s.faults))
            w.member("quarantined", s.quarantined)
        }
        w.objects("skipped_rows", skippedRows.indices.filter { skippedRows[$0].total > 0 }) { w, s in
            let skipped = skippedRows[s]
            w.member("file", dataFiles[s])
            w.member("symbol", symbols[s])
            w.member("count", Int64(skipped.total))
            w.key("by_problem")
            w.beginObject()
            for problem in BarProblem.allCases {
                guard let count = skipped.countsByProblem[problem] else { continue }
                w.key(named: problem.rawValue)
                w.int(Int64(count))
            }
            w.endObject()
            w.key("first")
            w.beginArray()
            for error in skipped.firstErrors { w.string(error.description) }
            w.endArray()
        }
        w.member("events", Int64(events))
        w.key("journal")
        if let journalPath { w.string(journalPath) } else { w.null() }
        w.endObject()
    }
}
