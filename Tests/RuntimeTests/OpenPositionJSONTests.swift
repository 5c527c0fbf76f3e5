import Foundation
import Quorum
import QuorumModel
import XCTest

/// The `--json` object accounts for every cent: final equity = starting cash + Σ trades (pnl − commission) +
/// Σ open positions (realized_pnl + unrealized_pnl − commission), and an open position's unrealized P&L is
/// qty × (last_price − entry_price). A review found both broken by a position that a rebalance threshold had
/// trimmed and added to: its entry price was the average of every buy (unrelated to the cost of the units
/// held), the P&L of its trims was nowhere in the object, and neither were the commissions.
final class OpenPositionJSONTests: XCTestCase {
    private func run(commission: String) throws -> [String: Any] {
        let yaml = """
        version: 1
        plugins: {dirs: [\(TestSupport.pluginFolder)]}
        data: [{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}, {path: \(TestSupport.dataFile("ORCL_1d.csv")), symbol: ORCL}]
        starting_cash: 100000
        strategies:
          - {name: sma, plugin: org.quorum.sma-cross, symbols: [GOOG, ORCL], params: {fast: 10, slow: 30}}
        risk: {sizing: {mode: fraction_of_equity, fraction: 0.45}, limits: none}
        execution: {rebalance_threshold: 0.01\(commission)}
        """
        let result = try BacktestRunner.run(try TestSupport.workspace(yaml), options: BacktestOptions(),
                                            logger: TestSupport.logger)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.jsonText().utf8)) as? [String: Any])
    }

    /// An amount of the object in 10⁻⁸ units, exactly: each has at most eight decimals, and at most 14 digits
    /// here (well within a double's 15).
    private func raw(_ value: Any?) throws -> Int64 {
        Int64((try XCTUnwrap(value as? Double) * 1e8).rounded())
    }

    func testTheObjectAddsUpToTheFinalEquity() throws {
        for commission in ["", ", commission: {per_share: 0.01, bps: 1, minimum: 1}"] {
            let json = try run(commission: commission)
            let trades = try XCTUnwrap(json["trades"] as? [[String: Any]])
            let open = try XCTUnwrap(json["open_positions"] as? [[String: Any]])
            XCTAssertEqual(open.count, 2, commission)
            var total = try raw(json["starting_cash"])
            for t in trades { total += try raw(t["pnl"]) - raw(t["commission"]) }
            for p in open {
                total += try raw(p["realized_pnl"]) + raw(p["unrealized_pnl"]) - raw(p["commission"])
                // The trims of the position realized P&L before the end.
                XCTAssertNotEqual(try raw(p["realized_pnl"]), 0, "\(p)")
                let qty = try XCTUnwrap(p["qty"] as? Int)
                let byPrice = Double(qty) * (try XCTUnwrap(p["last_price"] as? Double) - XCTUnwrap(p["entry_price"] as? Double))
                XCTAssertEqual(byPrice, try XCTUnwrap(p["unrealized_pnl"] as? Double), accuracy: Double(qty) * 0.5e-8,
                               "qty × (last − entry) is the unrealized P&L: \(p)")
            }
            XCTAssertEqual(total, try raw(json["final_equity"]), commission)
            if commission.isEmpty {
                XCTAssertTrue(trades.allSatisfy { $0["commission"] as? Double == 0 })
            } else {
                XCTAssertTrue(trades.allSatisfy { ($0["commission"] as? Double ?? 0) >= 2 }, "a buy and a sell, $1 each at least")
            }
        }
    }
}
