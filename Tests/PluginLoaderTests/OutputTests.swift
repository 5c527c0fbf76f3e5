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

/// The lines of a zoo plugin's ZOO_TRACE file (none when it does not exist).
func zooTrace(_ path: String) throws -> [String] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
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

    /// A reason is read up to QUORUM_REASON_MAX bytes and no further (a plugin's buffer may end right there), cut
    /// back to the start of a character the limit splits. The bytes sit at the end of a page followed by an
    /// inaccessible one: a read past them crashes the test.
    func testAReasonIsReadUpToItsLimitAndNoFurther() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let memory = try XCTUnwrap(mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        XCTAssertNotEqual(memory, MAP_FAILED)
        defer { munmap(memory, 2 * page) }
        XCTAssertEqual(mprotect(memory + page, page, PROT_NONE), 0)
        let limit = Int(QUORUM_REASON_MAX)
        let start = (memory + page - limit).assumingMemoryBound(to: CChar.self)
        func read(_ text: [UInt8]) -> String {
            precondition(text.count == limit)
            for (k, byte) in text.enumerated() { start[k] = CChar(bitPattern: byte) }
            return SignalValidation.boundedString(UnsafePointer(start), maxBytes: limit)
        }
        let ascii = [UInt8](repeating: UInt8(ascii: "a"), count: limit)
        XCTAssertEqual(read(ascii), String(repeating: "a", count: limit))
        // "é" (two bytes) split by the limit is left out; a whole one at the end is kept.
        XCTAssertEqual(read(ascii.prefix(limit - 1) + [0xC3]), String(repeating: "a", count: limit - 1))
        XCTAssertEqual(read(ascii.prefix(limit - 2) + [0xC3, 0xA9]), String(repeating: "a", count: limit - 2) + "é")
        // "😀" (four bytes) with three inside the limit.
        XCTAssertEqual(read(ascii.prefix(limit - 3) + [0xF0, 0x9F, 0x98]), String(repeating: "a", count: limit - 3))
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
    /// writes to a trace file here) is never called.
    func testTableTooSmallOrOfAnotherMajorIsLeakedNotDestroyed() throws {
        let marks = try makeTemporaryFolder(self, "quorum-instance")
        func create(_ knobs: [String: String], mark: String) throws -> StrategyInstance {
            let plugin = try loadZoo(self, knobs.merging(["ZOO_TRACE": "\"\(mark)\""]) { $1 }).get()
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
            XCTAssertEqual(try zooTrace(mark), ["init", "deinit"], "\(knob): destroy was called")
        }
        // The trace works: a good instance is destroyed when released.
        _ = try create([:], mark: "\(marks)/good")
        XCTAssertEqual(try zooTrace("\(marks)/good"), ["init", "destroy", "deinit"])
    }
}

/// `get_bars` answers with the codes the header lists, in its order.
final class GetBarsTests: XCTestCase {
    /// Serves one bar of every symbol.
    final class OneBar: SeriesProvider {
        let bars = Columns(price: 100)
        func series(symbol: Int, asOf cursor: Int, limit: Int) -> quorum_series_t? {
            bars.series(endingAt: 0, window: 1)
        }
    }

    /// The plugin checks each answer itself and fails activate or on_bar with -(100 + the check) on a
    /// surprise. Outside on_bar an index out of range was INVALID_ARGUMENT though the call is not allowed there
    /// at all (STATE); a small struct gave BUFFER_TOO_SMALL, which the header did not list.
    func testCodesFollowTheHeader() throws {
        let check = """
            quorum_series_t small; memset(&small, 0, sizeof small); small.struct_size = 8; \
            quorum_series_t view; memset(&view, 0, sizeof view); view.struct_size = sizeof view; \
            if (z->host->get_bars(z->host, 0, NULL) != QUORUM_ERR_INVALID_ARGUMENT) return -101; \
            if (z->host->get_bars(z->host, 0, &small) != QUORUM_ERR_BUFFER_TOO_SMALL) return -102; \
            if (small.struct_size != 8 || small.count != 0) return -103;
            """
        let activate = check + """
             if (z->host->get_bars(z->host, 9, &view) != QUORUM_ERR_STATE) return -104; \
             if (z->host->get_bars(z->host, 0, &view) != QUORUM_ERR_STATE) return -105;
            """
        let onBar = check + """
             if (z->host->get_bars(z->host, 9, &view) != QUORUM_ERR_INVALID_ARGUMENT) return -106; \
             if (view.count != 0) return -107; \
             if (z->host->get_bars(z->host, 0, &view) != QUORUM_OK) return -108; \
             if (view.count != 1 || view.close[0] != 100 || view.struct_size != sizeof view) return -109;
            """
        let plugin = try loadZoo(self, ["ZOO_ACTIVATE_HOOK": activate, "ZOO_ON_BAR_HOOK": onBar]).get()
        let zoo = try StrategyInstance(plugin: plugin, strategyID: "org.zoo.good-a", name: "zoo", parameters: [],
                                       logger: Logger(label: "zoo"))
        let provider = OneBar()
        try zoo.activate(symbols: ["X"], symbolIDs: [0], historyBars: 1, provider: provider)
        let output = zoo.onBar(symbolIndex: 0, series: provider.bars.series(endingAt: 0, window: 1), time: 0,
                               cursor: 0)
        XCTAssertEqual(output.status, QUORUM_OK)
        XCTAssertEqual(output.signals.count, 1)
    }
}
