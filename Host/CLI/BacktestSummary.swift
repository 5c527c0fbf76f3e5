import Quorum
import QuorumModel
import QuorumReport

/// The readable summary of a backtest.
struct BacktestSummary {
    let result: BacktestResult

    init(_ result: BacktestResult) { self.result = result }

    var text: String {
        let r = result
        let totalReturn = r.startingCash.raw > 0 ? r.finalEquity.doubleValue / r.startingCash.doubleValue - 1 : 0
        var lines: [String] = []
        lines.append("Backtest of \(r.symbols.joined(separator: ", ")): \(r.events) bars")
        lines.append("  final equity   \(MetricText.money(r.finalEquity))   return \(percent(totalReturn))   "
            + "max drawdown \(MetricText.fixed(r.maxDrawdown * 100, decimals: 2))%")
        lines.append("  final cash     \(MetricText.money(r.finalCash))   trades \(r.trades.count)   "
            + "open positions \(r.openPositions.count)   rejected orders \(r.rejected.count)")
        for (s, skipped) in r.skippedRows.enumerated() {
            lines.append(contentsOf: skipped.summaryLines.enumerated().map { i, line in
                i == 0 ? "  \(r.symbols[s]): \(line)" : "  \(line)"
            })
        }
        lines.append("")
        let header = ["strategy", "plugin", "weight", "signals", "faults", "shadow equity", "shadow trades"]
        var rows = [header]
        for s in r.strategies {
            rows.append([s.name + (s.quarantined ? " (quarantined)" : ""), s.plugin, MetricText.fixed(s.weight, decimals: 2),
                         String(s.signals), String(s.faults), MetricText.money(s.shadowEquity), String(s.shadowTrades)])
        }
        lines.append(contentsOf: table(rows))
        lines.append(contentsOf: (r.faultLines + r.slowStrategyLines).map { "  " + $0 })
        if let journal = r.journalPath { lines.append("\njournal: \(journal)") }
        return lines.joined(separator: "\n")
    }

    private func table(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < 2 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }

    /// A return with its sign: "+5.70%", "-0.71%" ("+0.00%" when it rounds to zero).
    private func percent(_ x: Double) -> String {
        let text = MetricText.fixed(x * 100, decimals: 2)
        return (text.hasPrefix("-") ? "" : "+") + text + "%"
    }
}
