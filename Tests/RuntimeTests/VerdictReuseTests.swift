import Foundation
import Quorum
import QuorumEngine
import QuorumJudge
import QuorumModel
import XCTest

/// The engine judges a symbol again only when one of the verdict's inputs changed — a stance set, lapsed or
/// cleared by a quarantine, a hedge weight — and otherwise reuses the symbol's last verdict. These runs check
/// that every verdict the engine hands on is the one the judge gives for its inputs, through a plugin whose
/// stances change in every way an input can (org.test.stances, built by the test).
final class VerdictReuseTests: TemporaryFolderTestCase {
    /// Pseudo-random stances from a seed: silent on `silence` percent of the calls; else long, short or flat,
    /// with or without an expiry, now and then for its other symbol (judged at the end of the time step). With
    /// `fail_after` > 0 every call after that many fails, which quarantines the instance.
    static let source = #"""
    #include "quorum_plugin.h"
    #include "quorum_plugin_support.h"
    #include <stdlib.h>

    static const quorum_param_info_t params[] = {
       {1, QUORUM_PARAM_INT, "seed", "pseudo-random seed", 1, 1, 1000000},
       {2, QUORUM_PARAM_INT, "fail_after", "calls before every call fails (0: never)", 0, 0, 1000000},
       {3, QUORUM_PARAM_INT, "silence", "percent of calls that write nothing", 40, 0, 100}};
    static const quorum_strategy_descriptor_t desc = {sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR,
       QUORUM_ABI_VERSION_MINOR, 1, "org.test.stances", "Stances", "Test", "1.0", "changes its stances", 0, 1, 2, 3,
       0, params};
    typedef struct { quorum_strategy_t api; unsigned long long state; long calls, fail_after, silence; } inst_t;

    static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *a) { (void)s; (void)a; return 0; }
    static void deactivate(const quorum_strategy_t *s) { (void)s; }
    static unsigned next(inst_t *i) {
       i->state = i->state * 6364136223846793005ULL + 1442695040888963407ULL;
       return (unsigned)(i->state >> 33);
    }
    static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
       inst_t *i = (inst_t *)s->plugin_data;
       if (i->fail_after > 0 && ++i->calls > i->fail_after) return QUORUM_ERR_GENERIC;
       if ((long)(next(i) % 100) < i->silence) return QUORUM_OK;
       unsigned r = 4 + next(i) % 6, symbol = e->symbol_index;
       if (r == 9) symbol = 1 - symbol;   /* the other symbol (a strategy on one symbol writes nothing) */
       if (r == 9 && symbol > 1) return QUORUM_OK;
       int32_t direction = r == 4 || r == 7 ? QUORUM_DIRECTION_LONG
                         : r == 5 || r == 8 ? QUORUM_DIRECTION_SHORT
                         : r == 9 ? QUORUM_DIRECTION_LONG : QUORUM_DIRECTION_FLAT;
       int32_t status = qps_emit(o, symbol, direction, (next(i) % 100 + 1) / 100.0, "stance");
       if (status == QUORUM_OK && r >= 7) {   /* an expiry of 1 to 3 bars */
          quorum_signal_t *signal = (quorum_signal_t *)((char *)o->signals + (size_t)(o->count - 1) * o->signal_size);
          signal->flags |= QUORUM_SIGNAL_HAS_EXPIRY;
          signal->expiry_bars = 1 + next(i) % 3;
       }
       return status;
    }
    static int32_t save(const quorum_strategy_t *s, const quorum_ostream_t *o) { (void)s; (void)o; return 0; }
    static int32_t load(const quorum_strategy_t *s, const quorum_istream_t *i) { (void)s; (void)i; return 0; }
    static int32_t create(const quorum_host_t *host, const quorum_param_value_t *p, uint32_t n,
                          const quorum_strategy_t **out) {
       (void)host;
       inst_t *i = calloc(1, sizeof *i);
       if (!i) return QUORUM_ERR_NO_MEMORY;
       qps_strategy_table(&i->api, &desc, i);
       i->api.activate = activate; i->api.deactivate = deactivate; i->api.on_bar = on_bar;
       i->api.save_state = save; i->api.load_state = load;
       i->state = (unsigned long long)qps_param(p, n, 1, 1);
       i->fail_after = (long)qps_param(p, n, 2, 0);
       i->silence = (long)qps_param(p, n, 3, 40);
       *out = &i->api;
       return QUORUM_OK;
    }
    QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(desc, create, QUORUM_BUILD_TAG_C)
    """#

    /// Checks each verdict against the judge's own for its inputs (the voters: the inputs of weight > 0).
    final class VerdictCheck: EngineObserver {
        let judge: Judge
        var verdicts = 0, mismatches: [String] = [], weightChanges = 0, quarantines = 0, nonFlat = 0

        init(rules: JudgeRules) { judge = Judge(rules: rules) }

        func verdict(_ verdict: Verdict, symbol: Int, inputs: UnsafeBufferPointer<JudgeInput>, time: Timestamp) {
            verdicts += 1
            if verdict.direction != .flat { nonFlat += 1 }
            let voters = inputs.filter { $0.weight > 0 }
            let expected = voters.withUnsafeBufferPointer { judge.decide($0) }
            if verdict != expected, mismatches.count < 5 {
                mismatches.append("symbol \(symbol) at \(time): \(verdict), the judge gives \(expected) for \(voters)")
            }
        }
        func weights(_ weights: [Double], time: Timestamp) { weightChanges += 1 }
        func quarantined(instance: Int, time: Timestamp) { quarantines += 1 }
    }

    /// Two symbols of `days` daily bars, a random walk each (the same every run).
    private func writeData(days: Int) throws -> String {
        var entries: [String] = []
        var state: UInt64 = 42
        for symbol in ["A", "B"] {
            var price = 100.0
            var rows = ["Date,Open,High,Low,Close,Volume"]
            for day in 0..<days {
                let open = price
                state = state &* 6364136223846793005 &+ 1442695040888963407
                price = max(1, price * (1 + Double(Int((state >> 33) % 61) - 30) / 1000))
                rows.append(String(format: "%04d-%02d-%02d,%.2f,%.2f,%.2f,%.2f,1000000", 2000 + day / 336,
                                   day / 28 % 12 + 1, day % 28 + 1, open, max(open, price) + 0.5,
                                   min(open, price) - 0.5, price))
            }
            let path = "\(folder!)/\(symbol).csv"
            try rows.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            entries.append("{path: \(path), symbol: \(symbol)}")
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }

    /// Runs `strategies` on the two symbols in judge `mode`, checking every verdict.
    private func run(_ strategies: String, mode: JudgeMode) throws -> (VerdictCheck, BacktestResult) {
        let plugins = try buildPlugin(Self.source, name: "stances", defines: [])
        let yaml = """
        version: 1
        plugins: {dirs: [\(plugins)], trust: any}
        data: \(try writeData(days: 700))
        judge: {mode: \(mode.rawValue), quorum: 1, threshold: 0.1}
        strategies:
        \(strategies)
        risk: {sizing: {mode: fraction_of_cash, fraction: 0.3}, limits: none}
        """
        let check = VerdictCheck(rules: JudgeRules(mode: mode, quorum: 1, threshold: 0.1))
        var options = BacktestOptions()
        options.engineObserver = check
        options.chunkSize = 64
        let result = try BacktestRunner.run(try TestSupport.workspace(yaml), options: options, logger: TestSupport.logger)
        XCTAssertEqual(check.mismatches, [], "\(mode)")
        XCTAssertGreaterThan(check.verdicts, 1400, "\(mode)")
        return (check, result)
    }

    /// Stances set, replaced and lapsing on most bars, a quarantine, a strategy that does not vote, and (hedge)
    /// weights that change.
    func testEveryVerdictIsTheJudgesForItsInputs() throws {
        for mode in [JudgeMode.weighted, .vote, .hedge] {
            let (check, result) = try run("""
              - {name: both, plugin: org.test.stances, symbols: [A, B], params: {seed: 7}}
              - {name: on-a, plugin: org.test.stances, symbols: [A], weight: 2, params: {seed: 11}}
              - {name: on-b, plugin: org.test.stances, symbols: [B], weight: 0.5, params: {seed: 13}}
              - {name: quits, plugin: org.test.stances, symbols: [A, B], params: {seed: 17, fail_after: 300}}
              - {name: silent, plugin: org.test.stances, symbols: [A], weight: 0, params: {seed: 19}}
            """, mode: mode)
            XCTAssertGreaterThan(check.nonFlat, 200, "\(mode)")
            XCTAssertEqual(check.quarantines, 1, "\(mode)")
            XCTAssertGreaterThan(result.trades.count, 20, "\(mode)")
            if mode == .hedge { XCTAssertGreaterThan(check.weightChanges, 10) }
        }
    }

    /// A quarantine clears the instance's stances: the verdicts after it are judged without them, though no
    /// other stance changes for many bars (the others are nearly always silent).
    func testAQuarantineChangesTheVerdictsAtOnce() throws {
        let (check, _) = try run("""
          - {name: rarely, plugin: org.test.stances, symbols: [A, B], params: {seed: 7, silence: 98}}
          - {name: quits, plugin: org.test.stances, symbols: [A, B], weight: 3, params: {seed: 17, silence: 0, fail_after: 300}}
        """, mode: .weighted)
        XCTAssertEqual(check.quarantines, 1)
    }
}
