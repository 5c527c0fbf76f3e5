import Foundation
import Logging
import QuorumModel
import QuorumPluginAPI
@testable import QuorumPlugins
import XCTest

/// The zoo template built with `knobs` and loaded (trust any, a private cache of its own).
func loadZoo(_ testCase: XCTestCase, _ knobs: [String: String]) throws -> Result<LoadedPlugin, PluginRefusal> {
    let folder = try makeTemporaryFolder(testCase, "quorum-zoo-one")
    let file = folder + "/plugin.so"
    try compilePlugin(source: ZooSource.plugin(knobs), output: file, scratch: folder)
    let options = PluginLoaderOptions(folders: [], trust: .any, copyFolder: folder + "/copies")
    return PluginLoader(options: options).load(file: file)
}

/// An activated instance of org.zoo.good-a (always long on the bar's symbol) built with `knobs`, on `symbols`
/// symbols.
func zooInstance(_ testCase: XCTestCase, _ knobs: [String: String], symbols: Int = 1) throws -> StrategyInstance {
    let plugin = try loadZoo(testCase, knobs).get()
    let instance = try StrategyInstance(plugin: plugin, strategyID: "org.zoo.good-a", name: "zoo",
                                        parameters: [], logger: Logger(label: "zoo"))
    try instance.activate(symbols: (0..<symbols).map { "S\($0)" }, symbolIDs: Array(0..<symbols), historyBars: 1,
                          provider: nil)
    return instance
}

/// What the host takes from a plugin's `quorum_signal_output_t` after `on_bar`.
final class OutputTests: XCTestCase {
    func testCountAboveCapacityIsAFaultTakingNoSignal() throws {
        let bars = Columns(price: 100)
        let zoo = try zooInstance(self, ["ZOO_COUNT": "3u"])
        let output = zoo.onBar(symbolIndex: 0, series: bars.series(endingAt: 0, window: 1), time: 0, cursor: 0)
        XCTAssertEqual(output.status, QUORUM_OK)
        XCTAssertEqual(output.fault, .countAboveCapacity(count: 3, capacity: 1))
        XCTAssertEqual(output.fault?.description, "wrote 3 signals, capacity 1")
        XCTAssertEqual(output.signals.count, 0)
        // At capacity it is an ordinary call.
        let full = try zooInstance(self, ["ZOO_COUNT": "1u"])
        let fine = full.onBar(symbolIndex: 0, series: bars.series(endingAt: 0, window: 1), time: 0, cursor: 0)
        XCTAssertNil(fine.fault)
        XCTAssertEqual(fine.signals.map(\.direction), [QUORUM_DIRECTION_LONG])
    }
}

/// The state streams answer any size a plugin passes.
final class StateStreamTests: XCTestCase {
    /// After 4 bytes, a write of UINT64_MAX bytes trapped the host (an overflowing sum of sizes); now it is
    /// QUORUM_ERR_NO_MEMORY, as the header says, and the state keeps what was written before it.
    func testAWriteOfAnySizeIsAnswered() throws {
        let hook = """
            { int32_t r = out->write(out, &z->bars, sizeof z->bars); if (r != QUORUM_OK) return r; \
              r = out->write(out, &z->bars, UINT64_MAX); \
              if (r != QUORUM_ERR_NO_MEMORY) return -100; \
              r = out->write(out, &z->bars, QUORUM_STATE_MAX_BYTES); \
              if (r != QUORUM_ERR_NO_MEMORY) return -101; \
              return out->write(out, NULL, 1) == QUORUM_ERR_INVALID_ARGUMENT ? QUORUM_OK : -102; }
            """
        let zoo = try zooInstance(self, ["ZOO_SAVE_HOOK": hook])
        XCTAssertEqual(try zoo.saveState(), [0, 0, 0, 0])
    }
}

/// The host reads nothing of an instance table past the `struct_size` the plugin declared.
final class InstanceTableTests: XCTestCase {
    /// A table declaring 16 bytes (or another ABI major, another layout) was "destroyed" through a pointer read
    /// past its declared size. Now creation fails saying why, and the instance is leaked: its destroy (which
    /// leaves a mark file here) is never called.
    func testTableTooSmallOrOfAnotherMajorIsLeakedNotDestroyed() throws {
        let marks = try makeTemporaryFolder(self, "quorum-instance")
        func create(_ knobs: [String: String], mark: String) throws -> StrategyInstance {
            let plugin = try loadZoo(self, knobs.merging(["ZOO_DESTROY_MARK": "\"\(mark)\""]) { $1 }).get()
            return try StrategyInstance(plugin: plugin, strategyID: "org.zoo.good-a", name: "zoo", parameters: [],
                                        logger: Logger(label: "zoo"))
        }
        for (knob, value, words) in [("ZOO_INSTANCE_SIZE", "16u", "instance table of 16 bytes, ABI 1.0 needs"),
                                     ("ZOO_INSTANCE_MAJOR", "2u", "instance table of ABI major 2, host 1")] {
            let mark = "\(marks)/\(knob)"
            XCTAssertThrowsError(try create([knob: value], mark: mark)) { error in
                XCTAssertTrue("\(error)".contains(words), "\(error)")
                XCTAssertTrue("\(error)".contains("leaked"), "\(error)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: mark), "\(knob): destroy was called")
        }
        // The mark works: a good instance is destroyed when released.
        _ = try create([:], mark: "\(marks)/good")
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(marks)/good"))
    }
}
