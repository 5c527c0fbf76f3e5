// swift-tools-version:6.0
//
// Quorum — a plugin-hosted strategy ensemble runtime.
//
// Layout (see README.md, "Architecture"):
//   PluginAPI/  the C ABI header (QuorumPluginAPI) and the Swift plugin kit (QuorumPluginKit)
//   Plugins/    the reference strategies, each its own shared library, and the indicators they share
//   Host/       the runtime, one module per part of the data flow, and the `quorum` executable
import PackageDescription

let root = Context.packageDirectory
/// Every plugin library exports exactly one symbol (`quorum_plugin_entry`); this version script hides the rest.
let pluginLinkerSettings: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "--version-script=\(root)/PluginAPI/exports.map"])]
let hiddenVisibility: [CSetting] = [.unsafeFlags(["-fvisibility=hidden"])]
let hiddenVisibilityCXX: [CXXSetting] = [.unsafeFlags(["-fvisibility=hidden", "-fno-rtti"])]

/// A reference strategy written in C or C++: a dynamic library linked with the shared indicators.
func cPlugin(_ name: String, path: String) -> [Target] {
    [.target(name: name, dependencies: ["QuorumPluginAPI", "QuorumIndicators"], path: path, exclude: ["README.md"], publicHeadersPath: ".",
             cSettings: hiddenVisibility + [.unsafeFlags(["-I\(root)/Plugins/Common"])],
             cxxSettings: hiddenVisibilityCXX + [.unsafeFlags(["-I\(root)/Plugins/Common"])],
             linkerSettings: pluginLinkerSettings + [.linkedLibrary("m")])]
}

/// A reference strategy written in Swift with QuorumPluginKit.
func swiftPlugin(_ name: String, path: String) -> [Target] {
    [.target(name: name, dependencies: ["QuorumPluginKit", "QuorumIndicators"], path: path, exclude: ["README.md"],
             linkerSettings: pluginLinkerSettings)]
}

let plugins: [(product: String, target: String)] = [
    ("QuorumSMACross", "SMACross"),
    ("QuorumRSIReversion", "RSIReversion"),
    ("QuorumBollingerBreakout", "BollingerBreakout"),
    ("QuorumTTMSqueeze", "TTMSqueeze"),
    ("QuorumPairs", "Pairs"),
    ("QuorumTrendRSI", "TrendRSI"),
    ("QuorumMomentum", "Momentum"),
]

/// The reference strategies built in this package (each `Plugins/<target>`), a subset of `plugins`.
let cPluginTargets: Set<String> = ["SMACross", "RSIReversion", "BollingerBreakout", "TTMSqueeze", "Pairs"]
let swiftPluginTargets: Set<String> = ["TrendRSI", "Momentum"]
let builtPlugins = cPluginTargets.union(swiftPluginTargets)

let package = Package(
    name: "Quorum",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "quorum", targets: ["QuorumCLI"]),
        .executable(name: "QuorumBenchEngine", targets: ["QuorumBenchEngine"]),
        .executable(name: "quorum-fuzz", targets: ["QuorumFuzz"]),
    ] + plugins.filter { builtPlugins.contains($0.target) }.map {
        .library(name: $0.product, type: .dynamic, targets: [$0.target])
    },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .target(name: "QuorumPluginAPI", path: "PluginAPI", exclude: ["Swift", "exports.map"],
                sources: ["src"], publicHeadersPath: "include"),
        .target(name: "QuorumPluginKit", dependencies: ["QuorumPluginAPI"], path: "PluginAPI/Swift"),
        .target(name: "QuorumModel", path: "Host/Model"),
        .target(name: "QuorumIndicators", path: "Plugins/Indicators", exclude: ["README.md"], cSettings: hiddenVisibility,
                linkerSettings: [.linkedLibrary("m")]),
        .target(name: "QuorumData", dependencies: ["QuorumModel"], path: "Host/Data"),
        // Names the strategy a thread was running when a fatal signal ends the process (Host/System/CrashNote).
        .target(name: "QuorumCrashNote", path: "Host/System/CrashNote"),
        // Lets a command stop cleanly on SIGINT or SIGTERM (Host/System/Interrupt).
        .target(name: "QuorumInterrupt", path: "Host/System/Interrupt"),
        .target(name: "QuorumPlugins",
                dependencies: ["QuorumModel", "QuorumPluginAPI", "QuorumPluginKit", "QuorumCrashNote",
                               .product(name: "Logging", package: "swift-log")],
                path: "Host/Plugins"),
        .target(name: "QuorumJudge", dependencies: ["QuorumModel"], path: "Host/Judge"),
        .target(name: "QuorumPortfolio", dependencies: ["QuorumModel"], path: "Host/Portfolio"),
        .target(name: "QuorumPerformance", dependencies: ["QuorumModel"], path: "Host/Performance"),
        .target(name: "QuorumReport", dependencies: ["QuorumPerformance", "QuorumModel"], path: "Host/Report"),
        .target(name: "QuorumRisk", dependencies: ["QuorumModel", "QuorumPortfolio", "QuorumConfig", "QuorumIndicators"],
                path: "Host/Risk"),
        .target(name: "QuorumExecution",
                dependencies: ["QuorumModel", "QuorumJudge", "QuorumPortfolio", "QuorumRisk", "QuorumConfig"],
                path: "Host/Execution"),
        .target(name: "QuorumEngine",
                dependencies: ["QuorumModel", "QuorumData", "QuorumPlugins", "QuorumPluginAPI", "QuorumJudge",
                               "QuorumExecution"],
                path: "Host/Engine"),
        .systemLibrary(name: "CYaml", path: "Host/System/CYaml", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .target(name: "QuorumConfig", dependencies: ["QuorumModel", "CYaml"], path: "Host/Config"),
        .systemLibrary(name: "CSQLite", path: "Host/System/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "QuorumJournal", dependencies: ["QuorumModel", "CSQLite"], path: "Host/Journal"),
        .target(name: "Quorum",
                dependencies: ["QuorumModel", "QuorumData", "QuorumPlugins", "QuorumConfig", "QuorumJudge",
                               "QuorumPortfolio", "QuorumRisk", "QuorumExecution", "QuorumEngine", "QuorumJournal",
                               "QuorumPerformance", "QuorumReport",
                               .product(name: "Logging", package: "swift-log")],
                path: "Host/Runtime"),
        .executableTarget(name: "QuorumCLI",
                          dependencies: ["Quorum", "QuorumModel", "QuorumData", "QuorumConfig", "QuorumPlugins",
                                         "QuorumJournal", "QuorumPerformance", "QuorumReport", "QuorumInterrupt",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                         .product(name: "Logging", package: "swift-log")],
                          path: "Host/CLI"),
        // Engine throughput benchmark (bench/run, SPEC §13).
        .executableTarget(name: "QuorumBenchEngine",
                          dependencies: ["Quorum", "QuorumEngine", "QuorumData", "QuorumPlugins", "QuorumExecution",
                                         "QuorumJudge", "QuorumModel", "QuorumRisk", "QuorumConfig", "QuorumJournal",
                                         .product(name: "Logging", package: "swift-log")],
                          path: "bench/Engine"),
        // Fuzz targets for the inputs Quorum takes from outside, and their driver (Fuzz/run, Fuzz/README.md).
        .target(name: "QuorumFuzzTargets", dependencies: ["QuorumData", "QuorumConfig", "QuorumModel"],
                path: "Fuzz/Targets"),
        .executableTarget(name: "QuorumFuzz", dependencies: ["QuorumFuzzTargets"], path: "Fuzz/Driver"),

        // MARK: Tests
        .target(name: "QuorumTestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "IndicatorTests", dependencies: ["QuorumIndicators", "QuorumTestSupport"], path: "Tests/IndicatorTests"),
        // Loads the plugin .so files from the build folder: run `swift build` before `swift test`.
        .testTarget(name: "ReferencePluginTests", dependencies: ["QuorumPluginAPI", "QuorumTestSupport"], path: "Tests/ReferencePluginTests"),
        .testTarget(name: "RuntimeTests",
                    dependencies: ["Quorum", "QuorumEngine", "QuorumJudge", "QuorumExecution", "QuorumPortfolio",
                                   "QuorumJournal", "QuorumPerformance", "QuorumReport", "QuorumRisk", "QuorumConfig",
                                   "QuorumData", "QuorumModel", "QuorumPlugins", "QuorumPluginAPI", "QuorumTestSupport",
                                   .product(name: "Logging", package: "swift-log")],
                    path: "Tests/RuntimeTests"),
        .testTarget(name: "ExecutionTests",
                    dependencies: ["QuorumExecution", "QuorumRisk", "QuorumConfig", "QuorumJudge", "QuorumPortfolio",
                                   "QuorumModel", "QuorumData", "QuorumTestSupport"],
                    path: "Tests/ExecutionTests"),
        .testTarget(name: "RiskTests", dependencies: ["QuorumRisk", "QuorumConfig", "QuorumPortfolio", "QuorumModel"],
                    path: "Tests/RiskTests"),
        .testTarget(name: "JudgeTests", dependencies: ["QuorumJudge", "QuorumModel"], path: "Tests/JudgeTests"),
        .testTarget(name: "ModelTests", dependencies: ["QuorumModel"], path: "Tests/ModelTests"),
        .testTarget(name: "PerformanceTests", dependencies: ["QuorumPerformance", "QuorumModel"], path: "Tests/PerformanceTests"),
        .testTarget(name: "ReportTests", dependencies: ["QuorumReport", "QuorumPerformance", "QuorumModel"],
                    path: "Tests/ReportTests"),
        .testTarget(name: "DataTests", dependencies: ["QuorumData", "QuorumModel", "QuorumTestSupport"], path: "Tests/DataTests"),
        .testTarget(name: "ConfigTests", dependencies: ["QuorumConfig", "QuorumModel"], path: "Tests/ConfigTests"),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["QuorumFuzzTargets"], path: "Tests/FuzzRegressionTests"),
        .testTarget(name: "JournalTests", dependencies: ["QuorumJournal", "QuorumModel"], path: "Tests/JournalTests"),
        .executableTarget(name: "QuorumBenchABI",
                          dependencies: ["QuorumPlugins", "QuorumPluginAPI", "QuorumModel", "QuorumIndicators",
                                         .product(name: "Logging", package: "swift-log")],
                          path: "bench/ABI"),
        .testTarget(name: "PluginLoaderTests",
                    dependencies: ["QuorumPlugins", "QuorumPluginAPI", "QuorumPluginKit", "QuorumModel",
                                   "QuorumTestSupport", .product(name: "Logging", package: "swift-log")],
                    path: "Tests/PluginLoaderTests"),
    ] + cPluginTargets.sorted().flatMap { cPlugin($0, path: "Plugins/\($0)") }
      + swiftPluginTargets.sorted().flatMap { swiftPlugin($0, path: "Plugins/\($0)") },
    swiftLanguageModes: [.v5],
    cLanguageStandard: .c11,
    cxxLanguageStandard: .cxx17
)
