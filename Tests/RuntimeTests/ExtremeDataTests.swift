import Foundation
import Quorum
import QuorumJournal
import QuorumModel
import QuorumReport
import QuorumTestSupport
import XCTest

/// Every reference strategy, without limits, on prices near the end of Money's range (up to 91 billion) and
/// near its other end (cents), with volumes from 1 to 10¹⁹: the backtest finishes, its journal reads back
/// through `quorum compare` and the report, and it says that its figures saturated. (Before, the engine
/// trapped in `ExecutionStage.decide` on the value a reversal frees.)
final class ExtremeDataTests: TemporaryFolderTestCase {
    /// A random walk of 600 daily bars from `start`, kept within (0.01, 91 billion), written as a CSV.
    private func walk(_ name: String, start: Double, drift: Double, volume: String, seed: UInt64) throws -> String {
        var state = seed
        func uniform() -> Double {  // xorshift64*: the same walk on every machine
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return Double((state &* 2_685_821_657_736_338_717) >> 11) / Double(1 << 53)
        }
        var rows = ["Date,Open,High,Low,Close,Volume"]
        var price = start
        for day in 0..<600 {
            let open = price
            price = min(max(price * (1 + drift + (uniform() - 0.5) * 0.08), 0.01), 91_000_000_000)
            let high = min(max(open, price) * (1 + uniform() * 0.01), 91_000_000_000)
            let low = max(min(open, price) * (1 - uniform() * 0.01), 0.01)
            let text = [open, high, low, price].map { String(format: "%.2f", $0) }.joined(separator: ",")
            rows.append("\(Timestamps.format(Int64(day) * nanosecondsPerDay, .date)),\(text),\(volume)")
        }
        let path = "\(folder!)/\(name).csv"
        try rows.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testEveryStrategyOnPricesAtTheEndsOfTheRange() throws {
        var yaml = try String(contentsOfFile: "\(Repository.root)/strategies.yaml", encoding: .utf8)
        for (symbol, path) in [("GOOG", try walk("huge", start: 60_000_000_000, drift: 0, volume: "1e19", seed: 7)),
                               ("ORCL", try walk("tiny", start: 0.02, drift: 0, volume: "1", seed: 11)),
                               ("NVDA", try walk("climb", start: 2_000_000_000, drift: 0.006, volume: "1e12", seed: 3)),
                               ("YHOO", try walk("mid", start: 100, drift: 0, volume: "1000000", seed: 5))] {
            yaml = yaml.replacingOccurrences(of: "data/\(symbol)_1d.csv", with: path)
        }
        yaml = yaml.replacingOccurrences(of: "dirs: [plugins]", with: "dirs: [\(TestSupport.pluginFolder)]")
            .replacingOccurrences(of: "starting_cash: 100000", with: "starting_cash: 90000000000")
            .replacingOccurrences(of: "  sizing: {mode: fraction_of_cash, fraction: 0.95}",
                                  with: "  sizing: {mode: fraction_of_cash, fraction: 0.95}\n  limits: none")
        XCTAssertTrue(yaml.contains("limits: none") && yaml.contains(TestSupport.pluginFolder))
        var options = BacktestOptions()
        options.journalPath = "\(folder!)/journal.sqlite"
        let result = try BacktestRunner.run(try TestSupport.workspace(yaml), options: options,
                                            logger: TestSupport.logger)
        XCTAssertEqual(result.events, 2400)
        XCTAssertTrue(result.outOfRange)
        XCTAssertGreaterThan(result.trades.count, 0)

        let comparison = try RunComparison(journal: options.journalPath!)
        XCTAssertEqual(comparison.table.rows.first?.name, "ensemble")
        XCTAssertEqual(comparison.table.rows.count, 1 + result.strategies.count)
        XCTAssertTrue(HTMLReport(comparison.reportInput).render().contains("<svg"))
    }
}
