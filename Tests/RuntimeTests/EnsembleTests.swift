import Foundation
import Quorum
import QuorumData
import QuorumModel
import XCTest

/// The ensemble path: faults, quarantine, determinism, several strategies and symbols.
final class EnsembleTests: XCTestCase {
    /// A plugin that fails every on_bar after three good calls, writes NaN confidences, or takes 3 ms a call
    /// (built by the test).
    static let faultyPlugin: String = {
        let source = """
        #define _POSIX_C_SOURCE 200809L
        #include "quorum_plugin.h"
        #include <math.h>
        #include <stdlib.h>
        #include <time.h>
        static const quorum_param_info_t params[] = {{1, QUORUM_PARAM_INT, "mode", "0 fail, 1 NaN, 2 count > capacity, 3 slow", 0, 0, 3}};
        static const quorum_strategy_descriptor_t desc = {sizeof(quorum_strategy_descriptor_t), 1, 0, 1,
            "org.test.faulty", "Faulty", "Test", "1.0", "fails on purpose", 0, 1, 1, 1, 0, params};
        typedef struct { quorum_strategy_t s; double mode; long calls; } inst_t;
        static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *a) { (void)s; (void)a; return 0; }
        static void deactivate(const quorum_strategy_t *s) { (void)s; }
        static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
            inst_t *i = (inst_t *)s->plugin_data; (void)e;
            if (i->mode == 3) {
                struct timespec pause = {0, 3000000};
                nanosleep(&pause, NULL);
                o->signals[0].direction = 1; o->signals[0].confidence = 1; o->count = 1; return 0;
            }
            if (++i->calls <= 3) { o->signals[0].direction = 1; o->signals[0].confidence = 1; o->count = 1; return 0; }
            if (i->mode == 0) return QUORUM_ERR_GENERIC;
            if (i->mode == 2) { o->signals[0].direction = 1; o->signals[0].confidence = 1; o->count = o->capacity + 4; return 0; }
            o->signals[0].direction = 1; o->signals[0].confidence = NAN; o->count = 1; return 0;
        }
        static int32_t save(const quorum_strategy_t *s, const quorum_ostream_t *o) { (void)s; (void)o; return 0; }
        static int32_t load(const quorum_strategy_t *s, const quorum_istream_t *i) { (void)s; (void)i; return 0; }
        static void destroy(const quorum_strategy_t *s) { free(s->plugin_data); }
        static const void *ext(const quorum_strategy_t *s, const char *id) { (void)s; (void)id; return NULL; }
        static uint32_t count(const quorum_strategy_factory_t *f) { (void)f; return 1; }
        static const quorum_strategy_descriptor_t *get(const quorum_strategy_factory_t *f, uint32_t i) { (void)f; return i == 0 ? &desc : NULL; }
        static int32_t create(const quorum_strategy_factory_t *f, const quorum_host_t *h, const char *id,
                              const quorum_param_value_t *p, uint32_t n, const quorum_strategy_t **out) {
            (void)f; (void)h; (void)id;
            inst_t *i = calloc(1, sizeof *i);
            i->s = (quorum_strategy_t){sizeof(quorum_strategy_t), 1, 0, 0, &desc, i, activate, deactivate, on_bar,
                                       save, load, destroy, ext};
            i->mode = n > 0 ? p[0].value : 0;
            *out = &i->s; return 0;
        }
        static const quorum_strategy_factory_t factory = {sizeof(quorum_strategy_factory_t), 1, 0, 0, count, get, create};
        static int32_t init(const char *path) { (void)path; return 0; }
        static void deinit(void) {}
        static const void *get_factory(const char *id) { (void)id; return &factory; }
        static const quorum_plugin_entry_t entry = {sizeof(quorum_plugin_entry_t), 1, 0, 0, QUORUM_BUILD_TAG_C, init, deinit, get_factory};
        QUORUM_EXPORT const quorum_plugin_entry_t *quorum_plugin_entry(const quorum_version_t *v) { return v->major == 1 ? &entry : NULL; }
        """
        let folder = TestSupport.pluginFolder
        let sourcePath = NSTemporaryDirectory() + "faulty-\(getpid()).c"
        try! source.write(toFile: sourcePath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cc", "-std=c11", "-shared", "-fPIC", "-fvisibility=hidden",
                             "-I\(TestSupport.repository)/PluginAPI/include", "-o", "\(folder)/libfaulty.so", sourcePath]
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "cc failed")
        chmod("\(folder)/libfaulty.so", 0o755)
        return "\(folder)/libfaulty.so"
    }()

    private func config(strategies: String, data: String = "[{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}]",
                        judge: String = "{mode: weighted}") -> String {
        _ = EnsembleTests.faultyPlugin
        return """
        version: 1
        plugins: {dirs: [\(TestSupport.pluginFolder)]}
        data: \(data)
        judge: \(judge)
        strategies:
        \(strategies)
        risk: {sizing: {mode: fraction_of_cash, fraction: 0.95}, limits: none}
        """
    }

    /// Mode 2 leaves `count` above `capacity`: that call's signals are not taken (the host clamped the count, and
    /// took the slots it had zeroed as flat signals the plugin never wrote) and it counts as a fault.
    func testFailingPluginIsQuarantinedAfterFiveFaultsAndTheRestGoOn() throws {
        for mode in [0, 1, 2] {
            let yaml = config(strategies: """
              - {name: sma, plugin: org.quorum.sma-cross, symbols: [GOOG]}
              - {name: faulty, plugin: org.test.faulty, symbols: [GOOG], params: {mode: \(mode)}}
            """)
            let result = try BacktestRunner.run(try TestSupport.workspace(yaml), options: BacktestOptions(),
                                                logger: TestSupport.logger)
            let faulty = result.strategies.first { $0.name == "faulty" }!
            XCTAssertEqual(faulty.signals, 3, "mode \(mode)")
            XCTAssertEqual(faulty.faults, 5, "mode \(mode)")
            XCTAssertTrue(faulty.quarantined)
            // The host says so (SPEC §7), with the cause, in the log and the summary.
            let cause = ["on_bar failed with status -1", "confidence nan is not in [0, 1]", "wrote 5 signals, capacity 1"][mode]
            XCTAssertEqual(result.faultLines, ["faulty: 5 fault(s), its output counted as absent (the latest: \(cause)); "
                                               + "quarantined at 2004-08-30: it stopped voting"], "mode \(mode)")
            let sma = result.strategies.first { $0.name == "sma" }!
            XCTAssertEqual(sma.signals, 66)
            XCTAssertFalse(sma.quarantined)
        }
    }

    func testTheResultDoesNotDependOnChunkingOrThreads() throws {
        let yaml = config(
            strategies: """
              - {name: sma, plugin: org.quorum.sma-cross, symbols: [GOOG]}
              - {name: fast-sma, plugin: org.quorum.sma-cross, symbols: [ORCL], params: {fast: 5, slow: 20}}
              - {name: rsi, plugin: org.quorum.rsi-reversion, symbols: [ORCL]}
              - {name: rsi-nvda, plugin: org.quorum.rsi-reversion, symbols: [NVDA]}
              - {name: bands, plugin: org.quorum.bollinger-breakout, symbols: [NVDA]}
              - {name: squeeze, plugin: org.quorum.ttm-squeeze, symbols: [GOOG]}
              - {name: pairs, plugin: org.quorum.pairs, symbols: [GOOG, ORCL], weight: 0.5}
            """,
            data: """
            [{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}, {path: \(TestSupport.dataFile("ORCL_1d.csv")), symbol: ORCL},
             {path: \(TestSupport.dataFile("NVDA_1d.csv")), symbol: NVDA}]
            """)
        var results: [String] = []
        for chunk in [1, 7, 4096] {
            for mode in ["weighted", "vote", "hedge"] where chunk == 4096 || mode == "weighted" {
                let yamlMode = yaml.replacingOccurrences(of: "judge: {mode: weighted}", with: "judge: {mode: \(mode)}")
                var options = BacktestOptions()
                options.chunkSize = chunk
                let result = try BacktestRunner.run(try TestSupport.workspace(yamlMode), options: options,
                                                    logger: TestSupport.logger)
                XCTAssertGreaterThan(result.trades.count, 10, mode)
                XCTAssertTrue(result.strategies.allSatisfy { $0.signals > 0 && $0.faults == 0 }, mode)
                if mode == "weighted" { results.append(result.jsonText()) }
            }
        }
        XCTAssertEqual(Set(results).count, 1, "chunk sizes 1, 7 and 4096 must give the same run")
    }

    /// A backtest counts a slow plugin's signals and says it was slow, in the summary and the log (not in the
    /// JSON, which stays the same from run to run).
    func testASlowPluginIsReported() throws {
        let yaml = config(strategies: """
          - {name: sma, plugin: org.quorum.sma-cross, symbols: [GOOG]}
          - {name: slow, plugin: org.test.faulty, symbols: [GOOG], params: {mode: 3}}
        """, judge: "{mode: weighted, deadline_ms: 1}")
        var options = BacktestOptions()
        options.timeRange = try TimeRange(from: nil, to: "2004-09-30")
        let result = try BacktestRunner.run(try TestSupport.workspace(yaml), options: options, logger: TestSupport.logger)
        let slow = try XCTUnwrap(result.strategies.first { $0.name == "slow" })
        XCTAssertEqual(slow.signals, result.events, "its signals count")
        XCTAssertEqual(slow.slowChunks, 1)
        XCTAssertGreaterThan(slow.meanCallNanoseconds, 2_900_000)
        XCTAssertEqual(result.strategies.first { $0.name == "sma" }?.slowChunks, 0)
        XCTAssertEqual(result.slowStrategyLines.count, 1)
        XCTAssertTrue(result.slowStrategyLines[0].hasPrefix("slow was slow: its calls took "), result.slowStrategyLines[0])
        XCTAssertTrue(result.slowStrategyLines[0].contains("over the 1 ms deadline, in 1 chunk(s)"), result.slowStrategyLines[0])
        XCTAssertFalse(result.jsonText().contains("slow_chunks"), "the JSON holds only what the run decides, not timings")
    }

    func testShadowModeStrategyIsTrackedButDoesNotVote() throws {
        let yaml = config(strategies: """
          - {name: sma, plugin: org.quorum.sma-cross, symbols: [GOOG], weight: 0}
        """)
        let result = try BacktestRunner.run(try TestSupport.workspace(yaml), options: BacktestOptions(),
                                            logger: TestSupport.logger)
        XCTAssertEqual(result.trades.count, 0)
        XCTAssertEqual(result.finalEquity, Money(units: 100_000))
        XCTAssertEqual(result.strategies[0].shadowTrades, 32)
        XCTAssertEqual(result.strategies[0].shadowEquity.doubleValue, 543_295.79, accuracy: 1e-6)
    }

    func testTimeRangeAndOverrides() throws {
        let workspace = try TestSupport.workspace(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
        var options = BacktestOptions()
        options.timeRange = try TimeRange(from: "2010-01-01", to: "2010-12-31")
        options.data = [(path: TestSupport.dataFile("GOOG_1d.csv"), symbol: "GOOG")]
        let result = try BacktestRunner.run(workspace, options: options, logger: TestSupport.logger)
        XCTAssertEqual(result.events, 252)
        XCTAssertTrue(result.trades.allSatisfy { Timestamps.format($0.entryTime, .date).hasPrefix("2010") })
    }

    /// A range that no bar falls in (a typo in a year) runs, empty, and says so.
    func testARangeWithoutBarsIsWarnedAbout() throws {
        let workspace = try TestSupport.workspace(TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30))
        var options = BacktestOptions()
        options.timeRange = try TimeRange(from: "2030-01-01", to: nil)
        let captured = CapturedWarnings()
        let result = try BacktestRunner.run(workspace, options: options, logger: captured.logger)
        XCTAssertEqual(result.events, 0)
        XCTAssertTrue(captured.messages.contains { $0.contains("no bar of the data falls in --from 2030-01-01") },
                      "\(captured.messages)")
        let all = CapturedWarnings()
        _ = try BacktestRunner.run(workspace, options: BacktestOptions(), logger: all.logger)
        XCTAssertFalse(all.messages.contains { $0.contains("no bar") }, "\(all.messages)")
    }

    /// A symbol without a bar in the run, beside others that have some, is warned about: its strategies ran on
    /// nothing (a review: a header-only file, or one wholly outside --from/--to, went unsaid).
    func testASymbolWithoutABarInTheRunIsWarnedAbout() throws {
        let goog = TestSupport.smaConfig(file: "GOOG_1d.csv", symbol: "GOOG", fast: 10, slow: 30)
        let yaml = goog.replacingOccurrences(of: "data: [{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}]",
                                             with: "data: [{path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}, "
                                                 + "{path: \(TestSupport.dataFile("ORCL_1d.csv")), symbol: ORCL}]")
        XCTAssertNotEqual(yaml, goog)
        let workspace = try TestSupport.workspace(yaml)
        var options = BacktestOptions()
        options.timeRange = try TimeRange(from: nil, to: "2004-01-01")   // GOOG_1d.csv starts in August 2004
        let captured = CapturedWarnings()
        let result = try BacktestRunner.run(workspace, options: options, logger: captured.logger)
        XCTAssertGreaterThan(result.events, 0)
        XCTAssertEqual(captured.messages.filter { $0.contains("no bar") },
                       ["no bar of GOOG in --to 2004-01-01: its strategies had nothing to act on"])
        let all = CapturedWarnings()
        _ = try BacktestRunner.run(workspace, options: BacktestOptions(), logger: all.logger)
        XCTAssertFalse(all.messages.contains { $0.contains("no bar") }, "\(all.messages)")
    }
}
