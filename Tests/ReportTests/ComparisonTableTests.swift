import Foundation
import QuorumPerformance
import QuorumReport
import XCTest

/// `quorum compare`: ordering, sorting and the table, JSON, CSV and HTML renderings (SPEC §12–13).
final class ComparisonTableTests: XCTestCase {
    private func statistics(sharpe: Double?, volatility: Double?, maxDrawdown: Double?, trades: Int = 0)
        -> PerformanceStatistics {
        var s = PerformanceStatistics()
        s.sharpe = sharpe; s.volatility = volatility; s.maxDrawdown = maxDrawdown; s.trades = trades
        return s
    }

    private var table: ComparisonTable {
        ComparisonTable(ensemble: statistics(sharpe: 1.0, volatility: 0.20, maxDrawdown: -0.30, trades: 12),
                        strategies: [
                            ComparisonRow(name: "alpha", statistics: statistics(sharpe: 0.5, volatility: 0.10, maxDrawdown: -0.10)),
                            ComparisonRow(name: "beta", statistics: statistics(sharpe: nil, volatility: 0.30, maxDrawdown: nil)),
                            ComparisonRow(name: "gamma", statistics: statistics(sharpe: 1.5, volatility: 0.25, maxDrawdown: -0.50)),
                        ])
    }

    private func names(_ t: ComparisonTable) -> [String] { t.rows.map(\.name) }

    func testEnsembleComesFirstByDefault() {
        XCTAssertEqual(names(table), ["ensemble", "alpha", "beta", "gamma"])
    }

    func testSortPutsTheBestFirstAndUndefinedLast() throws {
        XCTAssertEqual(names(try table.sorted(by: "sharpe")), ["gamma", "ensemble", "alpha", "beta"])
        // Max drawdown is negative: the shallowest is the best and comes first.
        XCTAssertEqual(names(try table.sorted(by: "max_drawdown")), ["alpha", "ensemble", "gamma", "beta"])
        // Lower volatility is better.
        XCTAssertEqual(names(try table.sorted(by: "volatility")), ["alpha", "ensemble", "gamma", "beta"])
        XCTAssertEqual(names(try table.sorted(by: "name")), ["alpha", "beta", "ensemble", "gamma"])
        // Ties keep their order (every row but the ensemble has 0 trades).
        XCTAssertEqual(names(try table.sorted(by: "trades")), ["ensemble", "alpha", "beta", "gamma"])
    }

    /// An infinite ratio (no losing trade, no drawdown) ranks past every finite value, first when higher is
    /// better, and reads ∞ in the tables (JSON and CSV keep null / blank: they have no infinity).
    func testInfiniteRatiosRankFirstAndReadAsInfinity() throws {
        var perfect = PerformanceStatistics()
        perfect.trades = 2
        perfect.unbounded[.profitFactor] = .plus
        var losing = PerformanceStatistics()
        losing.trades = 5
        losing.profitFactor = 0.36
        var winning = losing
        winning.profitFactor = 3.14
        let t = ComparisonTable(ensemble: winning, strategies: [
            ComparisonRow(name: "losing", statistics: losing), ComparisonRow(name: "none", statistics: PerformanceStatistics()),
            ComparisonRow(name: "perfect", statistics: perfect),
        ])
        XCTAssertEqual(names(try t.sorted(by: "profit_factor")), ["perfect", "ensemble", "losing", "none"])
        let line = try XCTUnwrap(t.text.split(separator: "\n").first { $0.hasPrefix("perfect") })
        XCTAssertTrue(line.contains("∞"), String(line))
        XCTAssertTrue(ComparisonFormat.html.render(t).contains(">∞</td>"))
        XCTAssertTrue(t.json.serialized().contains("\"profit_factor\":null"))
        let perfectCSV = try XCTUnwrap(ComparisonFormat.csv.render(t).components(separatedBy: "\r\n")
            .first { $0.hasPrefix("perfect") })
        XCTAssertFalse(perfectCSV.contains("∞"), perfectCSV)
    }

    func testUnknownMetricNamesTheValidOnes() {
        XCTAssertThrowsError(try table.sorted(by: "sharp")) { error in
            let text = String(describing: error)
            XCTAssertEqual(error as? UnknownSortKey, UnknownSortKey(key: "sharp"))
            XCTAssertTrue(text.contains("unknown metric 'sharp'"), text)
            for key in ["name", "sharpe", "sortino", "max_drawdown", "cagr", "volatility", "total_return", "win_rate",
                        "profit_factor", "trades", "calmar", "exposure", "avg_holding_days", "turnover", "agreement",
                        "attribution", "cagr_calendar", "periods_per_year"] {
                XCTAssertTrue(text.contains(key), "\(key) missing from: \(text)")
            }
        }
    }

    func testJSONHasEveryMetricAsAPlainNumberOrNull() throws {
        let curve = ReportFixtures.curve(points: 300, seed: 3)
        let outcome = TradeOutcome(entryTime: curve[10].time, exitTime: curve[40].time, pnl: 120, entryNotional: 5000,
                                   exitNotional: 5120)
        let real = ComparisonTable(ensemble: PerformanceStatistics(curve: curve, trades: [outcome]), strategies: [
            ComparisonRow(name: "empty", statistics: PerformanceStatistics(curve: [])),
        ])
        let text = ComparisonFormat.json.render(real)
        XCTAssertFalse(text.contains("nan") || text.contains("inf"), text)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(Array(object.keys), ["rows"])
        let rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        let expectedKeys = Set(["name"] + PerformanceMetric.allCases.map(\.key))
        XCTAssertEqual(expectedKeys.count, 18)
        for row in rows { XCTAssertEqual(Set(row.keys), expectedKeys) }

        let ensemble = rows[0]
        XCTAssertEqual(ensemble["name"] as? String, "ensemble")
        let statistics = real.rows[0].statistics
        // The text is the shortest that reads back exactly (Foundation's parser on Linux may be off by an ulp).
        for (key, value) in [("sharpe", statistics.sharpe), ("max_drawdown", statistics.maxDrawdown),
                             ("cagr", statistics.cagr), ("volatility", statistics.volatility)] {
            let expected = try XCTUnwrap(value)
            XCTAssertTrue(text.contains("\"\(key)\": \(expected),") || text.contains("\"\(key)\": \(expected)\n"), key)
            XCTAssertEqual(try XCTUnwrap(ensemble[key] as? Double), expected, accuracy: 1e-15 * abs(expected), key)
        }
        XCTAssertEqual(ensemble["win_rate"] as? Double, 1)
        XCTAssertEqual(ensemble["trades"] as? Int, 1)
        XCTAssertTrue(text.contains("\"periods_per_year\": 252\n"), "a whole number: \(text)")
        XCTAssertTrue(ensemble["profit_factor"] is NSNull, "no losing trade: null")

        var broken = PerformanceStatistics()
        broken.agreement = .nan
        broken.attribution = .infinity
        let guarded = ComparisonFormat.json.render(ComparisonTable(rows: [ComparisonRow(name: "x", statistics: broken)]))
        XCTAssertTrue(guarded.contains("\"agreement\": null") && guarded.contains("\"attribution\": null"), guarded)

        let empty = rows[1]
        XCTAssertEqual(empty["name"] as? String, "empty")
        XCTAssertTrue(empty["sharpe"] is NSNull)
        XCTAssertEqual(empty["trades"] as? Int, 0)
    }

    func testCSVQuotesNamesWithCommasAndQuotes() {
        let t = ComparisonTable(rows: [ComparisonRow(name: "sma, \"fast\"", statistics: statistics(sharpe: 1.25, volatility: nil, maxDrawdown: -0.5))])
        let lines = ComparisonFormat.csv.render(t).components(separatedBy: "\r\n")
        XCTAssertEqual(lines.count, 3)   // header, row, and the empty string after the final CRLF
        XCTAssertEqual(lines[0], "name," + PerformanceMetric.allCases.map(\.key).joined(separator: ","))
        XCTAssertEqual(lines[1], "\"sma, \"\"fast\"\"\",1.25,,-0.5,,,,,,0,,,,,,,,")
        XCTAssertEqual(lines[2], "")
    }

    func testTextTableIsAlignedAndDropsEmptyColumns() {
        let text = ComparisonFormat.table.render(table)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2 + 4)
        XCTAssertEqual(Set(lines.map(\.count)).count, 1, "every line has the same width:\n\(text)")
        XCTAssertTrue(lines[0].hasPrefix("name "))
        XCTAssertTrue(lines[0].contains("Sharpe") && lines[0].contains("Max DD") && lines[0].contains("Vol"))
        XCTAssertFalse(lines[0].contains("Sortino"), "no row has a Sortino")
        XCTAssertTrue(lines[2].hasPrefix("ensemble"))
        XCTAssertTrue(lines[2].contains("1.00") && lines[2].contains("-30.00%") && lines[2].contains("20.00%"), lines[2])
        XCTAssertTrue(lines[4].hasPrefix("beta") && lines[4].contains(" -  "), lines[4])
    }

    func testHTMLPageEscapesNames() {
        let t = ComparisonTable(rows: [ComparisonRow(name: ReportFixtures.hostileName, statistics: statistics(sharpe: 1, volatility: nil, maxDrawdown: nil))])
        let html = ComparisonFormat.html.render(t)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertFalse(html.contains("<script"), "unescaped script in:\n\(html)")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"))
        XCTAssertEqual(html.components(separatedBy: "<tr").count - 1, 2)   // header and one row
    }
}
