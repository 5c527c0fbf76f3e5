import Foundation
import QuorumModel
import XCTest
@testable import QuorumJournal

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TempFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "quorum-journal-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A test case with a temporary folder per test.
class JournalTestCase: XCTestCase {
    private(set) var folder: TempFolder!

    override func setUp() {
        super.setUp()
        folder = TempFolder()
    }

    override func tearDown() {
        folder.remove()
        super.tearDown()
    }

    var journalPath: String { folder.file("runs/quorum.sqlite") }

    /// Writes `records` to a new journal at `path` in one finished run (``runInfo``), in batches of 5.
    func writeJournal(_ path: String, _ records: [JournalRecord]) throws {
        let writer = try JournalWriter(path: path, run: runInfo(), batchSize: 5)
        records.forEach(writer.append)
        try writer.close(final: completed)
    }

    /// A new journal at `path` as a build of schema `version` made it: built by the first `version` migrations.
    func olderJournal(_ path: String, version: Int) throws -> Database {
        let database = try JournalFile.openForWriting(
            path: path, busyTimeoutMilliseconds: 100,
            migrator: Migrator(Array(JournalSchema.migrator.migrations.prefix(version))))
        XCTAssertEqual(try database.userVersion(), version)
        return database
    }

    /// A journal at `path` of schema `version` (5 or later: records in blocks) holding one run (``runInfo``) with
    /// `records`, as this build writes them.
    func olderJournal(_ path: String, version: Int, holding records: [JournalRecord]) throws -> Database {
        let source = folder.file("source-\(version).sqlite")
        try writeJournal(source, records)
        let database = try olderJournal(path, version: version)
        _ = try database.insertRun(runInfo())
        try database.execute("""
            ATTACH '\(source)' AS source;
            INSERT INTO record_blocks SELECT * FROM source.record_blocks;
            INSERT INTO equity_blocks SELECT * FROM source.equity_blocks;
            UPDATE journal_sequence SET next_seq = (SELECT next_seq FROM source.journal_sequence);
            DETACH source;
            """)
        return database
    }
}

/// 2024-03-01T09:30:00 in nanoseconds.
let t0: Timestamp = Timestamps.days(year: 2024, month: 3, day: 1) * nanosecondsPerDay
    + (9 * 3600 + 30 * 60) * nanosecondsPerSecond

func runInfo(id: String = "run-1", level: JournalLevel = .full, timeFormat: TimeFormat = .dateTime,
             symbols: [String] = ["GOOG", "ORCL"], resumedFrom: String? = nil) -> RunInfo {
    RunInfo(id: id, kind: "backtest", startedAt: "2025-01-01T12:00:00Z", configPath: "strategies.yaml",
            configSHA256: String(repeating: "ab", count: 32), level: level, startingCash: Money(units: 100_000),
            timeFormat: timeFormat, quorumVersion: "0.1.0-test", symbols: symbols, resumedFrom: resumedFrom)
}

/// A quarter of a second past ``t0``, a nanosecond past the second after it, and whole seconds.
let timesWithFractions = [t0 + nanosecondsPerSecond / 4, t0 + nanosecondsPerSecond + 1, t0 + 2 * nanosecondsPerSecond]

/// Amounts a double cannot hold exactly, so only the raw column can give them back.
let hugeMoney = Money(raw: 9_007_199_254_740_993_01)
let oddPrice = Price(raw: 123_456_789_012_345)

/// One record of every kind, with awkward values (extreme amounts, NULLs and non-NULLs, quotes, non-ASCII).
func oneOfEachKind(at time: Timestamp = t0) -> [JournalRecord] {
    [
        .signal(SignalRecord(time: time, instance: 0, symbol: 1, direction: .long, confidence: 0.1 + 0.2,
                             targetWeight: 0.25, stopLoss: Price(raw: 1), takeProfit: oddPrice, expiryBars: 3,
                             reason: "up-cross \"fast\" > slow — ünïcode")),
        .signal(SignalRecord(time: time, instance: 1, symbol: 0, direction: .short, confidence: 1)),
        .verdict(VerdictRecord(time: time, symbol: 1, direction: .flat, conviction: 0.5, net: -1e-300, stances: 3,
                               nonFlat: 2, targetWeight: nil, stopLoss: oddPrice, takeProfit: nil)),
        .riskDecision(RiskDecisionRecord(time: time, symbol: 0, action: "resized", rule: "max_order_value",
                                         requested: 120, approved: 100,
                                         detail: "order value 12000.00 > max_order_value 10000")),
        .tradingState(TradingStateRecord(time: time, from: "active", to: "reducing", reason: "daily loss limit")),
        .order(OrderRecord(time: time, clientOrderID: "Q-1", symbol: 0, side: "buy", type: "stop_limit",
                           quantity: 100, limitPrice: Price(raw: 18_631_000_000), stopPrice: Price(raw: -5),
                           trail: "2%", timeInForce: "gtc", parentID: "Q-0", leg: "entry")),
        .order(OrderRecord(time: time, clientOrderID: "Q-2", symbol: 1, side: "sell", type: "market", quantity: 7,
                           timeInForce: "day", leg: "exit")),
        .orderEvent(OrderEventRecord(time: time, clientOrderID: "Q-1", from: "submitted", to: "partially_filled",
                                     filledQuantity: 40, reason: "liquidity")),
        .orderEvent(OrderEventRecord(time: time, clientOrderID: "Q-2", from: "new", to: "submitted",
                                     filledQuantity: 0)),
        .fill(FillRecord(time: time, clientOrderID: "Q-1", symbol: 0, quantity: -40, price: oddPrice,
                         commission: Money(raw: 1))),
        .position(PositionRecord(time: time, symbol: 0, quantity: -40, costBasis: -hugeMoney,
                                 realizedPnL: Money(raw: -123_456_789))),
        .trade(TradeRecord(book: ensembleBook, symbol: 1, entryTime: time - nanosecondsPerDay, entryPrice: oddPrice,
                           exitTime: time, exitPrice: Price(raw: 19_369_000_000), quantity: -513, pnl: hugeMoney,
                           commission: Money(raw: 2))),
        .trade(TradeRecord(book: 1, symbol: 0, entryTime: time - 2 * nanosecondsPerDay, entryPrice: Price(raw: 3),
                           exitTime: time, exitPrice: Price(raw: 4), quantity: 1, pnl: Money(raw: 1),
                           commission: .zero)),
        .equity(EquityRecord(time: time, book: ensembleBook, equity: hugeMoney, cash: Money(raw: -1),
                             exposure: Money(units: 5))),
        .equity(EquityRecord(time: time, book: 0, equity: Money(units: 100_000), cash: Money(units: 100_000),
                             exposure: .zero)),
        .weights(WeightsRecord(time: time, weights: [0.1, 0.2 + 0.1, .leastNonzeroMagnitude])),
        .fault(FaultRecord(time: time, instance: 1, message: "confidence nan is not in [0, 1]")),
        .quarantine(QuarantineRecord(time: time, instance: 1)),
        .transitionError(TransitionErrorRecord(time: time, machine: "order", id: "Q-9", from: "filled",
                                               event: "cancel", message: "a filled order cannot be cancelled")),
    ]
}

/// Opens the journal's database directly (for checks the reader does not offer).
func rawDatabase(_ path: String) throws -> Database {
    try Database(path: path, access: .readWrite)
}

extension Database {
    func integrityCheck() throws -> String? { try scalarText("PRAGMA integrity_check") }
    func count(_ sql: String) throws -> Int { Int(try scalar(sql) ?? -1) }
}

let completed = RunOutcome(status: .completed, endedAt: "2025-01-01T12:05:00Z", finalEquity: hugeMoney,
                           finalCash: Money(raw: 2_410_943_000_000))
