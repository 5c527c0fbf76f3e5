import Foundation
import Quorum
import QuorumData
import QuorumModel
import QuorumPlugins
import QuorumTestSupport
import XCTest

/// `quorum new strategy NAME --lang c|swift` writes a skeleton that builds with `make` and passes
/// `quorum plugins validate` unchanged; the reference plugins pass it too.
final class SkeletonTests: XCTestCase {
    private func samples() throws -> [(symbol: String, bars: [Bar])] {
        try [("GOOG", TestSupport.bars("GOOG_1d.csv")), ("ORCL", TestSupport.bars("ORCL_1d.csv"))]
    }

    /// The checks of `file`; each was also said as it was made, in the same order (`plugins validate` prints
    /// them so, so that a plugin crashing the process in a check leaves the checks before it on the screen).
    private func conformance(_ file: String) throws -> [ConformanceCheck] {
        var checker = PluginConformance(samples: try samples(),
                                        copyFolder: NSTemporaryDirectory() + "quorum-skeleton-copies-\(getpid())",
                                        logger: TestSupport.logger)
        var said: [String] = []
        checker.onCheck = { said.append($0.description) }
        let checks = checker.check(file: file)
        XCTAssertEqual(said, checks.map(\.description), file)
        return checks
    }

    private func make(_ folder: String, _ variables: [String] = []) throws -> (status: Int32, output: String) {
        try runCommand(["make", "-C", folder] + variables)
    }

    func testSkeletonsBuildWithOneCommandAndPassValidation() throws {
        let folder = NSTemporaryDirectory() + "quorum-skeletons-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        // "int" made a Swift class Int in a module Int, which did not compile: the class and module are suffixed.
        for (language, name) in [(StrategySkeleton.Language.c, "my-c-idea"), (.swift, "int")] {
            let skeleton = try StrategySkeleton(name: name, language: language, sdk: TestSupport.repository)
            let path = try skeleton.write(into: folder)
            let (status, output) = try make(path)
            XCTAssertEqual(status, 0, output)
            let checks = try conformance("\(path)/\(skeleton.libraryName)")
            XCTAssertEqual(checks.filter { !$0.passed }.map(\.description), [], language.rawValue)
            XCTAssertGreaterThanOrEqual(checks.count, 10)
            XCTAssertThrowsError(try skeleton.write(into: folder), "an existing folder is never overwritten")
        }
        // Names the loader would refuse as an id ("org.example.edge-"), or too long for it; a checkout with blanks.
        for bad in ["9lives", "edge-", "edge_", String(repeating: "x", count: StrategySkeleton.maxNameLength + 1)] {
            XCTAssertThrowsError(try StrategySkeleton(name: bad, language: .c, sdk: TestSupport.repository), bad)
        }
        for sdk in ["/tmp/with blank", "/tmp/a#b", "/tmp/a:b", "/tmp/a$b"] {
            XCTAssertThrowsError(try StrategySkeleton(name: "ok", language: .c, sdk: sdk), sdk)
        }
    }

    /// Closes at the top of the host's price range (up to 91 billion; the host's prices end at ~92 billion): the
    /// skeletons' exact sums of a 20-bar window reach ~1.8e21 units of 1e-8, beyond 64 bits. The Swift skeleton
    /// trapped there (a Swift trap ends the host's process); the C one overflowed a signed integer, undefined
    /// behaviour, which a build with UBSan turns into an abort.
    func testSkeletonsRunAtTheTopOfThePriceRange() throws {
        let folder = NSTemporaryDirectory() + "quorum-skeletons-range-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let day: Timestamp = 86_400_000_000_000
        // Around 90 billion, crossing its average both ways.
        let steps: [Int64] = [0, 1, 2, 3, -4, -5, -6]
        var bars: [Bar] = []
        for i in 0..<120 {
            let close = Price(raw: (90_000_000_000 + steps[i % 7] * 100_000_000) * 100_000_000)
            let time: Timestamp = 1_700_006_400_000_000_000 + Int64(i) * day
            bars.append(Bar(time: time, open: close, high: close, low: close, close: close, volume: 1_000))
        }
        let conformance = PluginConformance(samples: [("TOP", bars)],
                                            copyFolder: folder + "/copies", logger: TestSupport.logger)
        for language in StrategySkeleton.Language.allCases {
            let skeleton = try StrategySkeleton(name: "top-\(language.rawValue)", language: language,
                                                sdk: TestSupport.repository)
            let path = try skeleton.write(into: folder)
            let sanitized = ["CFLAGS=-std=c11 -O2 -Wall -Wextra -Werror -fsanitize=undefined -fno-sanitize-recover=all"]
            let (status, output) = try make(path, language == .c ? sanitized : [])
            XCTAssertEqual(status, 0, output)
            let checks = conformance.check(file: "\(path)/\(skeleton.libraryName)")
            XCTAssertEqual(checks.filter { !$0.passed }.map(\.description), [], language.rawValue)
            // The strategy still works there: its close crosses its average both ways.
            XCTAssertTrue(checks.contains { $0.passed && $0.name.contains("well-formed") && !$0.detail.hasPrefix("0 ") },
                          "\(checks)")
        }
    }

    func testEveryReferencePluginPassesTheConformanceChecker() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestSupport.buildFolder)
            .filter { $0.hasPrefix("libQuorum") && $0.hasSuffix(".so") }.sorted()
        XCTAssertEqual(names.count, 7)
        for name in names {
            let checks = try conformance("\(TestSupport.buildFolder)/\(name)")
            XCTAssertEqual(checks.filter { !$0.passed }.map(\.description), [], name)
        }
    }

    func testTheConformanceCheckerFailsABrokenPlugin() throws {
        let folder = NSTemporaryDirectory() + "quorum-broken-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        let path = "\(folder)/libnot-a-plugin.so"
        try "not an ELF file".write(toFile: path, atomically: true, encoding: .utf8)
        let checks = try conformance(path)
        XCTAssertTrue(checks.contains { !$0.passed && $0.description.contains("not a shared library") })
    }

    /// A state that load_state ignores fails the round trip, saying where the resumed instance first differs
    /// from the uninterrupted one and how (the check's text was the same as a pass's: a review).
    func testAStateRoundTripFailureSaysWhereTheOutputsDiffer() throws {
        let source = singleStrategyPluginHead(id: "org.test.counter", summary: "long on every 7th bar",
                                              fields: "long bars;") + #"""
        static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
           (void)e;
           inst_t *i = (inst_t *)s->plugin_data;
           if (++i->bars % 7 == 0) return qps_emit(o, 0, QUORUM_DIRECTION_LONG, 1, "seventh");
           return QUORUM_OK;
        }
        static int32_t save(const quorum_strategy_t *s, const quorum_ostream_t *o) {
           return o->write(o, &((inst_t *)s->plugin_data)->bars, sizeof(long));
        }
        static int32_t load(const quorum_strategy_t *s, const quorum_istream_t *i) { (void)s; (void)i; return 0; }
        """# + singleStrategyPluginEntry
        let folder = NSTemporaryDirectory() + "quorum-counter-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try compilePlugin(source: source, output: "\(folder)/libcounter.so", scratch: folder)
        let checks = try conformance("\(folder)/libcounter.so")
        let roundTrip = try XCTUnwrap(checks.first { $0.name.hasSuffix("save_state / load_state continues identically") })
        XCTAssertFalse(roundTrip.passed)
        XCTAssertTrue(roundTrip.detail.contains("; from sample bar"), roundTrip.detail)
        XCTAssertTrue(roundTrip.detail.contains("where the uninterrupted run gave"), roundTrip.detail)
        XCTAssertTrue(roundTrip.detail.contains("symbol 0: long 1.0 \"seventh\""), roundTrip.detail)
        XCTAssertEqual(checks.filter { !$0.passed }.count, 1, "\(checks.filter { !$0.passed })")
    }
}
