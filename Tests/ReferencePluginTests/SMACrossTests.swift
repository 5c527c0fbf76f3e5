import Foundation
import QuorumPluginAPI
import XCTest

/// org.quorum.sma-cross against backtrader's GOOG 10/30 run and the ORCL exact tie.
final class SMACrossTests: XCTestCase {
    func run(_ file: String, fast: Double = 10, slow: Double = 30) throws -> (HarnessInstance, [EmittedSignal]) {
        let data = try BarData.load(file)
        let instance = HarnessInstance(try PluginLibrary.load("QuorumSMACross"), data: [data],
                                       params: ["fast": fast, "slow": slow])
        XCTAssertEqual(instance.createStatus, QUORUM_OK)
        XCTAssertEqual(instance.activate(), QUORUM_OK)
        let signals = instance.run(HarnessInstance.schedule([data]), 0..<data.count)
        XCTAssertEqual(instance.faults, [])
        return (instance, signals)
    }

    func testGOOGMatchesBacktraderEntries() throws {
        let (_, signals) = try run("GOOG_1d.csv")
        let longs = signals.filter { $0.direction == QUORUM_DIRECTION_LONG }
        XCTAssertEqual(longs.first?.date, "2004-12-20")  // backtrader entered at the 2004-12-21 open
        XCTAssertEqual(longs.count, 33)                  // 32 closed trades + 1 open position
        XCTAssertTrue(signals.allSatisfy { $0.confidence == 1.0 && $0.direction != QUORUM_DIRECTION_SHORT })
        // Every backtrader entry/exit fills at the open of the bar after our signal.
        let oracle = try JSONSerialization.jsonObject(with: Data(contentsOf: BarData.root
            .appendingPathComponent("Tests/Fixtures/oracle/GOOG_sma_10_30.backtrader.json"))) as! [String: Any]
        let trades = oracle["trades"] as! [[String: Any]]
        let open = oracle["open_position"] as! [String: Any]
        let dates = try BarData.load("GOOG_1d.csv").dates
        let nextDate = { (s: EmittedSignal) in dates[s.bar + 1] }
        XCTAssertEqual(longs.map(nextDate), trades.map { $0["entry_date"] as! String } + [open["entry_date"] as! String])
        let flats = signals.filter { $0.direction == QUORUM_DIRECTION_FLAT }
        let exits = flats.filter { f in longs.contains { $0.bar < f.bar } }  // a FLAT before any LONG closes nothing
        XCTAssertEqual(Array(exits.map(nextDate).prefix(trades.count)), trades.map { $0["exit_date"] as! String })
    }

    func testORCLTieIsNotACross() throws {
        let (_, signals) = try run("ORCL_1d.csv")
        let byDate = Dictionary(grouping: signals, by: \.date)
        XCTAssertNil(byDate["2004-06-28"])
        XCTAssertNil(byDate["2004-06-29"], "the exact tie SMA(10) == SMA(30) must not cross")
        // 06-28 fast < slow, 06-29 tie, 06-30 fast > slow: the last non-zero difference was negative → up-cross.
        XCTAssertEqual(byDate["2004-06-30"]?.map(\.direction), [QUORUM_DIRECTION_LONG])
        XCTAssertEqual(byDate["2004-07-14"]?.map(\.direction), [QUORUM_DIRECTION_FLAT])
    }

    func testCreateFailsWhenFastIsNotBelowSlow() throws {
        let library = try PluginLibrary.load("QuorumSMACross")
        for (fast, slow) in [(30.0, 30.0), (40.0, 30.0)] {
            let instance = HarnessInstance(library, data: [try BarData.load("GOOG_1d.csv")],
                                           params: ["fast": fast, "slow": slow])
            XCTAssertNotEqual(instance.createStatus, QUORUM_OK)
            XCTAssertNil(instance.strategy)
            XCTAssertTrue(instance.logs.contains { $0.contains("fast") && $0.contains("slow") }, "\(instance.logs)")
        }
    }
}
