import QuorumData
import QuorumExecution
import QuorumModel
import QuorumPortfolio

/// What a backtest produced (SPEC §13 `--json`).
public struct BacktestResult {
    public struct StrategyRow {
        public var name: String
        public var plugin: String
        public var weight: Double
        public var signals: Int
        public var faults: Int
        public var quarantined: Bool
        public var slowChunks: Int
        public var meanCallNanoseconds: Double
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
    public var openPositions: [(symbol: Int, position: Position, lastPrice: Price, unrealized: Money)]
    public var rejected: [RejectedOrder]
    public var strategies: [StrategyRow]
    public var events: Int
    public var skippedRows: [SkippedRows]
    public var maxDrawdown: Double
    /// The journal the run wrote, if any (the SQLite journal is not written by this version: null).
    public var journalPath: String?

    func time(_ t: Timestamp, symbol: Int) -> String { Timestamps.format(t, timeFormats[symbol]) }

    /// The object documented in SPEC §13.
    public var json: JSONValue {
        .object([
            ("final_equity", .money(finalEquity)),
            ("final_cash", .money(finalCash)),
            ("starting_cash", .money(startingCash)),
            ("trades", .array(trades.map { t in
                .object([
                    ("symbol", .string(symbols[t.symbol])),
                    ("entry_time", .string(time(t.entryTime, symbol: t.symbol))),
                    ("entry_price", .price(t.entryPrice)),
                    ("exit_time", .string(time(t.exitTime, symbol: t.symbol))),
                    ("exit_price", .price(t.exitPrice)),
                    ("qty", .int(t.quantity)),
                    ("pnl", .money(t.pnl)),
                ])
            })),
            ("open_positions", .array(openPositions.map { p in
                .object([
                    ("symbol", .string(symbols[p.symbol])),
                    ("qty", .int(p.position.quantity)),
                    ("entry_time", .string(time(p.position.openedAt, symbol: p.symbol))),
                    ("entry_price", .price(p.position.entryPrice)),
                    ("last_price", .price(p.lastPrice)),
                    ("unrealized_pnl", .money(p.unrealized)),
                ])
            })),
            ("rejected_orders", .array(rejected.map { r in
                .object([
                    ("time", .string(time(r.time, symbol: r.symbol))),
                    ("symbol", .string(symbols[r.symbol])),
                    ("qty", .int(r.quantity)),
                    ("reason", .string(r.reason)),
                ])
            })),
            ("strategies", .array(strategies.map { s in
                .object([
                    ("name", .string(s.name)),
                    ("plugin", .string(s.plugin)),
                    ("signals", .int(s.signals)),
                    ("faults", .int(s.faults)),
                    ("quarantined", .bool(s.quarantined)),
                ])
            })),
            ("events", .int(events)),
            ("journal", journalPath.map { .string($0) } ?? .null),
        ])
    }
}
