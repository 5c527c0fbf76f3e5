import Foundation
import Quorum
import QuorumJournal
import QuorumModel
import QuorumTestSupport
import XCTest

/// What `get_bars` shows a strategy is its own declared history, whatever other strategies follow its symbols
/// (the header: "count is at most the history the strategy declared, fewer at the start of the data"). It was
/// the longest history of any strategy on the instance's first symbol, and on its other symbols whatever the
/// buffer still held, which fell back to the buffer's own size at chunk boundaries.
final class HistoryWindowTests: TemporaryFolderTestCase {
    /// org.test.window (or `ID`), declaring `HISTORY` bars on `MINSYM`…2 symbols: on each bar of its first
    /// symbol it reads its second symbol's bars (when it follows two) and signals long with confidence = the
    /// largest count it has seen / 10,000.
    static let source = #"""
    #include "quorum_plugin.h"
    #include "quorum_plugin_support.h"
    #include <stdlib.h>
    #ifndef ID
    #define ID "org.test.window"
    #endif
    #ifndef HISTORY
    #define HISTORY 5
    #endif
    #ifndef MINSYM
    #define MINSYM 2
    #endif

    static const quorum_strategy_descriptor_t desc = {sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR,
       QUORUM_ABI_VERSION_MINOR, HISTORY, ID, "Window", "Test", "1.0", "reads another symbol's bars",
       QUORUM_FEATURE_MULTI_SYMBOL, MINSYM, 2, 0, 0, NULL};
    typedef struct { quorum_strategy_t api; const quorum_host_t *host; uint32_t symbols; uint32_t widest; } inst_t;

    static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *a) {
       ((inst_t *)s->plugin_data)->symbols = a->symbol_count;
       return 0;
    }
    static void deactivate(const quorum_strategy_t *s) { (void)s; }
    static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
       inst_t *i = (inst_t *)s->plugin_data;
       if (e->symbol_index != 0 || i->symbols < 2) return QUORUM_OK;
       quorum_series_t other = {0};
       other.struct_size = sizeof other;
       if (i->host->get_bars(i->host, 1, &other) != QUORUM_OK) return QUORUM_OK;
       if (other.count > i->widest) i->widest = other.count;
       return qps_emit(o, 0, QUORUM_DIRECTION_LONG, i->widest / 10000.0, "widest");
    }
    static int32_t save(const quorum_strategy_t *s, const quorum_ostream_t *o) { (void)s; (void)o; return 0; }
    static int32_t load(const quorum_strategy_t *s, const quorum_istream_t *i) { (void)s; (void)i; return 0; }
    static int32_t create(const quorum_host_t *host, const quorum_param_value_t *p, uint32_t n,
                          const quorum_strategy_t **out) {
       (void)p; (void)n;
       inst_t *i = calloc(1, sizeof *i);
       if (!i) return QUORUM_ERR_NO_MEMORY;
       i->host = host;
       qps_strategy_table(&i->api, &desc, i);
       i->api.activate = activate; i->api.deactivate = deactivate; i->api.on_bar = on_bar;
       i->api.save_state = save; i->api.load_state = load;
       *out = &i->api;
       return QUORUM_OK;
    }
    QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(desc, create, QUORUM_BUILD_TAG_C)
    """#

    func testAStrategySeesItsOwnHistoryWhateverFollowsItsSymbols() throws {
        let plugins = try buildPlugin(Self.source, name: "window", defines: [])
        _ = try buildPlugin(Self.source, name: "long", defines: ["ID=\"org.test.long\"", "HISTORY=3000", "MINSYM=1"])
        func widest(withLong: Bool) throws -> [Double] {
            let long = withLong ? "\n  - {name: long, plugin: org.test.long, symbols: [ORCL]}" : ""
            let yaml = """
            version: 1
            plugins: {dirs: [\(plugins)]}
            data: [{path: \(TestSupport.dataFile("ORCL_1d.csv")), symbol: ORCL},
                   {path: \(TestSupport.dataFile("GOOG_1d.csv")), symbol: GOOG}]
            journal: {level: full}
            strategies:\(long)
              - {name: window, plugin: org.test.window, symbols: [ORCL, GOOG]}
            risk: {sizing: {mode: fixed_quantity, quantity: 1}, limits: none}
            """
            var options = BacktestOptions()
            options.journalPath = "\(folder!)/window-\(withLong).sqlite"
            options.runID = "window"
            _ = try BacktestRunner.run(try TestSupport.workspace(yaml), options: options, logger: TestSupport.logger)
            let window = withLong ? 1 : 0
            return try JournalReader(path: options.journalPath!).records(run: "window", kinds: [.signal]).compactMap {
                guard case .signal(let s) = $0, s.instance == window else { return nil }
                return (s.confidence * 10_000).rounded()
            }
        }
        let alone = try widest(withLong: false), beside = try widest(withLong: true)
        XCTAssertGreaterThan(beside.count, 2_000)   // over 7,184 events: chunks of 4,096, so a chunk boundary
        XCTAssertEqual(beside.max(), 5, "the 5 bars it declared, not the 3,000 of the strategy beside it")
        XCTAssertEqual(beside, alone)
    }
}
