import Foundation
import QuorumModel
import QuorumPerformance

/// The reference run in `Tests/Fixtures/oracle` (backtrader's GOOG SMA(10)/SMA(30) equity curve and the
/// statistics empyrical computed from it), located relative to this source file.
enum OracleFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/oracle")

    /// `GOOG_sma_10_30.equity.csv`: `timestamp,equity`, one row per bar.
    static func equityCurve() throws -> [EquityPoint] {
        let text = try String(contentsOf: folder.appendingPathComponent("GOOG_sma_10_30.equity.csv"), encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let cells = line.split(separator: ",")
            guard cells.count == 2, let (time, _) = Timestamps.parse(String(cells[0])), let equity = Double(cells[1])
            else { throw CocoaError(.fileReadCorruptFile) }
            return EquityPoint(time: time, equity: equity)
        }
    }

    /// `GOOG_sma_10_30.metrics.json`: section (`empyrical_0.7.1`, `formulas`) → metric → value.
    static func metrics() throws -> [String: [String: Double]] {
        let data = try Data(contentsOf: folder.appendingPathComponent("GOOG_sma_10_30.metrics.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return object.compactMapValues { $0 as? [String: Double] }
    }
}
