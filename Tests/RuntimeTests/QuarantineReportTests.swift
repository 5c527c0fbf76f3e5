import Foundation
import Quorum
import QuorumModel
import QuorumReport
import QuorumTestSupport
import XCTest

/// A quarantined strategy is said by `compare` and listed by `report` (they showed its faults, never that it
/// stopped being called: a review).
final class QuarantineReportTests: TemporaryFolderTestCase {
    /// org.test.cross signals on X's first bar and fails every X call after it, silent on Y's bars between
    /// them: quarantined at its fifth fault in a row (X's bar of day 6). The silent calls do not end the row
    /// (they did, and a plugin failing on one symbol of two was never quarantined: a review).
    func testAQuarantineIsListedAfterTheFaultsThatCausedIt() throws {
        let plugins = try buildPlugin(CrossSymbolTests.source, name: "cross", defines: ["SIGNAL_ON=1", "QUARANTINE"])
        for name in ["X", "Y"] {
            let rows = (1...12).map { String(format: "2020-01-%02d,100,101,99,100,1000", $0) }
            try (["Date,Open,High,Low,Close,Volume"] + rows).joined(separator: "\n")
                .write(toFile: "\(folder!)/\(name).csv", atomically: true, encoding: .utf8)
        }
        let yaml = """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [{path: \(folder!)/X.csv, symbol: X}, {path: \(folder!)/Y.csv, symbol: Y}]
        strategies:
          - {name: flaky, plugin: org.test.cross, symbols: [X, Y]}
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: none}
        """
        var options = BacktestOptions()
        options.journalPath = folder + "/journal.sqlite"
        _ = try BacktestRunner.run(try TestSupport.workspace(yaml), options: options, logger: TestSupport.logger)

        let comparison = try RunComparison(journal: options.journalPath!)
        let day6 = try XCTUnwrap(Timestamps.parse("2020-01-06")).0
        XCTAssertEqual(comparison.quarantines.map(\.strategy), ["flaky"])
        XCTAssertEqual(comparison.quarantines.map(\.time), [day6])
        XCTAssertEqual(comparison.faults.count, 5)
        // Above the faults, however many there are (the first version listed it among them, past the 1,000th
        // row unseen).
        let html = HTMLReport(comparison.reportInput, maxFaultRows: 1).render()
        XCTAssertTrue(html.contains("<h2>Faults (5)</h2><div class=\"panel\"><p class=\"note\"><strong>flaky</strong> was "
                                    + "quarantined at 2020-01-06 (too many faults in a row)"), html)
    }
}
