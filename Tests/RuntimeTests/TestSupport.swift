import Foundation
import Logging
import Quorum
import QuorumData
import QuorumExecution
import QuorumJournal
import QuorumModel
import QuorumTestSupport
import XCTest

/// Paths and helpers shared by the engine tests.
enum TestSupport {
    static let repository = Repository.root

    static func dataFile(_ name: String) -> String { Repository.data(name) }
    static func fixture(_ name: String) -> String { Repository.fixture(name) }

    /// The folder holding the plugin libraries `swift build` produced.
    static let buildFolder = BuildProducts.folder ?? "\(repository)/.build/debug"

    /// A private plugin folder (0755) holding copies of the built reference plugins.
    static let pluginFolder: String = {
        let folder = NSTemporaryDirectory() + "quorum-engine-tests-\(getpid())/plugins"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o755])
        let names = (try? FileManager.default.contentsOfDirectory(atPath: buildFolder)) ?? []
        for name in names where name.hasPrefix("libQuorum") && name.hasSuffix(".so") {
            let target = "\(folder)/\(name)"
            try? FileManager.default.removeItem(atPath: target)
            try? FileManager.default.copyItem(atPath: "\(buildFolder)/\(name)", toPath: target)
            chmod(target, 0o755)
        }
        return folder
    }()

    static let logger: Logger = {
        var logger = Logger(label: "quorum-tests") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }()

    /// Writes `yaml` to a temporary config file and loads it with the reference plugins.
    static func workspace(_ yaml: String) throws -> Workspace {
        let folder = NSTemporaryDirectory() + "quorum-engine-tests-\(getpid())"
        let path = "\(folder)/config-\(UUID().uuidString).yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try Workspace.load(configPath: path, environment: ["HOME": folder], logger: logger).get()
    }

    /// The one-strategy SMA-cross configuration of the backtrader oracle.
    static func smaConfig(file: String, symbol: String, fast: Int, slow: Int) -> String {
        """
        version: 1
        plugins: {dirs: [\(pluginFolder)]}
        data: [{path: \(dataFile(file)), symbol: \(symbol)}]
        starting_cash: 100000
        strategies:
          - {name: sma, plugin: org.quorum.sma-cross, symbols: [\(symbol)], params: {fast: \(fast), slow: \(slow)}}
        risk: {sizing: {mode: fraction_of_cash, fraction: 0.95}, limits: none}
        """
    }

    /// Every bar of a bundled file.
    static func bars(_ file: String) throws -> [Bar] {
        var reader = try CSVBarReader(path: dataFile(file))
        var bars: [Bar] = []
        while let bar = try reader.next() { bars.append(bar) }
        return bars
    }
}

/// Collects the equity curve.
final class EquityRecorder: EquityObserver {
    var points: [(time: Timestamp, equity: Money)] = []
    func equity(_ equity: Money, cash: Money, exposure: Money, at time: Timestamp) { points.append((time, equity)) }
}

/// A test case with a fresh temporary folder for each test (`folder`), removed after it.
class TemporaryFolderTestCase: XCTestCase {
    private(set) var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "quorum-\(type(of: self))-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// Builds the C plugin `source` with `defines` as `plugins/lib<name>.so` in this test's folder (mode 0755)
    /// and returns the plugins folder.
    func buildPlugin(_ source: String, name: String, defines: [String]) throws -> String {
        _ = TestSupport.pluginFolder   // makes the folder TestSupport.workspace writes into
        let plugins = folder + "/plugins"
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try compilePlugin(source: source, output: "\(plugins)/lib\(name).so", scratch: folder,
                          extraFlags: defines.map { "-D\($0)" })
        return plugins
    }
}

/// Collects the warnings (or the messages from `level` up) logged through ``logger``.
final class CapturedWarnings: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    private let level: Logger.Level

    init(level: Logger.Level = .warning) { self.level = level }

    var messages: [String] { lock.withLock { collected } }

    var logger: Logger {
        Logger(label: "captured") { _ in Handler(owner: self, logLevel: self.level) }
    }

    private struct Handler: LogHandler {
        let owner: CapturedWarnings
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            owner.lock.withLock { owner.collected.append("\(event.message)") }
        }
    }
}

extension TemporaryFolderTestCase {
    /// Backtests `yaml` with its journal at `journal.sqlite` in the test's folder (level `level`, run `runID`);
    /// the result and the journal's path.
    func backtest(_ yaml: String, level: JournalLevel? = nil, runID: String = "test-run") throws
        -> (BacktestResult, String) {
        let workspace = try TestSupport.workspace(yaml)
        var options = BacktestOptions()
        options.journalPath = "\(folder!)/journal.sqlite"
        options.journalLevel = level
        options.runID = runID
        return (try BacktestRunner.run(workspace, options: options, logger: TestSupport.logger), options.journalPath!)
    }
}
