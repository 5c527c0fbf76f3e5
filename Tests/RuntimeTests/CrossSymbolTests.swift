import Foundation
import Quorum
import QuorumJournal
import QuorumModel
import QuorumTestSupport
import XCTest

/// A strategy following two symbols signals for Y on X's bar: Y is judged on X's event, before Y's own bar of
/// that time comes in the merged stream (org.test.cross, built by the test; `QUARANTINE` makes it fail on X
/// after its signal until it is quarantined; `ON` and `FOR` name other symbols than X = 0 and Y = 1).
final class CrossSymbolTests: TemporaryFolderTestCase {
    static let source = singleStrategyPluginHead(id: "org.test.cross", summary: "signals for Y on X's bars",
                                                 symbols: 2...2, fields: "long xBars;") + #"""
    #ifndef ON
    #define ON 0
    #endif
    #ifndef FOR
    #define FOR 1
    #endif

    static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
       inst_t *i = (inst_t *)s->plugin_data;
       if (e->symbol_index != ON) return QUORUM_OK;
       ++i->xBars;
       if (i->xBars == SIGNAL_ON) return qps_emit(o, FOR, QUORUM_DIRECTION_LONG, 1, "long Y");
    #ifdef FLAT_ON
       if (i->xBars == FLAT_ON) return qps_emit(o, FOR, QUORUM_DIRECTION_FLAT, 1, "flat Y");
    #endif
    #ifdef QUARANTINE
       if (i->xBars > SIGNAL_ON) return QUORUM_ERR_GENERIC;
    #endif
       return QUORUM_OK;
    }
    """# + singleStrategyPluginTail

    /// Runs org.test.cross on X and Y: X has a bar on each of `xDays`, Y on each of `yDays` (January 2020), Y
    /// opening at `yOpen(day)` (50 + 10 × (day − 1) unless given).
    private func run(defines: [String], xDays: [Int], yDays: [Int], yOpen: (Int) -> Int = { 50 + 10 * ($0 - 1) },
                     limits: String = "none") throws -> BacktestResult {
        let plugins = try buildPlugin(Self.source, name: "cross", defines: defines)
        func write(_ name: String, _ days: [Int], open: (Int) -> Int) throws -> String {
            let rows = days.map { d in
                let o = open(d)
                return String(format: "2020-01-%02d,%d,%d,%d,%d,1000", d, o, o + 1, o - 1, o)
            }
            let path = "\(folder!)/\(name).csv"
            try (["Date,Open,High,Low,Close,Volume"] + rows).joined(separator: "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let x = try write("X", xDays) { _ in 100 }, y = try write("Y", yDays, open: yOpen)
        let yaml = """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [{path: \(x), symbol: X}, {path: \(y), symbol: Y}]
        strategies:
          - {name: cross, plugin: org.test.cross, symbols: [X, Y]}
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: \(limits)}
        """
        var options = BacktestOptions()
        options.journalPath = folder + "/journal.sqlite"
        return try BacktestRunner.run(try TestSupport.workspace(yaml), options: options, logger: TestSupport.logger)
    }

    /// The order decided on X's bar of day 2 fills at Y's next bar after it, day 3 (open 70), not at Y's bar of
    /// day 2 that follows X's in the stream but opened before the decision (60: a look-ahead).
    func testAnOrderDecidedOnAnotherSymbolsEventFillsOnlyAfterIt() throws {
        let result = try run(defines: ["SIGNAL_ON=2"], xDays: Array(1...5), yDays: Array(1...5))
        XCTAssertEqual(result.openPositions.map(\.symbol), [1])
        XCTAssertEqual(result.openPositions.first?.position.averageCost, Price(70)!)
    }

    /// Y held with its stop at 90; on X's bar of day 5 the strategy turns Y flat, and Y's own bar of day 5
    /// opens at 80. Y is judged at the end of that step, after its own bar: the stop acts on the gap (80).
    /// Judged on X's event, before its bar, the exit had cancelled the stop and waited for day 6 (70).
    func testADecisionOnAnotherSymbolsEventWaitsForTheSymbolsOwnBarOfThatTime() throws {
        let result = try run(defines: ["SIGNAL_ON=1", "FLAT_ON=5"], xDays: Array(1...6), yDays: Array(1...6),
                             yOpen: { [100, 100, 100, 100, 80, 70][$0 - 1] },
                             limits: "{stop_loss_required: true, default_stop: 0.1}")
        XCTAssertEqual(result.trades.map(\.entryPrice), [Price(100)!])
        XCTAssertEqual(result.trades.map(\.exitPrice), [Price(80)!], "the stop, on Y's bar of day 5")
        XCTAssertTrue(result.openPositions.isEmpty)
    }

    /// A strategy quarantined on X's bars loses its stance on Y at once: Y is judged again then, and the entry
    /// still waiting for Y's next bar is withdrawn (it stood until Y's next bar, days later, and filled).
    func testAQuarantineTakesTheStrategysStancesOffEverySymbolAtOnce() throws {
        let result = try run(defines: ["SIGNAL_ON=1", "QUARANTINE"], xDays: Array(1...12), yDays: [1, 10, 11, 12])
        XCTAssertEqual(result.strategies.first?.quarantined, true)
        XCTAssertTrue(result.openPositions.isEmpty, "\(result.openPositions)")
        XCTAssertTrue(result.trades.isEmpty, "\(result.trades)")
        // The entry is withdrawn at the quarantine's step (day 6), though Y's last bar is day 1's.
        let reader = try JournalReader(path: folder + "/journal.sqlite")
        let run = try XCTUnwrap(reader.latestRun())
        let cancels = try reader.records(run: run.info.id, kinds: [.orderEvent]).compactMap { record -> Timestamp? in
            guard case .orderEvent(let event) = record, event.to == "canceled" else { return nil }
            return event.time
        }
        XCTAssertEqual(cancels, [Timestamps.parse("2020-01-06")!.0])
    }
}
