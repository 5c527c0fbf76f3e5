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
    [.target(name: name, dependencies: ["QuorumPluginAPI", "QuorumIndicators"], path: path,
             cSettings: hiddenVisibility, cxxSettings: hiddenVisibilityCXX, linkerSettings: pluginLinkerSettings)]
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

let package = Package(
    name: "Quorum",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "QuorumTrendRSI", type: .dynamic, targets: ["TrendRSI"]),
        .library(name: "QuorumMomentum", type: .dynamic, targets: ["Momentum"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .target(name: "QuorumPluginAPI", path: "PluginAPI", exclude: ["Swift", "exports.map"],
                sources: ["src"], publicHeadersPath: "include"),
        .target(name: "QuorumPluginKit", dependencies: ["QuorumPluginAPI"], path: "PluginAPI/Swift"),
        .target(name: "QuorumModel", path: "Host/Model"),
        .target(name: "QuorumIndicators", path: "Plugins/Indicators", cSettings: hiddenVisibility),
        // MARK: Reference strategies (each its own dynamic library)
    ] + swiftPlugin("TrendRSI", path: "Plugins/TrendRSI")
      + swiftPlugin("Momentum", path: "Plugins/Momentum") + [
        .testTarget(name: "IndicatorTests", dependencies: ["QuorumIndicators"], path: "Tests/IndicatorTests"),
        .target(name: "QuorumData", dependencies: ["QuorumModel"], path: "Host/Data"),
        .target(name: "QuorumPlugins",
                dependencies: ["QuorumModel", "QuorumPluginAPI", "QuorumPluginKit",
                               .product(name: "Logging", package: "swift-log")],
                path: "Host/Plugins"),
        .target(name: "QuorumJudge", dependencies: ["QuorumModel"], path: "Host/Judge"),
        .target(name: "QuorumPortfolio", dependencies: ["QuorumModel"], path: "Host/Portfolio"),
        .target(name: "QuorumExecution", dependencies: ["QuorumModel", "QuorumJudge", "QuorumPortfolio"],
                path: "Host/Execution"),
        .target(name: "QuorumEngine",
                dependencies: ["QuorumModel", "QuorumData", "QuorumPlugins", "QuorumPluginAPI", "QuorumJudge",
                               "QuorumExecution"],
                path: "Host/Engine"),
        .systemLibrary(name: "CYaml", path: "Host/System/CYaml", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .target(name: "QuorumConfig", dependencies: ["QuorumModel", "CYaml"], path: "Host/Config"),

        // MARK: Benchmarks
        .executableTarget(name: "QuorumBenchABI",
                          dependencies: ["QuorumPlugins", "QuorumPluginAPI", "QuorumModel", "QuorumIndicators",
                                         .product(name: "Logging", package: "swift-log")],
                          path: "bench/ABI"),

        // MARK: Tests
        .testTarget(name: "DataTests", dependencies: ["QuorumData", "QuorumModel"], path: "Tests/DataTests"),
        .testTarget(name: "PluginLoaderTests",
                    dependencies: ["QuorumPlugins", "QuorumPluginAPI", "QuorumPluginKit", "QuorumModel",
                                   .product(name: "Logging", package: "swift-log")],
                    path: "Tests/PluginLoaderTests"),
        .testTarget(name: "ConfigTests", dependencies: ["QuorumConfig", "QuorumModel"], path: "Tests/ConfigTests"),
    ],
    swiftLanguageModes: [.v5]
)
