import Foundation
import Quorum
import QuorumEngine
import QuorumModel
import QuorumTestSupport
import XCTest

/// What the engine takes from a plugin's output, through real runs of a C plugin built by the test
/// (org.test.output, 1 to 100 symbols; macros of `source` change what its on_bar writes).
final class PluginOutputTests: TemporaryFolderTestCase {
    static let source = #"""
    #include "quorum_plugin.h"
    #include "quorum_plugin_support.h"
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>

    static const quorum_strategy_descriptor_t desc = {sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR,
       QUORUM_ABI_VERSION_MINOR, 1, "org.test.output", "Output", "Test", "1.0", "writes test output", 0, 1, 100,
       0, 0, NULL};
    typedef struct { quorum_strategy_t api; long calls; char reason[32]; } inst_t;

    static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *a) { (void)s; (void)a; return 0; }
    static void deactivate(const quorum_strategy_t *s) { (void)s; }
    static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
       inst_t *i = (inst_t *)s->plugin_data;
       /* The reason lives in the instance and is rewritten by every call: valid until the next one. */
       snprintf(i->reason, sizeof i->reason, "call %ld", ++i->calls);
       int32_t status = qps_emit(o, e->symbol_index, QUORUM_DIRECTION_LONG, 1, i->reason);
    #ifdef DUPLICATE_FROM
       if (status == QUORUM_OK && e->symbol_index >= DUPLICATE_FROM) {
          o->signals[o->count] = o->signals[o->count - 1];
          o->count++;
       }
    #endif
    #ifdef SCRIBBLE_OUTPUT
       /* Leaves the output's room unusable for a later call that trusted it. */
       o->signals = NULL; o->signal_size = 0; o->capacity = 0; o->struct_size = 0;
    #endif
       return status;
    }
    """# + singleStrategyPluginTail

    /// Signals and faults as the engine reports them.
    final class Recorder: EngineObserver {
        var signals: [(symbol: Int, reason: String?)] = []
        var faults: [String] = []
        var quarantines = 0
        func signal(_ signal: Signal, instance: Int, symbol: Int, time: Timestamp) {
            signals.append((symbol, signal.reason))
        }
        func fault(_ fault: SignalFault, instance: Int, time: Timestamp) { faults.append(fault.description) }
        func quarantined(instance: Int, time: Timestamp) { quarantines += 1 }
    }

    /// Runs org.test.output, built with `defines`, on `symbols` symbols of `days` daily bars each.
    func run(defines: [String] = [], symbols: Int, days: Int) throws -> Recorder {
        let plugins = try buildPlugin(PluginOutputTests.source, name: "output", defines: defines)
        var data: [String] = []
        for k in 0..<symbols {
            let rows = (1...days).map { String(format: "2020-01-%02d,10,11,9,10,1000", $0) }
            let path = "\(folder!)/S\(k).csv"
            try (["Date,Open,High,Low,Close,Volume"] + rows).joined(separator: "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
            data.append("{path: \(path), symbol: S\(k)}")
        }
        let yaml = """
        version: 1
        plugins: {dirs: [\(plugins)]}
        data: [\(data.joined(separator: ", "))]
        strategies:
          - {name: out, plugin: org.test.output, symbols: [\((0..<symbols).map { "S\($0)" }.joined(separator: ", "))]}
        risk: {sizing: {mode: fraction_of_cash, fraction: 0.95}, limits: none}
        """
        let recorder = Recorder()
        var options = BacktestOptions()
        options.engineObserver = recorder
        _ = try BacktestRunner.run(try TestSupport.workspace(yaml), options: options, logger: TestSupport.logger)
        return recorder
    }

    /// The header lets a reason live in an instance buffer until the next call into the instance, so the host
    /// must copy it before that call: each signal keeps the reason of its own call.
    func testReasonInAnInstanceBufferIsCopiedBeforeTheNextCall() throws {
        let recorder = try run(symbols: 1, days: 20)
        XCTAssertEqual(recorder.faults, [])
        XCTAssertEqual(recorder.signals.map(\.reason), (1...20).map { "call \($0)" })
    }

    /// The host sets every field of the output before each call: a plugin that scribbled over the fields (its
    /// room, the signal size) on one call still gets a usable output on the next (it would write through a null
    /// pointer otherwise).
    func testTheOutputIsWholeOnEveryCall() throws {
        let recorder = try run(defines: ["SCRIBBLE_OUTPUT"], symbols: 1, days: 5)
        XCTAssertEqual(recorder.faults, [])
        XCTAssertEqual(recorder.signals.map(\.reason), (1...5).map { "call \($0)" })
    }

    /// Two signals for one symbol in one call went undetected from the 65th symbol on (a 64-bit mask); the ABI
    /// allows more symbols (this plugin takes up to 100). From slot 64 on the plugin writes each signal twice:
    /// every such call is a fault, and five in a row quarantine the instance.
    func testDuplicateSignalForASymbolPastTheSixtyFourthIsAFault() throws {
        let recorder = try run(defines: ["DUPLICATE_FROM=64"], symbols: 70, days: 3)
        XCTAssertEqual(recorder.faults, (64..<69).map { "two signals for symbol index \($0) in one call" })
        XCTAssertEqual(recorder.quarantines, 1)
        XCTAssertEqual(recorder.signals.map(\.symbol), Array(0..<69), "the first of each pair is taken")
    }
}
