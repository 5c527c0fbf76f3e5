import QuorumConfig
import QuorumData
@testable import QuorumFuzzTargets
import QuorumModel
import XCTest

/// Replays the fuzz corpus (`Fuzz/corpus/<target>`: the seeds and every input a fuzzing run found wrong, once
/// fixed) through the fuzz targets in the ordinary build, so that what was fixed stays fixed.
final class CorpusReplayTests: XCTestCase {
    private static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    private var scratch: String!

    override func setUp() {
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("quorum-fuzz-replay-\(UUID().uuidString).csv").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    func testEveryTargetHasSeeds() throws {
        for target in FuzzTarget.allCases {
            XCTAssertFalse(try inputs(of: target).isEmpty, "Fuzz/corpus/\(target.rawValue) has no inputs")
        }
    }

    func testCSVCorpus() throws { try replay(.csv) }
    func testConfigCorpus() throws { try replay(.config) }
    func testNumbersCorpus() throws { try replay(.numbers) }

    /// The checks can fail: each reports a broken property handed to it.
    func testTheCSVCheckReportsEachBrokenProperty() {
        func bar(_ time: Timestamp, low: Int64 = 9, high: Int64 = 11, volume: Double = 100) -> Bar {
            Bar(time: time, open: Price(raw: 10), high: Price(raw: high), low: Price(raw: low), close: Price(raw: 10),
                volume: volume)
        }
        let good = CSVFuzz.Outcome(bars: [bar(1), bar(2)])
        XCTAssertEqual(CSVFuzz.check(good, good, chunkSize: 3, lineLengths: [36, 30, 30]), [])

        let cases: [(CSVFuzz.Outcome, String)] = [
            (CSVFuzz.Outcome(bars: [bar(2), bar(1)]), "bar times not increasing"),
            (CSVFuzz.Outcome(bars: [bar(1, low: 12)]), "low and high do not hold it"),
            (CSVFuzz.Outcome(bars: [bar(1, low: -1)]), "price that is not positive"),
            (CSVFuzz.Outcome(bars: [bar(1, volume: .nan)]), "volume"),
            (CSVFuzz.Outcome(error: BarDataError(file: "f", line: 4, column: 1, problem: .invalidNumber,
                                                 message: "bad")), "names line 4 of a file of 3 lines"),
            (CSVFuzz.Outcome(error: BarDataError(file: "f", line: 2, column: 32, problem: .invalidNumber,
                                                 message: "bad")), "names column 32 of a line of 30 bytes"),
        ]
        for (outcome, expected) in cases {
            let findings = CSVFuzz.check(outcome, outcome, chunkSize: 3, lineLengths: [36, 30, 30])
            XCTAssertEqual(findings.count, 1, expected)
            XCTAssertTrue(findings.first?.contains(expected) ?? false, "\(findings) lacks \(expected)")
        }
        let differing = CSVFuzz.check(good, CSVFuzz.Outcome(bars: [bar(1)]), chunkSize: 3, lineLengths: [36, 30, 30])
        XCTAssertEqual(differing, ["chunk size 3 read 1 bars, error none, 0 skipped, 64 KiB read 2 bars, error none, 0 skipped"])
    }

    func testTheConfigCheckReportsEachBrokenProperty() {
        let error = ConfigDiagnostic(file: "f", line: 2, column: 1, message: "bad")
        XCTAssertEqual(ConfigFuzz.check([error], failed: true, lineCount: 3), [])
        XCTAssertEqual(ConfigFuzz.check([], failed: true, lineCount: 3), ["loading failed without an error"])
        XCTAssertEqual(ConfigFuzz.check([error], failed: false, lineCount: 3),
                       ["a loaded configuration carries an error: f:2:1: bad"])
        XCTAssertEqual(ConfigFuzz.check([ConfigDiagnostic(file: "f", line: 5, column: 0, message: "")], failed: true,
                                        lineCount: 3),
                       ["f:5:0:  names line 5 of 3", "f:5:0:  names column 0", "a diagnostic without a message at 5:0"])
    }

    private func replay(_ target: FuzzTarget) throws {
        let files = try inputs(of: target)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            let findings = target.findings(for: bytes, scratch: scratch)
            XCTAssertEqual(findings, [], "\(target.rawValue)/\(file.lastPathComponent)")
        }
    }

    private func inputs(of target: FuzzTarget) throws -> [URL] {
        let folder = Self.corpus.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
