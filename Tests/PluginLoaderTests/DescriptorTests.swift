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

    /// A BOOL parameter's default and bounds are 0 or 1: a default of 5 was accepted, and created instances with
    /// a value no configuration could give.
    func testBoolParameterOutsideZeroAndOneRefusesTheLibrary() throws {
        func param(_ def: String, _ min: String, _ max: String) -> [String: String] {
            ["ZOO_PARAM": "{1, QUORUM_PARAM_BOOL, \"flag\", \"a flag\", \(def), \(min), \(max)}"]
        }
        for (def, min, max) in [("5", "0", "10"), ("1", "0", "2"), ("0", "-1", "1")] {
            let line = try refusal(param(def, min, max))
            XCTAssertTrue(line.contains("parameter 'flag' is a bool but has a bound or default outside {0, 1}"), line)
        }
        for (def, min, max) in [("0", "0", "1"), ("1", "1", "1"), ("0", "0", "0")] {
            let plugin = try loadZoo(self, param(def, min, max)).get()
            XCTAssertEqual(plugin.strategies[0].parameters.map(\.kind), [.bool])
        }
    }
}
