import Foundation
import Quorum
import QuorumModel
import QuorumTestSupport
import XCTest

/// A strategy's log messages are bounded: one logging on every bar wrote a line per bar (a review).
final class PluginLogTests: TemporaryFolderTestCase {
    func testAStrategyWritesAtMostItsBudgetOfLogMessages() throws {
        let source = singleStrategyPluginHead(id: "org.test.chatty", summary: "logs every bar", fields: "long bars;")
            + #"""
            static const quorum_host_t *the_host;
            static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
               (void)s; (void)e; (void)o;
               the_host->log(the_host, QUORUM_LOG_ERROR, "a bar");
               return QUORUM_OK;
            }
            static int32_t save(const quorum_strategy_t *s, const quorum_ostream_t *o) { (void)s; (void)o; return 0; }
            static int32_t load(const quorum_strategy_t *s, const quorum_istream_t *i) { (void)s; (void)i; return 0; }
            """# + singleStrategyPluginEntry.replacingOccurrences(of: "(void)host;", with: "the_host = host;")
        let plugins = try buildPlugin(source, name: "chatty", defines: [])
        let first = Timestamps.days(year: 2020, month: 1, day: 1)
        let rows = (0..<300).map { "\(Timestamps.format((first + Int64($0)) * nanosecondsPerDay, .date)),10,11,9,10,1000" }
        try (["Date,Open,High,Low,Close,Volume"] + rows).joined(separator: "\n")
            .write(toFile: folder + "/X.csv", atomically: true, encoding: .utf8)
        let yaml = """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [{path: \(folder!)/X.csv, symbol: X}]
        strategies:
          - {name: chatty, plugin: org.test.chatty, symbols: [X]}
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: none}
        """
        // Errors only shown (`--log-level error`): the line saying the rest are dropped is shown too.
        let captured = CapturedWarnings(level: .error)
        _ = try BacktestRunner.run(try TestSupport.workspace(yaml), options: BacktestOptions(), logger: captured.logger)
        let messages = captured.messages
        XCTAssertEqual(messages.filter { $0 == "a bar" }.count, 100)
        XCTAssertEqual(messages.filter { $0.contains("further ones are dropped") }.count, 1)
    }
}
