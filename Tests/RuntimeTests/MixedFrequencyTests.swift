import Foundation
import Logging
import Quorum
import QuorumModel
import QuorumTestSupport
import XCTest

/// Daily bars (a file of dates) beside intraday bars (a file of times) in one run. A daily bar is only complete
/// when its day ends, so no decision may use it before then and no order may fill at a price from before its
/// decision. The strategy (``CrossSymbolTests/source``) counts the bars of symbol `ON` and signals long `FOR` on
/// the `SIGNAL_ON`th.
final class MixedFrequencyTests: TemporaryFolderTestCase {
    /// D: daily bars of 2020-01-02 to 01-06 (a file of dates; with `dailyStep`, every that many days to 01-30),
    /// opening at 100 + day; H: hourly bars from 10:00 to 15:00 on 01-02 to 01-06 (a file of times), opening at
    /// day × 100 + hour, or with `hourly` false daily bars of 01-02 to 01-30 (a file of dates). Fixed quantity
    /// 10, no limits.
    private func run(on: Int, for target: Int, signalOn: Int, dailyStep: Int = 1, hourly: Bool = true,
                     logger: Logger = TestSupport.logger) throws -> BacktestResult {
        let plugins = try buildPlugin(CrossSymbolTests.source, name: "cross",
                                      defines: ["ON=\(on)", "FOR=\(target)", "SIGNAL_ON=\(signalOn)"])
        func write(_ name: String, _ rows: [(time: String, open: Int)]) throws -> String {
            let lines = rows.map { "\($0.time),\($0.open),\($0.open + 1),\($0.open - 1),\($0.open),1000" }
            let path = "\(folder!)/\(name).csv"
            try (["Date,Open,High,Low,Close,Volume"] + lines).joined(separator: "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let days = 2...6
        let daily = try write("D", stride(from: 2, through: dailyStep == 1 ? 6 : 30, by: dailyStep).map {
            (String(format: "2020-01-%02d", $0), 100 + $0)
        })
        let finer = try write("H", hourly ? days.flatMap { d in
            (10...15).map { h in (String(format: "2020-01-%02dT%02d:00:00", d, h), d * 100 + h) }
        } : (2...30).map { d in (String(format: "2020-01-%02d", d), d * 100 + 10) })
        let yaml = """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [{path: \(daily), symbol: D}, {path: \(finer), symbol: H}]
        strategies:
          - {name: cross, plugin: org.test.cross, symbols: [D, H]}
        risk: {sizing: {mode: fixed_quantity, quantity: 10}, limits: none}
        """
        var options = BacktestOptions()
        options.journalPath = folder + "/journal.sqlite"
        return try BacktestRunner.run(try TestSupport.workspace(yaml), options: options, logger: logger)
    }

    /// Decided on the daily bar of 01-02, whose close is known when the day ends: H's order fills at its first
    /// bar of 01-03 (open 310), not at 01-02T10:00 (210), which comes before the day's end.
    func testADecisionOnADailyBarComesAfterThatDaysIntradayBars() throws {
        let result = try run(on: 0, for: 1, signalOn: 1)
        XCTAssertEqual(result.openPositions.first?.position.averageCost, Price(310)!)
        XCTAssertEqual(result.trades.count, 0)
    }

    /// Decided on H's bar of 01-03T10:00 (its seventh): D's order fills at the open of 01-04 (104), not at the
    /// open of 01-03 (103), which was before the decision, though D's bar of 01-03 comes after it in the stream.
    func testAnIntradayDecisionDoesNotFillAtTheOpenOfThatDaysDailyBar() throws {
        let result = try run(on: 1, for: 0, signalOn: 7)
        XCTAssertEqual(result.openPositions.first?.position.averageCost, Price(104)!)
    }

    /// Bars more than four days apart in a file of dates (weekly, monthly) beside finer bars, intraday or daily,
    /// are said to be taken as known at the end of their dates (a period dated by its start would be seen early);
    /// daily bars are not.
    func testCoarserDatedBarsBesideIntradayDataAreWarnedAbout() throws {
        let weekly = CapturedWarnings()
        _ = try run(on: 0, for: 1, signalOn: 1, dailyStep: 7, logger: weekly.logger)
        XCTAssertEqual(weekly.messages.filter { $0.contains("D.csv: its bars are 7 days apart, beside finer bars") }.count, 1,
                       "\(weekly.messages)")
        // Beside daily bars too (weekly bars dated by their Monday would show the week's close on Monday).
        let weeklyAndDaily = CapturedWarnings()
        _ = try run(on: 0, for: 1, signalOn: 1, dailyStep: 7, hourly: false, logger: weeklyAndDaily.logger)
        XCTAssertEqual(weeklyAndDaily.messages.filter { $0.contains("D.csv: its bars are 7 days apart") }.count, 1,
                       "\(weeklyAndDaily.messages)")
        let daily = CapturedWarnings()
        _ = try run(on: 0, for: 1, signalOn: 1, logger: daily.logger)
        XCTAssertFalse(daily.messages.contains { $0.contains("days apart") }, "\(daily.messages)")
    }

    /// A file's spacing is the median gap among its first bars, and only bars at least twice as far apart as the
    /// finest are coarser (reviewers' cases: monthly files starting in January and February or mid-January, a daily
    /// file with a week's gap at its start beside another daily file and beside a weekly one, a weekly file whose
    /// first week is partial beside a daily and a weekly one).
    func testSpacingIsTheMedianGapAndCoarserMeansTwiceAsFarApart() throws {
        let plugins = try buildPlugin(CrossSymbolTests.source, name: "cross", defines: ["SIGNAL_ON=1000"])
        let day = nanosecondsPerDay, start = Timestamps.days(year: 2020, month: 1, day: 1) * day
        func dates(_ offsets: [Int64]) -> [String] { offsets.map { Timestamps.format(start + $0 * day, .date) } }
        let monthlyFromJanuary = dates([0, 31, 60, 91, 121, 152, 182, 213, 244, 274])
        let monthlyFromFebruary = dates([31, 60, 91, 121, 152, 182, 213, 244, 274, 305])
        let monthlyFromMidJanuary = dates([18, 31, 60, 91, 121, 152, 182, 213, 244, 274])   // listed mid-month
        let dailyAfterAGap = dates([0] + (7...40).map { Int64($0) })
        let daily = dates((0...40).map { Int64($0) })
        let weekly = dates((0...10).map { Int64($0 * 7) })
        let weeklyFromAFriday = dates([-3] + (0...10).map { Int64($0 * 7) })   // a partial first week
        func warnings(_ a: [String], _ b: [String]) throws -> [String] {
            var paths: [String] = []
            for (name, rows) in [("A", a), ("B", b)] {
                let path = "\(folder!)/\(name).csv"
                try (["Date,Open,High,Low,Close,Volume"] + rows.map { "\($0),10,11,9,10,1000" })
                    .joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
                paths.append(path)
            }
            let captured = CapturedWarnings()
            _ = try BacktestRunner.run(try TestSupport.workspace("""
                version: 1
                plugins: {dirs: [\(plugins)]}
                data: [{path: \(paths[0]), symbol: A}, {path: \(paths[1]), symbol: B}]
                strategies:
                  - {name: cross, plugin: org.test.cross, symbols: [A, B]}
                risk: {sizing: {mode: fixed_quantity, quantity: 1}, limits: none}
                """), options: BacktestOptions(), logger: captured.logger)
            return captured.messages.filter { $0.contains("days apart") }
        }
        XCTAssertEqual(try warnings(monthlyFromJanuary, monthlyFromFebruary), [])
        XCTAssertEqual(try warnings(monthlyFromMidJanuary, monthlyFromFebruary), [])
        XCTAssertEqual(try warnings(weeklyFromAFriday, weekly), [])
        XCTAssertEqual(try warnings(daily, weeklyFromAFriday).count, 1)
        XCTAssertEqual(try warnings(dailyAfterAGap, daily), [])
        let weeklyBesideGappedDaily = try warnings(dailyAfterAGap, weekly)
        XCTAssertEqual(weeklyBesideGappedDaily.count, 1)
        XCTAssertTrue(weeklyBesideGappedDaily.first?.contains("B.csv: its bars are 7 days apart") == true,
                      "\(weeklyBesideGappedDaily)")
    }

    /// The daily bar of the last intraday step's day is still the day's: the run's results print its date.
    func testDailyBarsKeepTheirDatesInTheResults() throws {
        let result = try run(on: 0, for: 0, signalOn: 1)
        let position = try XCTUnwrap(result.openPositions.first)
        XCTAssertEqual(position.position.averageCost, Price(103)!)
        XCTAssertEqual(Timestamps.format(position.position.openedAt, result.timeFormats[0]), "2020-01-03")
    }
}
