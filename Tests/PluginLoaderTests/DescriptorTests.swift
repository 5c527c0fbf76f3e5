import Foundation
import QuorumPluginAPI
@testable import QuorumPlugins
import XCTest

/// Descriptor fields the loader must bound before anything sizes memory or validates values by them.
final class DescriptorTests: XCTestCase {
    func refusal(_ knobs: [String: String]) throws -> String {
        switch try loadZoo(self, knobs) {
        case .success(let plugin): return "loaded \(plugin.strategies.map(\.id))"
        case .failure(let refusal): return refusal.description
        }
    }

    /// An absurd history aborted the host: the engine allocates that many bars of seven columns per symbol
    /// ("failed to allocate 34359803896 bytes"). Above QUORUM_HISTORY_BARS_MAX the library is refused.
    func testHistoryBarsAboveTheMaximumRefuseTheLibrary() throws {
        XCTAssertEqual(QUORUM_HISTORY_BARS_MAX, 1_000_000)
        let atMost = try loadZoo(self, ["ZOO_HISTORY": "1000000u"]).get()
        XCTAssertEqual(atMost.strategies.map(\.historyBars), [1_000_000, 1])   // the knob sets the first one
        for value in ["1000001u", "4294967295u"] {
            let line = try refusal(["ZOO_HISTORY": value])
            XCTAssertTrue(line.contains("invalid descriptor #0"), line)
            XCTAssertTrue(line.contains("history_bars \(value.dropLast()) is outside [1, 1000000]"), line)
        }
        XCTAssertTrue(try refusal(["ZOO_HISTORY": "0u"]).contains("history_bars 0 is outside [1, 1000000]"))
    }
}
