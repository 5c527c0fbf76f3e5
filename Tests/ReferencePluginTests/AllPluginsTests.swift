import Foundation
import QuorumPluginAPI
import XCTest

/// Properties every reference plugin must have: a valid descriptor and entry, well-formed signals on every
/// bundled file, and a state that survives save → load into a fresh instance.
final class AllPluginsTests: XCTestCase {
    static let singleSymbol = ["QuorumSMACross", "QuorumRSIReversion", "QuorumBollingerBreakout", "QuorumTTMSqueeze"]
    static let pairFiles = [["ORCL_1d.csv", "NVDA_1d.csv"], ["GOOG_1d.csv", "ORCL_1d.csv"], ["EURUSD_1h.csv", "GOOG_1d.csv"]]

    /// Creates and activates an instance with default parameters on the given files.
    func start(_ product: String, _ files: [String], params: [String: Double] = [:]) throws -> HarnessInstance {
        let instance = HarnessInstance(try PluginLibrary.load(product), data: try files.map(BarData.load), params: params)
        XCTAssertEqual(instance.createStatus, QUORUM_OK, "\(product): \(instance.logs)")
        XCTAssertEqual(instance.activate(), QUORUM_OK, "\(product): \(instance.logs)")
        return instance
    }

    func testDescriptorsAndEntries() throws {
        let expected = ["QuorumSMACross": "org.quorum.sma-cross", "QuorumRSIReversion": "org.quorum.rsi-reversion",
                        "QuorumBollingerBreakout": "org.quorum.bollinger-breakout",
                        "QuorumTTMSqueeze": "org.quorum.ttm-squeeze", "QuorumPairs": "org.quorum.pairs"]
        for (product, id) in expected {
            let library = try PluginLibrary.load(product)
            let entry = library.entry.pointee
            XCTAssertEqual(entry.struct_size, UInt32(MemoryLayout<quorum_plugin_entry_t>.size))
            XCTAssertEqual(entry.abi_major, QUORUM_ABI_VERSION_MAJOR)
            XCTAssertEqual(String(cString: entry.build_tag),
                           product == "QuorumBollingerBreakout" ? QUORUM_BUILD_TAG_CXX : QUORUM_BUILD_TAG_C)
            XCTAssertNil(try PluginLibrary.rawEntry(product, major: QUORUM_ABI_VERSION_MAJOR + 1))
            XCTAssertNil(entry.get_factory("no-such-factory/1"))
            // Ref-counted init: a second init/deinit pair leaves the library usable.
            XCTAssertEqual(entry.`init`("x"), QUORUM_OK)
            entry.deinit()
            XCTAssertNotNil(entry.get_factory(QUORUM_STRATEGY_FACTORY_ID))

            XCTAssertEqual(library.factory.pointee.count(library.factory), 1)
            XCTAssertNil(library.factory.pointee.descriptor(library.factory, 1))
            let desc = library.descriptor
            XCTAssertEqual(desc.struct_size, UInt32(MemoryLayout<quorum_strategy_descriptor_t>.size))
            XCTAssertEqual(library.strategyID, id)
            XCTAssertGreaterThanOrEqual(desc.history_bars, 1)
            XCTAssertFalse(String(cString: desc.description).isEmpty)
            XCTAssertEqual(desc.min_symbols, product == "QuorumPairs" ? 2 : 1)
            XCTAssertEqual(desc.max_symbols, desc.min_symbols)
            XCTAssertEqual(desc.features & QUORUM_FEATURE_MULTI_SYMBOL != 0, product == "QuorumPairs")
            var ids = Set<UInt32>()
            for i in 0..<Int(desc.param_count) {
                let p = desc.params[i]
                XCTAssertTrue(ids.insert(p.id).inserted, "\(id): duplicate param id \(p.id)")
                XCTAssertTrue(p.min_value <= p.default_value && p.default_value <= p.max_value, "\(id) \(String(cString: p.key))")
                XCTAssertNotNil(String(cString: p.key).range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression))
            }
            // An unknown id is refused.
            var out: UnsafePointer<quorum_strategy_t>?
            let dummyHost = UnsafeMutablePointer<quorum_host_t>.allocate(capacity: 1)
            dummyHost.initialize(to: quorum_host_t())
            XCTAssertEqual(library.factory.pointee.create(library.factory, dummyHost, "org.example.none", nil, 0, &out),
                           QUORUM_ERR_NOT_FOUND)
            XCTAssertNil(out)
        }
    }

    func testSingleSymbolPluginsEmitWellFormedSignalsOnEveryBundledFile() throws {
        for product in Self.singleSymbol {
            var total = 0
            for file in try BarData.bundledFiles() {
                let instance = try start(product, [file])
                let signals = instance.run(HarnessInstance.schedule(instance.data), 0..<instance.data[0].count)
                XCTAssertEqual(instance.faults, [], "\(product) on \(file)")
                XCTAssertTrue(signals.allSatisfy { $0.symbolIndex == 0 })
                total += signals.count
            }
            XCTAssertGreaterThan(total, 10, "\(product) emitted almost nothing")
        }
    }

    func testPairsEmitsBothLegsOnlyOnCommonTimestamps() throws {
        for files in Self.pairFiles {
            let instance = try start("QuorumPairs", files)
            let schedule = HarnessInstance.schedule(instance.data)
            var calls: [[EmittedSignal]] = []
            for i in schedule.indices {
                let signals = instance.step(schedule[i])
                if !signals.isEmpty { calls.append(signals) }
            }
            XCTAssertEqual(instance.faults, [], "\(files)")
            for call in calls {
                XCTAssertEqual(call.map(\.symbolIndex).sorted(), [0, 1])
                XCTAssertEqual(call[0].direction, -call[1].direction)
                // `date` is the delivered bar's timestamp: both symbols must have a bar then.
                XCTAssertTrue(instance.data[0].dates.contains(call[0].date) && instance.data[1].dates.contains(call[0].date))
            }
            if files[0] == "ORCL_1d.csv" { XCTAssertGreaterThan(calls.count, 10) }
            if files[0] == "EURUSD_1h.csv" { XCTAssertEqual(calls.count, 0, "EURUSD (2017-18) and GOOG (2004-13) share no timestamp") }
        }
    }

    /// The hedge leg follows beta's sign (spread = log A − beta × log B): with beta −1 long the spread is long both,
    /// with beta 0 B is not in the spread and stays flat. B always took A's opposite (adding exposure for beta < 0).
    func testPairsHedgeLegFollowsTheSignOfBeta() throws {
        for beta in [-1.0, 0.0] {
            let instance = try start("QuorumPairs", ["ORCL_1d.csv", "NVDA_1d.csv"], params: ["beta": beta])
            let schedule = HarnessInstance.schedule(instance.data)
            var calls = 0
            for i in schedule.indices {
                let signals = instance.step(schedule[i]).sorted { $0.symbolIndex < $1.symbolIndex }
                guard !signals.isEmpty else { continue }
                calls += 1
                XCTAssertEqual(signals.map(\.symbolIndex), [0, 1])
                XCTAssertEqual(signals[1].direction, beta == 0 ? 0 : signals[0].direction, "beta \(beta)")
            }
            XCTAssertGreaterThan(calls, 5, "beta \(beta)")
            XCTAssertEqual(instance.faults, [])
        }
    }

    /// Prices that do not move give no signal: the Bollinger mean of a constant close landed an ulp off it (two
    /// roundings), outside the zero-width band, and RSI reversion read TA-Lib's RSI of 0 for "no movement" as
    /// deeply oversold; both entered at confidence 1.
    func testFlatPricesGiveNoSignal() throws {
        for price in [0.07, 0.11, 0.14, 0.17, 0.21, 100.0] {
            let n = 60
            let flat = BarData(symbol: "FLAT", dates: (0..<n).map { "d\($0)" },
                               time: (0..<n).map { Int64($0 + 1) * 86_400_000_000_000 },
                               open: Array(repeating: price, count: n), high: Array(repeating: price, count: n),
                               low: Array(repeating: price, count: n), close: Array(repeating: price, count: n),
                               volume: Array(repeating: 1_000, count: n))
            for product in ["QuorumBollingerBreakout", "QuorumRSIReversion"] {
                let instance = HarnessInstance(try PluginLibrary.load(product), data: [flat])
                XCTAssertEqual(instance.activate(), QUORUM_OK)
                let signals = instance.run(HarnessInstance.schedule(instance.data), 0..<n)
                XCTAssertEqual(signals.map(\.direction), [], "\(product) at \(price)")
            }
        }
    }

    /// After prices moved, a long flat stretch shrinks RSI's averages towards 0 without reaching it; TA-Lib's
    /// RSI reads 0 once their sum is below 1e-14 (bar ~420 of the stretch), which is still no movement.
    func testRSIReversionStaysOutOfALongFlatStretch() throws {
        let moving = 40, n = 800
        let closes = (0..<n).map { i in i < moving ? 100 + Double(i % 2) * 3 : 100 }
        let data = BarData(symbol: "HALT", dates: (0..<n).map { "d\($0)" },
                           time: (0..<n).map { Int64($0 + 1) * 86_400_000_000_000 }, open: closes, high: closes,
                           low: closes, close: closes, volume: Array(repeating: 1_000, count: n))
        let instance = HarnessInstance(try PluginLibrary.load("QuorumRSIReversion"), data: [data])
        XCTAssertEqual(instance.activate(), QUORUM_OK)
        let late = instance.run(HarnessInstance.schedule(instance.data), 0..<n).filter { $0.bar > moving + 20 }
        XCTAssertEqual(late.map(\.bar), [], "no signal in the flat stretch")
    }

    func testSaveLoadMidRunContinuesIdentically() throws {
        let cases = Self.singleSymbol.map { ($0, ["GOOG_1d.csv"]) } + [("QuorumPairs", ["ORCL_1d.csv", "NVDA_1d.csv"])]
        for (product, files) in cases {
            let reference = try start(product, files)
            let schedule = HarnessInstance.schedule(reference.data)
            let all = reference.run(schedule, 0..<schedule.count)
            XCTAssertFalse(all.isEmpty, product)
            for cut in [1, 57, schedule.count / 2, schedule.count - 3] {
                let first = try start(product, files)
                let before = first.run(schedule, 0..<cut)
                let saved = first.saveState()
                XCTAssertEqual(saved.status, QUORUM_OK)
                XCTAssertEqual(saved.bytes.first, 1, "\(product): format version byte first")
                let second = try start(product, files)
                second.advance(schedule, 0..<cut)  // the host keeps the history; the state carries the rest
                XCTAssertEqual(second.loadState(saved.bytes), QUORUM_OK, "\(product) at \(cut): \(second.logs)")
                let after = second.run(schedule, cut..<schedule.count)
                XCTAssertEqual(before + after, all, "\(product) restored at event \(cut)")
            }
        }
    }

    func testCorruptStateIsRefusedAndLeavesAFreshInstance() throws {
        for product in Self.singleSymbol + ["QuorumPairs"] {
            let files = product == "QuorumPairs" ? ["ORCL_1d.csv", "NVDA_1d.csv"] : ["GOOG_1d.csv"]
            let reference = try start(product, files)
            let schedule = HarnessInstance.schedule(reference.data)
            let all = reference.run(schedule, 0..<schedule.count)
            let donor = try start(product, files)
            _ = donor.run(schedule, 0..<200)
            let bytes = donor.saveState().bytes
            for corrupt in [[], [UInt8](repeating: 0xAB, count: 16), [99] + bytes.dropFirst(), bytes + [0]] {
                let instance = try start(product, files)
                XCTAssertEqual(instance.loadState(corrupt), QUORUM_ERR_CORRUPT_STATE, product)
                XCTAssertEqual(instance.run(schedule, 0..<schedule.count), all, "\(product) not fresh after refusal")
            }
        }
    }
}
