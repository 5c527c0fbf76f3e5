import Foundation
import QuorumTestSupport
import Logging
import QuorumPluginAPI
import QuorumPluginKit
import QuorumPlugins
import XCTest

/// Loads the Swift reference plugins from the build folder (`swift build` must have built them) and runs them
/// over GOOG daily bars through the ABI.
final class ReferencePluginTests: XCTestCase {
    static let libraries = ["libQuorumTrendRSI.so": "org.quorum.trend-rsi", "libQuorumMomentum.so": "org.quorum.momentum"]

    func testBuildTagsEqualTheHostToolchain() throws {
        for plugin in try loadReferencePlugins() {
            XCTAssertEqual(plugin.buildTag, swiftCompilerBuildTag, plugin.file)
            XCTAssertEqual(plugin.language, "Swift")
        }
    }

    func testDescriptorsMatchTheReadmes() throws {
        let catalog = PluginCatalog(plugins: try loadReferencePlugins())
        let trend = try XCTUnwrap(catalog.strategy("org.quorum.trend-rsi")?.descriptor)
        XCTAssertEqual(trend.vendor, "Quorum")
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: trend.parameters.map { ($0.key, $0.defaultValue) }),
                       ["sma_period": 20, "rsi_period": 14, "volume_period": 20, "rsi_low": 50, "rsi_high": 70,
                        "stop_pct": 0.05, "target_pct": 0.15, "rsi_exit": 80])
        let momentum = try XCTUnwrap(catalog.strategy("org.quorum.momentum")?.descriptor)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: momentum.parameters.map { ($0.key, $0.defaultValue) }),
                       ["lookback": 20, "entry": 0.05, "exit": 0.01, "allow_short": 1])
    }

    func testEverySignalOverGOOGIsWellFormed() throws {
        let bars = try Columns(csv: repoRoot + "/data/GOOG_1d.csv")
        XCTAssertGreaterThan(bars.count, 1000)
        for plugin in try loadReferencePlugins() {
            let instance = try makeInstance(plugin)
            let records = run(instance, bars, 0..<bars.count)
            XCTAssertGreaterThan(records.count, 10, "\(plugin.file) barely trades")
            print("\(instance.descriptor.id): \(records.count) signals over \(bars.count) bars")
            var previous: Int32? = nil
            for r in records {
                if case .failure(let fault) = SignalValidation.validate(r.raw, symbolCount: 1) {
                    XCTFail("\(plugin.file) bar \(r.bar): \(fault)")
                }
                XCTAssertNotEqual(r.raw.direction, previous, "emits only on a change of stance")
                previous = r.raw.direction
                if r.raw.direction == QUORUM_DIRECTION_LONG, instance.descriptor.id == "org.quorum.trend-rsi" {
                    let close = bars.close[r.bar]
                    XCTAssertEqual(r.raw.stop_loss, close * 0.95, accuracy: 1e-9 * close)
                    XCTAssertEqual(r.raw.take_profit, close * 1.15, accuracy: 1e-9 * close)
                    XCTAssertGreaterThanOrEqual(r.raw.confidence, 0.1)
                }
                XCTAssertNotNil(r.reason)
                // The engine leaves the reason out when nothing records signals; the rest is the same.
                if case .success(let (slot, kept)) = SignalValidation.validate(r.raw, symbolCount: 1),
                   case .success(let (bareSlot, bare)) = SignalValidation.validate(r.raw, symbolCount: 1,
                                                                                   keepingReason: false) {
                    XCTAssertEqual(kept.reason, r.reason)
                    XCTAssertNil(bare.reason)
                    var withoutReason = kept
                    withoutReason.reason = nil
                    XCTAssertEqual(bare, withoutReason)
                    XCTAssertEqual(bareSlot, slot)
                }
            }
        }
    }

    /// Trend-RSI's volume filter reads the same for any volume scale: GOOG's closes with its volumes, with them
    /// × 10⁶ (past ~9.2e10 the exact average overflowed and every bar was "above" it), and × 10⁻⁹ (fractions of a
    /// coin: an average in fixed point rounded them to 0) give the same signals.
    func testTrendRSIReadsVolumesOfAnySize() throws {
        let goog = try Columns(csv: repoRoot + "/data/GOOG_1d.csv")
        func column(_ p: UnsafeMutablePointer<Double>) -> [Double] { Array(UnsafeBufferPointer(start: p, count: goog.count)) }
        let huge = Columns(time: Array(UnsafeBufferPointer(start: goog.time, count: goog.count)), open: column(goog.open),
                           high: column(goog.high), low: column(goog.low), close: column(goog.close),
                           volume: column(goog.volume).map { $0 * 1e6 })
        let plugin = try XCTUnwrap(try loadReferencePlugins().first { $0.file.hasSuffix("libQuorumTrendRSI.so") })
        let tiny = Columns(time: Array(UnsafeBufferPointer(start: goog.time, count: goog.count)), open: column(goog.open),
                           high: column(goog.high), low: column(goog.low), close: column(goog.close),
                           volume: column(goog.volume).map { $0 * 1e-9 })
        let plain = run(try makeInstance(plugin), goog, 0..<goog.count)
        XCTAssertGreaterThan(plain.count, 10)
        for bars in [huge, tiny] {
            let scaled = run(try makeInstance(plugin), bars, 0..<bars.count)
            XCTAssertEqual(scaled.map(\.bar), plain.map(\.bar))
            XCTAssertEqual(scaled.map(\.raw.direction), plain.map(\.raw.direction))
        }
    }

    func testRestoredInstanceContinuesIdentically() throws {
        let bars = try Columns(csv: repoRoot + "/data/GOOG_1d.csv")
        let middle = bars.count / 2
        for plugin in try loadReferencePlugins() {
            let whole = run(try makeInstance(plugin), bars, 0..<bars.count).filter { $0.bar >= middle }
            let first = try makeInstance(plugin)
            _ = run(first, bars, 0..<middle)
            let state = try first.saveState()
            // The format's version byte first (trend-rsi's format 3 keeps its volumes as doubles).
            XCTAssertEqual(state.first, plugin.file.hasSuffix("libQuorumTrendRSI.so") ? 3 : 1, plugin.file)
            let second = try makeInstance(plugin)
            try second.loadState(state)
            let continued = run(second, bars, middle..<bars.count)
            XCTAssertFalse(continued.isEmpty)
            XCTAssertEqual(continued, whole, plugin.file)
        }
    }

    func testCorruptStateIsRefused() throws {
        for plugin in try loadReferencePlugins() {
            let instance = try makeInstance(plugin)
            XCTAssertThrowsError(try instance.loadState([99, 0, 0]))
            XCTAssertThrowsError(try instance.loadState([]))
        }
    }

    // MARK: Helpers

    /// One emitted signal, comparable across instances.
    struct Record: Equatable {
        var bar: Int
        var raw: quorum_signal_t
        var reason: String?
        static func == (a: Record, b: Record) -> Bool {
            a.bar == b.bar && a.reason == b.reason && a.raw.direction == b.raw.direction
                && a.raw.flags == b.raw.flags && a.raw.confidence == b.raw.confidence
                && a.raw.stop_loss == b.raw.stop_loss && a.raw.take_profit == b.raw.take_profit
                && a.raw.symbol_index == b.raw.symbol_index
        }
    }

    func run(_ instance: StrategyInstance, _ bars: Columns, _ range: Range<Int>) -> [Record] {
        var records: [Record] = []
        let window = instance.descriptor.historyBars
        for i in range {
            let output = instance.onBar(symbolIndex: 0, series: bars.series(endingAt: i, window: window),
                                        time: bars.time[i], cursor: i)
            XCTAssertNil(output.fault)
            XCTAssertLessThanOrEqual(output.signals.count, 1)
            for s in output.signals { records.append(Record(bar: i, raw: s, reason: s.reason.map { String(cString: $0) })) }
        }
        return records
    }

    func makeInstance(_ plugin: LoadedPlugin) throws -> StrategyInstance {
        let descriptor = try XCTUnwrap(plugin.strategies.first)
        let instance = try StrategyInstance(plugin: plugin, strategyID: descriptor.id, name: descriptor.id,
                                            parameters: descriptor.parameters.map { ($0.id, $0.defaultValue) },
                                            logger: Logger(label: "test"))
        try instance.activate(symbols: ["GOOG"], symbolIDs: [0], historyBars: descriptor.historyBars, provider: nil)
        return instance
    }

    func loadReferencePlugins() throws -> [LoadedPlugin] {
        guard let folder = BuildProducts.folder else {
            throw ShellError("libQuorumTrendRSI.so not found near the test bundle: run `swift build` before `swift test`")
        }
        let copies = try makeTemporaryFolder(self, "quorum-copies")
        let files = ReferencePluginTests.libraries.keys.sorted().map { "\(folder)/\($0)" }
        let catalog = PluginLoader(options: PluginLoaderOptions(folders: [], copyFolder: copies)).load(files: files)
        XCTAssertEqual(catalog.refusals, [])
        XCTAssertEqual(Set(catalog.strategyIDs), Set(ReferencePluginTests.libraries.values))
        return catalog.plugins
    }
}

