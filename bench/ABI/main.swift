// QuorumBenchABI: ns per on_bar through the plugin ABI (C plugin, Swift plugin) versus a direct in-process call
// of the same work. Build in release: bench/abi.sh.
import Foundation
import Logging
import QuorumPluginAPI
import QuorumPlugins

var rows: [(String, Double, Int)] = []
let calls = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10_000_000 : 10_000_000
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent().path

// A random walk, cycled through; each call sees one new bar.
let barCount = 4096
let closes = UnsafeMutablePointer<Double>.allocate(capacity: barCount)
let volumes = UnsafeMutablePointer<Double>.allocate(capacity: barCount)
let times = UnsafeMutablePointer<Int64>.allocate(capacity: barCount)
var generator = SystemRandomNumberGenerator()
var price = 100.0
for i in 0..<barCount {
    price *= 1 + Double.random(in: -0.02...0.02, using: &generator)
    closes[i] = (price * 100).rounded() / 100; volumes[i] = 1000; times[i] = Int64(i)
}

func nanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// Best of three runs of `calls` calls of `body(barIndex)`, in ns per call, and the signals of the last run.
func measure(_ body: (Int) -> Int) -> (ns: Double, signals: Int) {
    var best = Double.infinity, signals = 0
    for _ in 0..<3 {
        var emitted = 0
        let start = nanoseconds()
        for k in 0..<calls { emitted &+= body(k & (barCount - 1)) }
        best = min(best, Double(nanoseconds() - start) / Double(calls))
        signals = emitted
    }
    return (best, signals)
}

func series(_ i: Int) -> quorum_series_t {
    quorum_series_t(struct_size: UInt32(MemoryLayout<quorum_series_t>.size), count: 1, time: times + i,
                    open: closes + i, high: closes + i, low: closes + i, close: closes + i, volume: volumes + i)
}

/// Builds the C plugin into a temporary folder.
func buildCPlugin() throws -> String {
    let dir = NSTemporaryDirectory() + "quorum-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                            attributes: [.posixPermissions: 0o755])
    try cMomentumSource.write(toFile: dir + "/cmomentum.c", atomically: false, encoding: .utf8)
    let ind = repoRoot + "/Plugins/Indicators"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["cc", "-std=c11", "-O2", "-shared", "-fPIC", "-fvisibility=hidden",
                         "-I\(repoRoot)/PluginAPI/include", "-I\(ind)/include", "-I\(ind)/src",
                         "-o", dir + "/libBenchCMomentum.so", dir + "/cmomentum.c", ind + "/src/roc.c",
                         ind + "/src/common.c", "-lm"]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw InstanceError("cc failed") }
    return dir + "/libBenchCMomentum.so"
}

/// Measures `file`'s first strategy through the host's StrategyInstance and through the bare ABI.
func measurePlugin(_ file: String, _ label: String) throws {
    let hosted = try instance(file)
    let viaHost = viaABI(hosted)
    let raw = try RawInstance(library: hosted.plugin.loadedFrom, strategyID: hosted.descriptor.id,
                              parameters: hosted.descriptor.parameters.map {
                                  quorum_param_value_t(id: $0.id, reserved: 0, value: $0.defaultValue) })
    let bare = measure { i in raw.onBar(series(i)) }
    rows.append(("bare ABI on_bar, \(label)", bare.ns, bare.signals))
    rows.append(("StrategyInstance.onBar, \(label)", viaHost.ns, viaHost.signals))
}

func instance(_ file: String) throws -> StrategyInstance {
    let copies = NSTemporaryDirectory() + "quorum-bench-copies-\(getpid())"
    let catalog = PluginLoader(options: PluginLoaderOptions(folders: [], trust: .any, copyFolder: copies))
        .load(files: [file])
    guard let plugin = catalog.plugins.first, let d = plugin.strategies.first else {
        throw InstanceError(catalog.refusals.map(\.description).joined(separator: "\n"))
    }
    let made = try StrategyInstance(plugin: plugin, strategyID: d.id, name: d.id,
                                    parameters: d.parameters.map { ($0.id, $0.defaultValue) },
                                    logger: Logger(label: "bench"))
    try made.activate(symbols: ["X"], symbolIDs: [0], historyBars: 1, provider: nil)
    return made
}

func viaABI(_ strategy: StrategyInstance) -> (ns: Double, signals: Int) {
    measure { i in strategy.onBar(symbolIndex: 0, series: series(i), time: times[i], cursor: i).signals.count }
}

let direct = DirectMomentum()
let signal = UnsafeMutablePointer<quorum_signal_t>.allocate(capacity: 1)
let baseline = measure { i in Int(direct.onBar(closes[i], signal)) }
rows.append(("direct in-process call (Swift → qi_roc_update)", baseline.ns, baseline.signals))
try measurePlugin(try buildCPlugin(), "C plugin (cc -O2)")
let swiftPlugin = buildFolder + "/libQuorumMomentum.so"
if FileManager.default.fileExists(atPath: swiftPlugin) {
    try measurePlugin(swiftPlugin, "Swift libQuorumMomentum.so")
} else {
    print("(\(swiftPlugin) not built: swift build -c release --product QuorumMomentum)")
}

print("on_bar cost, \(calls) calls per run, best of 3 (\(buildFolder))")
print("case".padding(toLength: 52, withPad: " ", startingAt: 0) + "   ns/call   × direct   signals")
for (name, ns, signals) in rows {
    print(name.padding(toLength: 52, withPad: " ", startingAt: 0)
          + String(format: "%10.2f %10.2f %9d", ns, ns / baseline.ns, signals))
}
