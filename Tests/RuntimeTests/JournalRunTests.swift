import Foundation
import Quorum
import QuorumEngine
@testable import QuorumJournal
import QuorumJudge
import QuorumModel
import QuorumPerformance
import QuorumReport
import QuorumTestSupport
import XCTest

/// A backtest writes its journal, and `quorum compare` reads every number back from it (SPEC §11, §12).
final class JournalRunTests: TemporaryFolderTestCase {
    /// A strategy in shadow mode (weight 0) does not vote, but its agreement with the verdicts is counted like a
    /// voter's (it was never counted: its row read "-", the very figure a user weighs a candidate by).
    func testAShadowModeStrategysAgreementIsCounted() throws {
        let (_, path) = try backtest("""
            version: 1
            plugins: {dirs: [\(TestSupport.pluginFolder)]}
            data: [{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}]
            strategies:
              - {name: main, plugin: org.quorum.sma-cross, symbols: [GOOG], params: {fast: 10, slow: 30}}
              - {name: twin, plugin: org.quorum.sma-cross, symbols: [GOOG], params: {fast: 10, slow: 30}, weight: 0}
            risk: {sizing: {mode: fraction_of_cash, fraction: 0.95}, limits: none}
            """, level: .summary)
        let stats = try JournalReader(path: path).bookStats(run: "test-run")
        let main = try XCTUnwrap(stats.first { $0.book == 0 }), twin = try XCTUnwrap(stats.first { $0.book == 1 })
        XCTAssertGreaterThan(main.verdicts, 1_000)
        XCTAssertEqual(twin.verdicts, main.verdicts, "the same stances at the same verdicts")
        XCTAssertEqual(twin.agreements, main.agreements)
        XCTAssertEqual(twin.attributedPnL, .zero, "it opened nothing: it does not vote")
    }

    /// Every transaction ends at the end of a time step, so a crash between two never commits part of one (a
    /// fill without its order's event and position, the ensemble's equity point without the strategies'): with
    /// batches of 5 records, each book's k-th equity block (one per book per transaction) starts at the same
    /// time and holds the same number of points as every other book's.
    func testEveryTransactionEndsWithATimeStep() throws {
        let workspace = try TestSupport.workspace("""
            version: 1
            plugins: {dirs: [\(TestSupport.pluginFolder)]}
            data: [{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}, {path: \(TestSupport.dataFile("ORCL_1d.csv")), symbol: ORCL}]
            strategies:
              - {name: fast, plugin: org.quorum.sma-cross, symbols: [GOOG], params: {fast: 5, slow: 20}}
              - {name: slow, plugin: org.quorum.sma-cross, symbols: [ORCL], params: {fast: 10, slow: 30}}
            risk: {sizing: {mode: fraction_of_cash, fraction: 0.45}, limits: none}
            """)
        var options = BacktestOptions()
        options.journalPath = "\(folder!)/steps.sqlite"
        options.journalBatchSize = 5
        _ = try BacktestRunner.run(workspace, options: options, logger: TestSupport.logger)
        let database = try Database(path: options.journalPath!, access: .readOnly)
        var blocks: [Int64: [(firstTime: Int64, points: Int64)]] = [:]
        let rows = try Statement(database: database, sql: "SELECT book, first_ts, points FROM equity_blocks ORDER BY block_id")
            .rows { row in (row.int64(), row.int64(), row.int64()) }
        for (book, first, points) in rows { blocks[book, default: []].append((first, points)) }
        XCTAssertEqual(blocks.keys.sorted(), [-1, 0, 1])
        let ensemble = try XCTUnwrap(blocks[-1])
        XCTAssertGreaterThan(ensemble.count, 100, "many transactions")
        for book: Int64 in [0, 1] {
            let own = try XCTUnwrap(blocks[book])
            XCTAssertEqual(own.count, ensemble.count, "book \(book)")
            for (k, (a, b)) in zip(ensemble, own).enumerated() where a != b {
                XCTFail("transaction \(k): the ensemble's block \(a), book \(book)'s \(b)")
                break
            }
        }
    }

    /// A plugin folder that does not exist is said (the strategies it was to provide were only "unknown").
    func testAMissingPluginFolderIsSaid() throws {
        let config = "\(folder!)/missing.yaml"
        try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .replacingOccurrences(of: TestSupport.pluginFolder, with: "\(folder!)/no-such-folder")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let (_, errors) = try runCapturing("\(TestSupport.buildFolder)/quorum", ["validate", config], status: 2)
        XCTAssertTrue(errors.contains("plugin folder \(folder!)/no-such-folder does not exist"), errors)
    }

    /// A strategy following two symbols signals for the first on the second's event, so the first is judged
    /// twice at one time: each judgement's orders have their own ids (the id's event is the event judged on,
    /// not the bar's time), and an exit never takes the book through zero (a closing exit replaces a
    /// rebalance's reduction still working; both used to fill, leaving the book the other way round).
    func testEveryOrderHasItsOwnIdWhenASymbolIsJudgedTwiceAtOneTime() throws {
        let (_, path) = try backtest("""
            version: 1
            plugins: {dirs: [\(TestSupport.pluginFolder)]}
            data: [{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG},
                   {path: \(TestSupport.dataFile("YHOO_1d.csv")), symbol: YHOO}]
            judge: {mode: vote}
            strategies:
              - {name: sma, plugin: org.quorum.sma-cross, symbols: [GOOG]}
              - {name: pairs, plugin: org.quorum.pairs, symbols: [GOOG, YHOO]}
            risk: {sizing: {mode: fraction_of_cash, fraction: 0.95}, limits: none}
            execution: {rebalance_threshold: 0.001}
            """, level: .decisions)
        let reader = try JournalReader(path: path)
        let orders = try reader.orders(run: "test-run")
        let ids = orders.map { $0.clientOrderID.text ?? "" }
        XCTAssertGreaterThan(orders.count, 100)
        XCTAssertEqual(Set(ids).count, ids.count, "every order has its own id")
        let judgedTwice = Dictionary(grouping: orders) { "\($0.time) \($0.symbol) \($0.leg)" }.values
            .filter { $0.count > 1 }
        XCTAssertFalse(judgedTwice.isEmpty, "the run has a symbol with two orders of one leg at one time")
        let legs = Dictionary(orders.map { ($0.clientOrderID.text ?? "", $0.leg) }) { first, _ in first }
        var held: [Int: Quantity] = [:]
        for fill in try reader.fills(run: "test-run") {
            let before = held[fill.symbol, default: 0], after = before + fill.quantity
            if legs[fill.clientOrderID.text ?? ""] != "entry" {
                XCTAssertGreaterThanOrEqual(before.signum() * after.signum(), 0,
                                            "an exit took \(fill.symbol) from \(before) to \(after) at \(fill.time)")
            }
            held[fill.symbol] = after
        }
    }

    /// The oracle run, journaled: the ensemble's curve in the journal is backtrader's, and its statistics are
    /// empyrical's to 1e-9.
    func testTheJournaledOracleRunReproducesTheOracleStatistics() throws {
        let (result, path) = try backtest(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
        let reader = try JournalReader(path: path)
        let run = try XCTUnwrap(reader.run(id: "test-run"))
        XCTAssertEqual(run.status, .completed)
        XCTAssertEqual(run.finalEquity, result.finalEquity)
        // The configuration file's SHA-256, as sha256sum gives it (it was always NULL).
        let configPath = try XCTUnwrap(run.info.configPath)
        let sha256sum = try shell(["sha256sum", configPath]).split(separator: " ").first.map(String.init)
        XCTAssertEqual(run.info.configSHA256, sha256sum)
        let curve = try reader.equity(run: "test-run", book: ensembleBook)
        let rows = try String(contentsOfFile: Repository.fixture("oracle/GOOG_sma_10_30.equity.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        XCTAssertEqual(curve.count, rows.count)
        for (point, row) in zip(curve, rows) {
            let fields = row.split(separator: ",")
            XCTAssertEqual(point.time, String(fields[0]))
            XCTAssertEqual(point.equity.doubleValue, Double(fields[1])!, accuracy: 1e-6)
        }
        XCTAssertEqual(try reader.trades(run: "test-run", book: ensembleBook).count, result.trades.count)

        var streamed: [EquityRecord] = []
        try reader.forEachEquityPoint(run: "test-run", book: ensembleBook) { streamed.append($0) }
        XCTAssertEqual(streamed.map(\.time), curve.map(\.ts))
        XCTAssertEqual(streamed.map(\.equity), curve.map(\.equity))
        XCTAssertEqual(streamed.map(\.exposure), curve.map(\.exposure))

        let comparison = try RunComparison(journal: path)
        XCTAssertEqual(comparison.curves.map(\.name), ["ensemble", "sma"])
        let tableOnly = try RunComparison(journal: path, keepingCurves: false)
        XCTAssertEqual(tableOnly.table, comparison.table, "the same statistics without keeping the curves")
        XCTAssertTrue(tableOnly.curves.isEmpty)
        let ensemble = try XCTUnwrap(comparison.table.rows.first)
        XCTAssertEqual(ensemble.name, "ensemble")
        let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(
            fileURLWithPath: Repository.fixture("oracle/GOOG_sma_10_30.metrics.json")))) as! [String: Any]
        let empyrical = metrics["empyrical_0.7.1"] as! [String: Double]
        let s = ensemble.statistics
        for (name, mine, theirs) in [("sharpe", s.sharpe, empyrical["sharpe"]!), ("sortino", s.sortino, empyrical["sortino"]!),
                                     ("max_drawdown", s.maxDrawdown, empyrical["max_drawdown"]!),
                                     ("cagr", s.cagr, empyrical["cagr"]!),
                                     ("volatility", s.volatility, empyrical["annual_volatility"]!)] {
            let value = try XCTUnwrap(mine, name)
            XCTAssertEqual(value, theirs, accuracy: abs(theirs) * 1e-9, name)
        }
        // The one strategy's shadow book is the same book: the same equity curve point for point, the same
        // trades, full agreement, all of the P&L.
        let shadowCurve = try reader.equity(run: "test-run", book: 0)
        XCTAssertEqual(shadowCurve.count, curve.count)
        XCTAssertTrue(shadowCurve == curve, "the shadow book's equity curve differs from the ensemble's")
        let strategy = comparison.table.rows[1]
        XCTAssertEqual(strategy.statistics.trades, ensemble.statistics.trades)
        XCTAssertEqual(strategy.statistics.agreement, 1)
        XCTAssertEqual(try XCTUnwrap(strategy.statistics.attribution), 1, accuracy: 1e-12)
    }

    func testLevelsDecideWhatIsJournaled() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
        var counts: [JournalLevel: [JournalRecord.Kind: Int]] = [:]
        for level in JournalLevel.allCases {
            let (_, path) = try backtest(yaml, level: level, runID: "run-\(level)")
            counts[level] = try JournalReader(path: path).counts(run: "run-\(level)")
        }
        XCTAssertEqual(counts[.full]?[.signal], 66, "every signal (sma-10-30 emits 66 on GOOG)")
        XCTAssertEqual(counts[.decisions]?[.signal] ?? 0, 0)
        XCTAssertEqual(counts[.decisions]?[.verdict], counts[.full]?[.verdict])
        XCTAssertGreaterThan(counts[.decisions]?[.fill] ?? 0, 60)
        XCTAssertEqual(counts[.summary]?[.verdict] ?? 0, 0)
        XCTAssertEqual(counts[.summary]?[.fill] ?? 0, 0)
        XCTAssertEqual(counts[.summary]?[.equity], 2 * 2148, "the ensemble and the strategy, one point per bar each")
        XCTAssertEqual(counts[.summary]?[.trade], counts[.full]?[.trade])
    }

    /// Signals keep their plugin's reason only when something records them (the engine leaves the text out
    /// otherwise): at level `full` every journaled signal has the reason its plugin gave.
    func testSignalsJournaledAtLevelFullKeepTheirReasons() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
        let (_, path) = try backtest(yaml, level: .full, runID: "run-reasons")
        let signals = try JournalReader(path: path).records(run: "run-reasons", kinds: [.signal]).compactMap {
            if case .signal(let s) = $0 { return s } else { return nil }
        }
        XCTAssertEqual(signals.count, 66)
        XCTAssertEqual(Set(signals.compactMap(\.reason)).count, 2, "\(Set(signals.map(\.reason)))")
        XCTAssertTrue(signals.allSatisfy { $0.reason != nil })
    }

    /// The journal writes a symbol's verdict when it differs from the symbol's previous one, and another
    /// engine observer beside the journal sees every verdict (the engine holds the fan-out of both).
    func testVerdictsAreJournaledWhenTheyChange() throws {
        final class VerdictLog: EngineObserver {
            var verdicts: [(Verdict, Timestamp)] = []
            func verdict(_ verdict: Verdict, symbol: Int, inputs: UnsafeBufferPointer<JudgeInput>, time: Timestamp) {
                verdicts.append((verdict, time))
            }
        }
        let log = VerdictLog()
        let workspace = try TestSupport.workspace(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG",
                                                                        fast: 10, slow: 30))
        var options = BacktestOptions()
        options.journalPath = "\(folder!)/journal.sqlite"
        options.journalLevel = .decisions
        options.runID = "verdicts"
        options.engineObserver = log
        _ = try BacktestRunner.run(workspace, options: options, logger: TestSupport.logger)

        XCTAssertEqual(log.verdicts.count, 2148, "one verdict per bar")
        let changes = log.verdicts.enumerated().filter { $0.offset == 0 || $0.element.0 != log.verdicts[$0.offset - 1].0 }
        XCTAssertGreaterThan(changes.count, 60)
        XCTAssertLessThan(changes.count, 2148 / 2)
        let journaled = try JournalReader(path: options.journalPath!).records(run: "verdicts", kinds: [.verdict])
            .compactMap { if case .verdict(let v) = $0 { return v } else { return nil } }
        XCTAssertEqual(journaled.map(\.time), changes.map(\.element.1))
        XCTAssertEqual(journaled.map(\.direction), changes.map(\.element.0.direction))
        XCTAssertEqual(journaled.map(\.conviction), changes.map(\.element.0.conviction))
    }

    func testRiskDecisionsAndOrdersAreJournaledWithLimitsOn() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .replacingOccurrences(of: "limits: none", with: "limits: {max_order_value: 20000}")
        let (_, path) = try backtest(yaml)
        let reader = try JournalReader(path: path)
        let records = try reader.records(run: "test-run", kinds: [.riskDecision, .order])
        let decisions = records.compactMap { if case .riskDecision(let d) = $0 { return d } else { return nil } }
        let orders = records.compactMap { if case .order(let o) = $0 { return o } else { return nil } }
        XCTAssertTrue(decisions.contains { $0.rule == "max_order_value" && $0.action == "resized" })
        XCTAssertTrue(decisions.allSatisfy { !$0.detail.isEmpty })
        XCTAssertTrue(orders.contains { $0.leg == "stop_loss" && $0.type == "stop" })
        XCTAssertTrue(orders.allSatisfy { $0.clientOrderID.text?.hasPrefix("test-run~") == true })
        XCTAssertEqual(Set(orders.map(\.clientOrderID)).count, orders.count, "client order ids are unique")
    }

    /// A run on minute bars is annualised from its daily closes, not from its minute returns: `compare`'s
    /// Sharpe and CAGR are those of the equity at the last bar of each date (the journal's `time` text), opened
    /// by the first point; monthly bars are annualised with 12 returns a year.
    func testStatisticsOfIntradayAndMonthlyRunsAreAnnualisedByTheirPeriod() throws {
        for (file, perYear) in [("BTSAMPLE-VOLMIN001_1m.csv", 252.0), ("BTCUSD_1mo.csv", 12)] {
            let runID = "run-\(perYear)"
            let (_, path) = try backtest(TestSupport.smaConfig(file: file, symbol: "X", fast: 10, slow: 30),
                                         runID: runID)
            let curve = try JournalReader(path: path).equity(run: runID, book: ensembleBook)
            var closes: [(date: Substring, equity: Double)] = []
            for point in curve {
                let date = point.time.prefix(10)
                if closes.last?.date == date { closes[closes.count - 1].equity = point.equity.doubleValue }
                else { closes.append((date, point.equity.doubleValue)) }
            }
            var equity = closes.map(\.equity)
            // The first date's first point opens the series when that date has more than one point.
            if curve.prefix(2).count == 2, curve[1].time.prefix(10) == closes[0].date {
                equity.insert(curve[0].equity.doubleValue, at: 0)
            }
            if perYear == 252 { XCTAssertLessThan(closes.count, curve.count / 100, "minute bars, many a day") }
            let r = (1..<equity.count).map { equity[$0] / equity[$0 - 1] - 1 }
            let mean = r.reduce(0, +) / Double(r.count)
            let deviation = (r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(r.count - 1)).squareRoot()
            let total = curve.last!.equity.doubleValue / curve[0].equity.doubleValue - 1

            let ensemble = try XCTUnwrap(RunComparison(journal: path).table.rows.first).statistics
            XCTAssertEqual(ensemble.periodsPerYear, perYear, file)
            XCTAssertEqual(try XCTUnwrap(ensemble.sharpe), mean / deviation * perYear.squareRoot(),
                           accuracy: 1e-9, file)
            XCTAssertEqual(try XCTUnwrap(ensemble.volatility), deviation * perYear.squareRoot(), accuracy: 1e-9, file)
            XCTAssertEqual(try XCTUnwrap(ensemble.cagr), pow(1 + total, perYear / Double(r.count)) - 1,
                           accuracy: 1e-9, file)
        }
    }

    /// `quorum compare --format json` prints `{"rows": [...]}` with plain numbers; `quorum report` writes a
    /// self-contained page.
    func testTheCommandLineReadsTheJournal() throws {
        let (_, path) = try backtest(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
        let quorum = "\(TestSupport.buildFolder)/quorum"
        let json = try run(quorum, ["compare", path, "--format", "json", "--sort", "sharpe"])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let rows = object["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.map { $0["name"] as! String }.sorted(), ["ensemble", "sma"])
        for key in ["sharpe", "sortino", "max_drawdown", "cagr", "volatility", "total_return", "win_rate",
                    "profit_factor", "trades"] {
            XCTAssertTrue(rows[0][key] is NSNumber, key)
        }
        XCTAssertEqual(try run(quorum, ["compare", path, "--sort", "nonsense"], status: 2).isEmpty, true)
        // A log level that is not one is bad usage (it fell back to warning, exit 0).
        XCTAssertEqual(try runCapturing(quorum, ["validate", "--log-level", "bogus", "nowhere.yaml"], status: 2).output, "")
        // An empty --symbol is bad usage, as an empty data[].symbol is invalid (it ran, naming bars "").
        let empty = try runCapturing(quorum, ["backtest", "--data", TestSupport.dataFile("GOOG_1d.csv"), "--symbol", ""],
                                     status: 2)
        XCTAssertTrue(empty.errors.contains("a --symbol must not be empty"), empty.errors)
        // Output that cannot be written is a failure (it exited 0 with the JSON lost).
        let (full, said) = try runCommand(["sh", "-c", "\(quorum) compare \(path) --format json > /dev/full"])
        XCTAssertEqual(full, 1, said)
        // Each format ends its last line once (CSV with CRLF, RFC 4180): no blank line after it.
        XCTAssertTrue(try run(quorum, ["compare", path, "--format", "csv"]).hasSuffix("\r\n"))
        XCTAssertFalse(try run(quorum, ["compare", path, "--format", "csv"]).hasSuffix("\n\r\n"))
        for format in ["json", "html", "table"] {
            let text = try run(quorum, ["compare", path, "--format", format])
            XCTAssertTrue(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), format)
        }
        let html = "\(folder!)/report.html"
        _ = try run(quorum, ["report", path, "-o", html])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(page.contains("<svg"))
        XCTAssertFalse(page.contains("http://") || page.contains("https://"))
    }

    /// A run that did not complete is compared and reported from what it committed, and both commands say so
    /// (on standard error, so that `--format json` stays one object); a completed run says nothing.
    func testCompareAndReportSayWhenARunDidNotComplete() throws {
        let (_, path) = try backtest(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
        let quorum = "\(TestSupport.buildFolder)/quorum"
        let html = "\(folder!)/report.html"
        XCTAssertEqual(try runCapturing(quorum, ["compare", path]).errors, "")
        for (status, message, expected) in [("running", "NULL", "has not ended"),
                                            ("failed", "'journal incomplete: disk full'",
                                             "failed (journal incomplete: disk full)")] {
            let database = try Database(path: path, access: .readWrite)
            try database.execute("UPDATE runs SET status = '\(status)', message = \(message)")
            let compared = try runCapturing(quorum, ["compare", path, "--format", "json"])
            XCTAssertTrue(compared.errors.hasPrefix("note: run test-run \(expected)"), compared.errors)
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(compared.output.utf8)))
            let reported = try runCapturing(quorum, ["report", path, "-o", html])
            XCTAssertTrue(reported.errors.contains(expected), reported.errors)
            XCTAssertTrue(try String(contentsOfFile: html, encoding: .utf8).contains(expected))
        }
    }

    /// The summary `quorum backtest` prints: a signed return, a drawdown that is negative or 0.00% (never
    /// "+0.00%"), and the strategies' weights.
    func testTheBacktestSummaryLine() throws {
        let quorum = "\(TestSupport.buildFolder)/quorum"
        func summary(slow: Int) throws -> String {
            let config = "\(folder!)/sma-\(slow).yaml"
            try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: slow)
                .write(toFile: config, atomically: true, encoding: .utf8)
            return try run(quorum, ["backtest", "--config", config, "--journal", "\(folder!)/summary-\(slow).sqlite"])
        }
        let traded = try summary(slow: 30)
        XCTAssertTrue(traded.contains("final equity   543,295.79   return +443.30%   max drawdown -"), traded)
        XCTAssertTrue(traded.contains("sma       org.quorum.sma-cross    1.00       66"), traded)
        // A slow average longer than the file: no signal, no trade.
        let idle = try summary(slow: 5000)
        XCTAssertTrue(idle.contains("final equity   100,000.00   return +0.00%   max drawdown 0.00%"), idle)
    }

    /// `quorum validate` says each warning of the configuration once (it was logged, then printed again);
    /// `backtest` still says it.
    func testValidateSaysEachWarningOnce() throws {
        let quorum = "\(TestSupport.buildFolder)/quorum"
        let config = "\(folder!)/warned.yaml"
        try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let warning = "warned.yaml:7:66: warning: risk limits are off (research only)"
        let validated = try runCapturing(quorum, ["validate", config])
        XCTAssertEqual((validated.output + validated.errors).components(separatedBy: warning).count, 2,
                       validated.output + validated.errors)
        let backtested = try runCapturing(quorum, ["backtest", "--config", config, "--journal", "\(folder!)/w.sqlite"])
        XCTAssertEqual(backtested.errors.components(separatedBy: warning).count, 2, backtested.errors)
    }

    /// A report that cannot be written (the path is a folder, or its folder is missing) says why in one line,
    /// exit 1.
    func testAReportThatCannotBeWrittenSaysWhy() throws {
        let quorum = "\(TestSupport.buildFolder)/quorum"
        let (_, path) = try backtest(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
        for (output, reason) in [(folder!, "Is a directory"), ("\(folder!)/missing/r.html", "No such file or directory")] {
            let errors = try runCapturing(quorum, ["report", path, "-o", output], status: 1).errors
            XCTAssertEqual(errors, "\(output): cannot write: \(reason)\n")
        }
        XCTAssertThrowsError(try StrategySkeleton(name: "x", language: .c, sdk: TestSupport.repository)
            .write(into: "\(path)/in-a-file")) {
            XCTAssertEqual("\($0)", "\(path)/in-a-file/x: cannot write: Not a directory")
        }
    }

    /// Each per-symbol copy of a strategy (NAME/SYMBOL) is journaled with its own entry's parameters.
    func testPerSymbolCopiesAreJournaledWithTheirEntrysParameters() throws {
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
            .replacingOccurrences(of: "data: [", with: "data: [{path: \(TestSupport.dataFile("ORCL_1d.csv")), symbol: ORCL}, ")
            .replacingOccurrences(of: "symbols: [GOOG], params: {fast: 10, slow: 30}",
                                  with: "symbols: [GOOG, ORCL], params: {fast: 3, slow: 5}}\n  - {name: sma-1, plugin: org.quorum.sma-cross, symbols: [GOOG], params: {fast: 7, slow: 9}")
        let (_, path) = try backtest(yaml)
        let strategies = try JournalReader(path: path).strategies(run: "test-run")
        XCTAssertEqual(strategies.map(\.name), ["sma/GOOG", "sma/ORCL", "sma-1"])
        XCTAssertEqual(strategies.map { $0.params["fast"] }, ["3", "3", "7"])
        XCTAssertEqual(strategies.map { $0.params["slow"] }, ["5", "5", "9"])
    }

    /// Rows skipped under `on_bad_row: skip` are reported with their file:line in the JSON object and in the
    /// summary, not only counted in the summary.
    func testSkippedRowsAreReportedInTheJSONAndTheSummary() throws {
        let quorum = "\(TestSupport.buildFolder)/quorum"
        let data = "\(folder!)/bad.csv"
        try "timestamp,open,high,low,close,volume\n2020-01-01,10,11,9,10,1\n2020-01-02,10,8,9,10,1\n2020-01-03,10,11,9,10,1\n2020-01-01,10,11,9,10,1\n"
            .write(toFile: data, atomically: true, encoding: .utf8)
        let config = "\(folder!)/skip.yaml"
        try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 2, slow: 3)
            .replacingOccurrences(of: "{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}",
                                  with: "{path: \(data), symbol: GOOG, on_bad_row: skip}")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let journal = "\(folder!)/skip.sqlite"
        let json = try run(quorum, ["backtest", "--config", config, "--journal", journal, "--json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let skipped = try XCTUnwrap(object["skipped_rows"] as? [[String: Any]], json)
        XCTAssertEqual(skipped.count, 1)
        XCTAssertEqual(skipped.first?["file"] as? String, data)
        XCTAssertEqual(skipped.first?["symbol"] as? String, "GOOG")
        XCTAssertEqual(skipped.first?["count"] as? Int, 2)
        XCTAssertEqual(skipped.first?["by_problem"] as? [String: Int], ["high below low": 1, "unsorted timestamp": 1])
        XCTAssertEqual(skipped.first?["first"] as? [String], [
            "\(data):3:15: high 8 is below low 9",
            "\(data):5:1: timestamp 2020-01-01 is before 2020-01-03 of the previous bar on line 4"])

        let text = try run(quorum, ["backtest", "--config", config, "--journal", journal])
        XCTAssertTrue(text.contains([
            "  GOOG: skipped 2 bad rows (1 high below low, 1 unsorted timestamp)",
            "    \(data):3:15: high 8 is below low 9",
            "    \(data):5:1: timestamp 2020-01-01 is before 2020-01-03 of the previous bar on line 4\n",
        ].joined(separator: "\n")), text)

        // A clean run says so with an empty list.
        try TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 2, slow: 3)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let clean = try run(quorum, ["backtest", "--config", config, "--journal", journal, "--json"])
        let cleanObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(clean.utf8)) as? [String: Any])
        XCTAssertEqual((cleanObject["skipped_rows"] as? [Any])?.count, 0)
    }

    /// A run whose equity outgrows Money's range says so (on stderr, and in `BacktestResult.outOfRange`), and
    /// finishes: every figure saturates rather than trapping. The oracle run does not.
    func testARunBeyondTheFixedPointRangeSaysSo() throws {
        // A price climbing from 5 to ~80 billion; 90 billion of cash buys 17 units at the first cross.
        var rows = ["Date,Open,High,Low,Close,Volume"]
        var price = 5_000_000_000.0
        for day in 0..<400 {
            price *= day < 60 ? (day % 2 == 0 ? 0.99 : 1.0) : 1.012
            let text = String(format: "%.2f", min(price, 91_000_000_000))
            rows.append("\(Timestamps.format(Int64(day) * nanosecondsPerDay, .date)),\(text),\(text),\(text),\(text),1000")
        }
        let data = "\(folder!)/climb.csv"
        try rows.joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let yaml = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 2, slow: 5)
            .replacingOccurrences(of: TestSupport.dataFile("GOOG_1d.csv"), with: data)
            .replacingOccurrences(of: "starting_cash: 100000", with: "starting_cash: 90000000000")
        let (result, _) = try backtest(yaml)
        XCTAssertTrue(result.outOfRange)
        XCTAssertGreaterThan(result.trades.count + result.openPositions.count, 0)
        let (oracle, _) = try backtest(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30),
                                       runID: "oracle")
        XCTAssertFalse(oracle.outOfRange)
    }

    private func run(_ executable: String, _ arguments: [String], status: Int32 = 0) throws -> String {
        try runCapturing(executable, arguments, status: status).output
    }

    /// Runs `executable`; its standard output and standard error (read after the output: a few lines at most).
    private func runCapturing(_ executable: String, _ arguments: [String], status: Int32 = 0) throws
        -> (output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, status, arguments.joined(separator: " "))
        return (String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}
