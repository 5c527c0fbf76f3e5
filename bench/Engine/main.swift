// QuorumBenchEngine — engine throughput benchmark (SPEC §13).
//
// Builds the Engine directly (as BacktestRunner does: PluginLoader → StrategyInstance → EngineInstance →
// Engine with an ExecutionStage and one shadow per instance), streams a seeded SyntheticBars series through
// MergedFeed (no CSV), and times `engine.run` alone.
//
// Usage:
//   QuorumBenchEngine --plugins DIR [--repeats R]         every case, each in its own child process (peak RSS
//                                                         is per process), R times (default 1), then a summary
//                                                         of each case's best run
//   QuorumBenchEngine --plugins DIR --case one|all --bars N [--limits on|off]   one case in this process;
//                                                         `--limits on` runs the risk core with every hard limit
//                                                         at its default (stop-losses on every entry)
//   ... --journal off|summary|decisions|full              also journal the run (SQLite in a temp folder);
//                                                         the time includes closing the journal
//   ... --keep-journal PATH                               write the journal to PATH and keep it
//   QuorumBenchEngine --write-csv PATH --bars N           writes N synthetic 1-minute bars (seed 42) as CSV
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import Quorum
import QuorumData
import QuorumEngine
import QuorumExecution
import QuorumJudge
import QuorumModel
import QuorumPlugins
import QuorumRisk
import QuorumConfig
import QuorumJournal

let barStep: Int64 = 60 * 1_000_000_000
/// Per-bar volatility of the walk: 0.1% per 1-minute bar keeps prices (and Money = price × shares) in range
/// over millions of bars; at 1% the walk reaches prices where position values overflow Int64 fixed point.
let volatility = 0.001
/// 2000-01-01T00:00:00Z in nanoseconds. 1-barStep steps keep 5M+ bars inside Int64 nanoseconds.
let start: Timestamp = 946_684_800 * 1_000_000_000

func fail(_ message: String) -> Never {
    FileHandle.standardError.write("QuorumBenchEngine: \(message)\n".data(using: .utf8)!)
    exit(2)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Peak resident set size of this process (VmHWM), in kB.
func peakRSSkB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

// MARK: Arguments

var options: [String: String] = [:]
do {
    var args = CommandLine.arguments.dropFirst()
    while let key = args.popFirst() {
        guard key.hasPrefix("--"), let value = args.popFirst() else { fail("bad argument \(key)") }
        options[String(key.dropFirst(2))] = value
    }
}
guard let bars = Int(options["bars"] ?? "5000000") else { fail("--bars takes an integer") }

if let path = options["write-csv"] {
    let t0 = now()
    let written = try SyntheticBars(seed: 42, count: bars, start: start, step: barStep, volatility: volatility).writeCSV(to: path)
    print(String(format: "wrote %d bars to %@ in %.2f s", written, path, now() - t0))
    exit(0)
}

guard let pluginDir = options["plugins"] else { fail("--plugins DIR is required") }

// MARK: Driver: every case in its own process

guard let caseName = options["case"] else {
    let runs: [(String, Int, String, String)] = [
        ("src", bars, "off", "off"), ("one", 1_000_000, "off", "off"), ("one", bars, "off", "off"),
        ("one", bars, "on", "off"), ("all", bars, "off", "off"), ("all", bars, "on", "off"),
        ("one", bars, "on", "summary"), ("one", bars, "on", "decisions"), ("one", bars, "on", "full"),
        ("all", bars, "on", "summary"), ("all", bars, "on", "decisions"), ("all", bars, "on", "full")]
    guard let repeats = Int(options["repeats"] ?? "1"), repeats > 0 else { fail("--repeats takes a positive integer") }
    /// The bars/s figure of a RESULT line.
    func rate(_ line: String) -> Double {
        guard let range = line.range(of: #"[0-9]+ bars/s"#, options: .regularExpression) else { return 0 }
        return Double(line[range].split(separator: " ")[0]) ?? 0
    }
    /// Runs one case in a child process, echoes its output, and returns its RESULT line.
    func runChild(_ name: String, _ count: Int, _ limits: String, _ journal: String) -> String {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = ["--plugins", pluginDir, "--case", name, "--bars", String(count), "--limits", limits,
                           "--journal", journal]
        let pipe = Pipe()
        child.standardOutput = pipe
        do { try child.run() } catch { fail("cannot start a child: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        let out = String(decoding: data, as: UTF8.self)
        print(out, terminator: "")
        guard child.terminationStatus == 0,
              let result = out.split(separator: "\n").last(where: { $0.hasPrefix("RESULT") })
        else { fail("case \(name) \(count) failed") }
        return String(result)
    }
    var lines: [String] = []
    for (name, count, limits, journal) in runs {
        let results = (0..<repeats).map { _ in runChild(name, count, limits, journal) }
        lines.append(results.max { rate($0) < rate($1) }!)
    }
    print("\nengine throughput (engine.run only, synthetic 1-minute bars, seed 42; best of \(repeats)):")
    for line in lines { print("BEST" + line.dropFirst(6)) }
    exit(0)
}

// MARK: One case

if caseName == "src" {
    // Timing split: the synthetic feed alone (SyntheticBars → MergedFeed), no engine.
    var feed = MergedFeed([(symbol: "SYN", stream: SyntheticBars(seed: 42, count: bars, start: start, step: barStep,
                                                                 volatility: volatility))])
    let t0 = now()
    var n = 0
    var checksum: Int64 = 0
    while let event = try feed.next() { n += 1; checksum &+= event.bar.close.raw }
    let seconds = now() - t0
    print(String(format: "case src: %d bars, %.3f s, checksum %lld", n, seconds, checksum))
    print(String(format: "RESULT src  0 strategies (0 instances) %9d bars: %12.0f bars/s   peak RSS %7.1f MB",
                 n, Double(n) / seconds, Double(peakRSSkB()) / 1024))
    exit(0)
}

var logger = Logger(label: "bench")
logger.logLevel = .warning
let loader = PluginLoader(options: PluginLoaderOptions(folders: [pluginDir], trust: .strict,
                                                       environment: ProcessInfo.processInfo.environment))
let catalog = loader.loadAll()
for refusal in catalog.refusals { logger.warning("\(refusal)") }

func makeInstance(_ id: String, name: String, symbols: [Int], params: [String: Double] = [:]) -> EngineInstance {
    guard let (plugin, descriptor) = catalog.strategy(id) else { fail("no loaded plugin provides \(id)") }
    let parameters = descriptor.parameters.map { (id: $0.id, value: params[$0.key] ?? $0.defaultValue) }
    do {
        let instance = try StrategyInstance(plugin: plugin, strategyID: id, name: name, parameters: parameters,
                                            logger: logger)
        return EngineInstance(instance: instance, symbols: symbols, weight: 1)
    } catch {
        fail("\(error)")
    }
}

var instances: [EngineInstance] = []
var feed: MergedFeed<SyntheticBars>
switch caseName {
case "one":
    instances = [makeInstance("org.quorum.sma-cross", name: "sma-10-30", symbols: [0],
                              params: ["fast": 10, "slow": 30])]
    feed = MergedFeed([(symbol: "SYN", stream: SyntheticBars(seed: 42, count: bars, start: start, step: barStep, volatility: volatility))])
case "all":
    // Two symbols of bars/2 each; every single-symbol strategy runs once per symbol, pairs on both.
    let half = bars / 2
    feed = MergedFeed([
        (symbol: "SYNA", stream: SyntheticBars(seed: 42, count: half, start: start, step: barStep, volatility: volatility)),
        (symbol: "SYNB", stream: SyntheticBars(seed: 43, count: bars - half, start: start, step: barStep, volatility: volatility)),
    ])
    for id in ["sma-cross", "rsi-reversion", "bollinger-breakout", "ttm-squeeze"] {
        for s in 0..<2 {
            instances.append(makeInstance("org.quorum.\(id)", name: "\(id)-\(s)", symbols: [s],
                                          params: id == "sma-cross" ? ["fast": 10, "slow": 30] : [:]))
        }
    }
    instances.append(makeInstance("org.quorum.pairs", name: "pairs", symbols: [0, 1]))
default:
    fail("unknown case \(caseName)")
}

let limitsOn = options["limits"] == "on"
let executionSettings = ExecutionSettings(startingCash: Money(units: 100_000), symbolNames: feed.symbols,
                                          sizer: FractionOfCash(fraction: Ratio(0.95)!),
                                          limits: limitsOn ? RiskLimits() : nil)
let makeStage = { ExecutionStage(settings: executionSettings) }
let stage = makeStage()
let shadows = instances.map { _ in makeStage() }
let journalLevel = options["journal"].flatMap { $0 == "off" ? nil : JournalLevel(rawValue: $0) }
// As a backtest does: signals keep their reasons only for a journal that records every signal.
let engine = Engine(symbolNames: feed.symbols, instances: instances,
                    settings: EngineSettings(keepsSignalReasons: journalLevel == .full), stage: stage,
                    shadows: shadows)
if let level = options["journal"], level != "off", journalLevel == nil { fail("unknown journal level \(level)") }
let journalFolder = NSTemporaryDirectory() + "quorum-bench-journal-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: journalFolder) }
let journalPath = options["keep-journal"] ?? journalFolder + "/bench.sqlite"
let journal: RunJournal? = try journalLevel.map { level in
    let writer = try JournalWriter(path: journalPath, run: RunInfo(
        id: "bench", kind: "backtest", startedAt: "", level: level, startingCash: Money(units: 100_000),
        timeFormat: .dateTime, quorumVersion: quorumVersion, symbols: feed.symbols),
        batchSize: JournalWriter.backtestBatchSize)
    let journal = RunJournal(writer: writer, symbols: feed.symbols, instances: instances.count)
    engine.observer = journal
    stage.journal = journal
    stage.observer = BookJournal(writer: writer, book: ensembleBook)
    journal.recordShadowBooks(shadows)
    return journal
}
try engine.activate()
let rssBefore = peakRSSkB()
let t0 = now()
let summary = try engine.run(&feed, progress: journal.map { j in { _ in j.writer.commit(atMostEvery: JournalWriter.backtestCommitInterval) } })
try journal?.writer.close(final: RunOutcome(status: .completed, endedAt: ""))
let seconds = now() - t0
for e in instances { e.instance.deactivate() }
let rss = peakRSSkB()
let signals = instances.reduce(0) { $0 + $1.signals }
let faults = instances.reduce(0) { $0 + $1.faults }
print(String(format: "case %@: %d instances, %d bars, %.3f s, %.0f bars/s, peak RSS %.1f MB "
                + "(before run %.1f MB), %d signals, %d faults, %d round trips, equity %@",
             caseName, instances.count, summary.events, seconds, Double(summary.events) / seconds,
             Double(rss) / 1024, Double(rssBefore) / 1024, signals, faults, stage.portfolio.roundTrips.count,
             "\(stage.equity)"))
print(String(format: "RESULT %-4@ %d strategies (%d instances) %9d bars, limits %-3@ journal %-9@: %12.0f bars/s   peak RSS %7.1f MB",
             caseName, caseName == "one" ? 1 : 5, instances.count, summary.events, limitsOn ? "on" : "off",
             journalLevel?.rawValue ?? "off",
             Double(summary.events) / seconds, Double(rss) / 1024))
