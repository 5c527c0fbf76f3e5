import QuorumModel
import XCTest
@testable import QuorumJournal

final class RoundTripTests: JournalTestCase {
    func testEveryRecordKindRoundTripsExactly() throws {
        let records = oneOfEachKind() + oneOfEachKind(at: t0 + nanosecondsPerSecond)
        XCTAssertEqual(Set(records.map(\.kind)), Set(JournalRecord.Kind.allCases), "the fixture covers every kind")
        let writer = try JournalWriter(path: journalPath, run: runInfo(level: .full))
        records.forEach(writer.append)
        try writer.close(final: completed)

        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.records(run: "run-1"), records)
        for kind in JournalRecord.Kind.allCases {
            XCTAssertEqual(try reader.records(run: "run-1", kinds: [kind]), records.filter { $0.kind == kind },
                           "\(kind)")
        }
        XCTAssertEqual(try reader.counts(run: "run-1"),
                       Dictionary(grouping: records, by: \.kind).mapValues(\.count))
        XCTAssertEqual(try reader.orders(run: "run-1").map(\.clientOrderID), ["Q-1", "Q-2", "Q-1", "Q-2"])
        XCTAssertEqual(try reader.fills(run: "run-1").map(\.price), [oddPrice, oddPrice])
        XCTAssertEqual(try reader.faults(run: "run-1").count, 2)
        XCTAssertEqual(try reader.weights(run: "run-1").map(\.weights),
                       Array(repeating: [0.1, 0.2 + 0.1, .leastNonzeroMagnitude], count: 2))
        XCTAssertEqual(try reader.trades(run: "run-1", book: 1).map(\.quantity), [1, 1])
        XCTAssertEqual(try reader.trades(run: "run-1").count, 4)
        XCTAssertEqual(try rawDatabase(journalPath).integrityCheck(), "ok")
    }

    func testMoneyIsStoredExactlyAndAsANumberToQuery() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        oneOfEachKind().forEach(writer.append)
        try writer.close(final: completed)

        let db = try rawDatabase(journalPath)
        let row = try db.prepare("SELECT equity, equity_raw, cash, time, ts FROM equity WHERE book = -1")
            .rows { (r: inout Row) in (r.double(), r.int64(), r.double(), r.text(), r.int64()) }
        XCTAssertEqual(row.count, 1)
        XCTAssertEqual(row[0].0, hugeMoney.doubleValue)
        XCTAssertEqual(row[0].1, hugeMoney.raw)
        XCTAssertEqual(row[0].2, -0.00000001)
        XCTAssertEqual(row[0].3, "2024-03-01T09:30:00")
        XCTAssertEqual(row[0].4, t0)
        XCTAssertEqual(try db.scalarText("SELECT time || ' ' || entry_time FROM trades WHERE book = 1"),
                       "2024-03-01T09:30:00 2024-02-28T09:30:00")
        XCTAssertEqual(try db.scalarText("SELECT symbol FROM fills"), "GOOG")
        XCTAssertEqual(try db.count("SELECT count(*) FROM signals JOIN events USING (seq) WHERE kind = 'signal'"), 2)
        XCTAssertEqual(try db.scalarText("SELECT final_equity_raw || ' ' || final_cash FROM runs"),
                       "\(hugeMoney.raw) 24109.43")
    }

    func testTimesAreWrittenInTheRunsTimeFormat() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(timeFormat: .date))
        writer.append(.equity(EquityRecord(time: t0, book: ensembleBook, equity: .zero, cash: .zero, exposure: .zero)))
        try writer.close(final: completed)
        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.equity(run: "run-1", book: ensembleBook).map(\.time), ["2024-03-01"])
        XCTAssertEqual(try reader.latestRun()?.info.timeFormat, .date)
    }

    func testRunPluginsStrategiesAndSymbolsRoundTrip() throws {
        let run = runInfo(symbols: ["GOOG", "ORCL", "MSFT"], resumedFrom: "run-0")
        let plugins = [
            PluginRow(path: "plugins/libQuorumSMACross.so", sha256: String(repeating: "1", count: 64),
                      strategyIDs: ["org.quorum.sma-cross"]),
            PluginRow(path: "plugins/libQuorumPairs.so", sha256: String(repeating: "2", count: 64),
                      strategyIDs: ["org.quorum.pairs", "org.quorum.pairs-z"]),
            PluginRow(path: "plugins/empty.so", sha256: String(repeating: "3", count: 64), strategyIDs: []),
        ]
        let strategies = [
            StrategyRow(instance: 0, name: "sma-10-30", plugin: "org.quorum.sma-cross", weight: 1, symbols: [0],
                        params: ["fast": "10", "slow": "30"]),
            StrategyRow(instance: 1, name: "pairs", plugin: "org.quorum.pairs", weight: 0.5, symbols: [2, 1]),
        ]
        let writer = try JournalWriter(path: journalPath, run: run)
        try writer.plugins(plugins)
        try writer.strategies(strategies)
        try writer.close(final: completed)

        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.symbols(run: "run-1"), ["GOOG", "ORCL", "MSFT"])
        XCTAssertEqual(try reader.plugins(run: "run-1"), plugins)
        XCTAssertEqual(try reader.strategies(run: "run-1"), strategies)
        let stored = try XCTUnwrap(reader.run(id: "run-1"))
        XCTAssertEqual(stored.info, run)
        XCTAssertNil(try reader.run(id: "nope"))
        XCTAssertThrowsError(try reader.strategies(run: "nope")) {
            XCTAssertEqual($0 as? JournalError, .runNotFound(path: journalPath, id: "nope"))
        }
    }

    func testEquityCurveOfOneBook() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(), batchSize: 7)
        for day in 0..<30 {
            let time = t0 + Int64(day) * nanosecondsPerDay
            for book in [ensembleBook, 0, 1] {
                let equity = Money(units: Int64(1000 * book + day))
                writer.append(.equity(EquityRecord(time: time, book: book, equity: equity, cash: Money(raw: Int64(day)),
                                                   exposure: .zero)))
            }
        }
        try writer.close(final: completed)
        let curve = try JournalReader(path: journalPath).equity(run: "run-1", book: 0)
        XCTAssertEqual(curve.map(\.equity), (0..<30).map { Money(units: Int64($0)) })
        XCTAssertEqual(curve.map(\.cash.raw), (0..<30).map { Int64($0) })
        XCTAssertEqual(curve.first?.time, "2024-03-01T09:30:00")
        XCTAssertEqual(curve.last?.ts, t0 + 29 * nanosecondsPerDay)
    }
}

final class ResumeTests: JournalTestCase {
    func testTheLastPositionOfEachSymbolIsWhereADaemonResumes() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo(level: .decisions))
        for (day, (symbol, quantity)) in [(0, 10), (1, 5), (0, 0), (1, -3), (0, 7)].enumerated() {
            writer.append(.position(PositionRecord(time: t0 + Int64(day) * nanosecondsPerDay, symbol: symbol,
                                                   quantity: Int64(quantity), costBasis: Money(units: Int64(quantity)),
                                                   realizedPnL: .zero)))
        }
        try writer.close(final: completed)
        let reader = try JournalReader(path: journalPath)
        XCTAssertEqual(try reader.positions(run: "run-1").map(\.quantity), [10, 5, 0, -3, 7])
        XCTAssertEqual(try reader.positions(run: "run-1", latestOnly: true).map { [$0.symbol, Int($0.quantity)] },
                       [[1, -3], [0, 7]])
    }
}
