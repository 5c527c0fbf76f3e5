import Foundation
import Quorum
@testable import QuorumJournal
import QuorumModel
import QuorumTestSupport
import XCTest

/// SPEC §13: "times are written as they appear in the data" — in the `--json` object, the journal's views and
/// what `compare` and `report` read back: a file stamped `2020-01-02 09:31:00.500` is not written
/// `2020-01-02T09:31:00.5`.
final class TimesAsWrittenTests: TemporaryFolderTestCase {
    /// Runs org.test.cross on X and Y (the same bars), a minute apart from 09:30, stamped as `stamp(minute)`
    /// writes them: X long on X's 2nd bar, flat on its 4th (so one trade, entered at the 3rd bar's open and left
    /// at the 5th's). Returns the result and the journal.
    private func run(stamp: (Int) -> String) throws -> (result: BacktestResult, journal: String) {
        let plugins = try buildPlugin(CrossSymbolTests.source, name: "cross",
                                      defines: ["ON=0", "FOR=0", "SIGNAL_ON=2", "FLAT_ON=4"])
        let rows = (0..<6).map { "\(stamp($0)),\(100 + $0),\(101 + $0),\(99 + $0),\(100 + $0),1000" }
        let data = "\(folder!)/X.csv"
        try (["timestamp,open,high,low,close,volume"] + rows).joined(separator: "\n")
            .write(toFile: data, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: "\(folder!)/Y.csv")
        try FileManager.default.copyItem(atPath: data, toPath: "\(folder!)/Y.csv")
        let yaml = """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [{path: \(data), symbol: X}, {path: \(folder!)/Y.csv, symbol: Y}]
        strategies:
          - {name: cross, plugin: org.test.cross, symbols: [X, Y]}
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: none}
        """
        var options = BacktestOptions()
        options.journalPath = folder + "/journal.sqlite"
        let result = try BacktestRunner.run(try TestSupport.workspace(yaml), options: options,
                                            logger: TestSupport.logger)
        return (result, options.journalPath!)
    }

    private func texts(_ journal: String, _ sql: String) throws -> [String] {
        let database = try Database(path: journal, access: .readOnly)
        return try Statement(database: database, sql: sql).rows { $0.text() }
    }

    /// Milliseconds after a space: the trade, every view and the curve `compare` reads keep both.
    func testASpaceAndMillisecondsAreKept() throws {
        let stamp = { (minute: Int) in String(format: "2020-01-02 09:%02d:00.%03d", 30 + minute, minute == 2 ? 250 : 500) }
        let (result, journal) = try run(stamp: stamp)
        let trade = try XCTUnwrap(result.trades.first)
        XCTAssertEqual(Timestamps.format(trade.entryTime, result.timeFormats[0]), "2020-01-02 09:32:00.250")
        XCTAssertEqual(Timestamps.format(trade.exitTime, result.timeFormats[0]), "2020-01-02 09:34:00.500")
        XCTAssertTrue(result.jsonText().contains(#""entry_time":"2020-01-02 09:32:00.250""#), result.jsonText())

        XCTAssertEqual(try texts(journal, "SELECT time_format FROM runs"), ["YYYY-MM-DD HH:MM:SS.fff"])
        XCTAssertEqual(try texts(journal, "SELECT time FROM fills ORDER BY seq"),
                       ["2020-01-02 09:32:00.250", "2020-01-02 09:34:00.500"])
        XCTAssertEqual(try texts(journal, "SELECT entry_time FROM trades WHERE book = -1"), ["2020-01-02 09:32:00.250"])
        XCTAssertEqual(try texts(journal, "SELECT time FROM equity WHERE book = -1 ORDER BY ts"), (0..<6).map(stamp))
        let reader = try JournalReader(path: journal)
        let run = try XCTUnwrap(reader.latestRun())
        XCTAssertEqual(try reader.equity(run: run.info.id, book: ensembleBook).map(\.time), (0..<6).map(stamp))
    }

    /// Whole seconds after a `T`, and after a space: each as written (the `T` form is what earlier versions
    /// wrote for every file).
    func testWholeSecondsKeepTheirSeparator() throws {
        for separator in ["T", " "] {
            let stamp = { (minute: Int) in "2020-01-02\(separator)09:\(30 + minute):00" }
            let (result, journal) = try run(stamp: stamp)
            XCTAssertEqual(result.trades.map { Timestamps.format($0.entryTime, result.timeFormats[0]) }, [stamp(2)], separator)
            XCTAssertEqual(try texts(journal, "SELECT time_format FROM runs"), ["YYYY-MM-DD\(separator)HH:MM:SS"])
            XCTAssertEqual(try texts(journal, "SELECT time FROM fills ORDER BY seq"), [stamp(2), stamp(4)])
            try FileManager.default.removeItem(atPath: journal)
        }
    }
}
