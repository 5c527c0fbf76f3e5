import Foundation
import Quorum
import QuorumData
import QuorumModel
import XCTest

/// SPEC §10 parity: one `org.quorum.sma-cross` with fraction_of_cash 0.95 and limits none reproduces
/// backtrader exactly.
final class ParityTests: XCTestCase {
    func testGOOGReproducesTheBacktraderOracle() throws {
        let oracle = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("oracle/GOOG_sma_10_30.backtrader.json"))))
            as! [String: Any]
        let workspace = try TestSupport.workspace(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
        let recorder = EquityRecorder()
        var options = BacktestOptions()
        options.equityObserver = recorder
        let result = try BacktestRunner.run(workspace, options: options, logger: TestSupport.logger)

        let trades = oracle["trades"] as! [[String: Any]]
        XCTAssertEqual(result.trades.count, trades.count)
        for (mine, theirs) in zip(result.trades, trades) {
            XCTAssertEqual(Timestamps.format(mine.entryTime, .date), theirs["entry_date"] as? String)
            XCTAssertEqual(Timestamps.format(mine.exitTime, .date), theirs["exit_date"] as? String)
            XCTAssertEqual(mine.entryPrice.doubleValue, theirs["entry_price"] as! Double, accuracy: 1e-6)
            XCTAssertEqual(mine.exitPrice.doubleValue, theirs["exit_price"] as! Double, accuracy: 1e-6)
            XCTAssertEqual(mine.quantity, Int64(theirs["size"] as! Int))
            XCTAssertEqual(mine.pnl.doubleValue, theirs["pnl"] as! Double, accuracy: 1e-6)
        }
        let open = oracle["open_position"] as! [String: Any]
        XCTAssertEqual(result.openPositions.count, 1)
        XCTAssertEqual(result.openPositions.first?.position.quantity, Int64(open["size"] as! Int))
        XCTAssertEqual(result.openPositions.first?.unrealized.doubleValue ?? 0, open["unrealized_pnl"] as! Double, accuracy: 1e-6)
        XCTAssertTrue(result.rejected.isEmpty)
        XCTAssertEqual(result.finalEquity.doubleValue, oracle["final_value"] as! Double, accuracy: 1e-6)
        XCTAssertEqual(result.finalCash.doubleValue, oracle["final_cash"] as! Double, accuracy: 1e-6)

        // The equity curve, one row per bar.
        let rows = try String(contentsOfFile: TestSupport.fixture("oracle/GOOG_sma_10_30.equity.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        XCTAssertEqual(recorder.points.count, rows.count)
        for (point, row) in zip(recorder.points, rows) {
            let fields = row.split(separator: ",")
            XCTAssertEqual(Timestamps.format(point.time, .date), String(fields[0]))
            XCTAssertEqual(point.equity.doubleValue, Double(fields[1])!, accuracy: 1e-6)
        }
    }

    /// The parity holds in general: other files, other parameters, exact ties, rejected orders.
    func testParityWithTheBacktraderRulesOnEveryBundledFile() throws {
        let cases: [(file: String, symbol: String)] = [
            ("GOOG_1d.csv", "GOOG"), ("ORCL_1d.csv", "ORCL"), ("NVDA_1d.csv", "NVDA"), ("YHOO_1d.csv", "YHOO"),
            ("EURUSD_1h.csv", "EURUSD"), ("BTCUSD_1mo.csv", "BTCUSD"), ("BTSAMPLE-MIN005_5m.csv", "BTS"),
        ]
        var rejections = 0
        var trades = 0
        for (file, symbol) in cases {
            let bars = try TestSupport.bars(file)
            for (fast, slow) in [(10, 30), (5, 20), (3, 7), (20, 50)] {
                let workspace = try TestSupport.workspace(TestSupport.smaConfig(file: file, symbol: symbol, fast: fast, slow: slow))
                let recorder = EquityRecorder()
                var options = BacktestOptions()
                options.equityObserver = recorder
                let result = try BacktestRunner.run(workspace, options: options, logger: TestSupport.logger)
                let reference = BacktraderReference(bars: bars, fast: fast, slow: slow)
                let label = "\(file) \(fast)/\(slow)"
                XCTAssertEqual(result.trades.map {
                    BacktraderReference.Trade(entry: $0.entryTime, entryPrice: $0.entryPrice.raw, exit: $0.exitTime,
                                              exitPrice: $0.exitPrice.raw, quantity: $0.quantity)
                }, reference.trades, label)
                XCTAssertEqual(result.rejected.map(\.time), reference.rejected.map(\.time), label)
                XCTAssertEqual(result.rejected.map(\.quantity), reference.rejected.map(\.quantity), label)
                XCTAssertEqual(recorder.points.map(\.equity.raw), reference.equity, label)
                XCTAssertEqual(result.finalCash.raw, reference.cash, label)
                rejections += reference.rejected.count
                trades += reference.trades.count
            }
        }
        XCTAssertGreaterThan(rejections, 0, "the matrix must exercise rejected orders")
        XCTAssertGreaterThan(trades, 500)
    }

    /// ORCL 2004-06-29: SMA(10) == SMA(30) exactly; backtrader's rule (last non-zero difference) decides.
    func testTheORCLTieFollowsTheLastNonZeroDifference() throws {
        let workspace = try TestSupport.workspace(TestSupport.smaConfig(file: "ORCL_1d.csv", symbol: "ORCL", fast: 10, slow: 30))
        let result = try BacktestRunner.run(workspace, options: BacktestOptions(), logger: TestSupport.logger)
        let reference = BacktraderReference(bars: try TestSupport.bars("ORCL_1d.csv"), fast: 10, slow: 30)
        let july2004 = result.trades.filter { Timestamps.format($0.entryTime, .date).hasPrefix("2004-07") }
        XCTAssertEqual(july2004.map { Timestamps.format($0.entryTime, .date) }, ["2004-07-01"])
        XCTAssertEqual(result.trades.count, reference.trades.count)
    }
}
