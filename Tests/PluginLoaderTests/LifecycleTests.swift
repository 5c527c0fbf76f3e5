import Foundation
import Logging
@testable import QuorumPlugins
import XCTest

/// The header pairs each successful init() with one deinit(), made after every instance is destroyed.
final class LifecycleTests: XCTestCase {
    /// deinit was never called for a loaded plugin. Now releasing the catalog and the last instance calls it
    /// once, after destroy.
    func testEachInitIsPairedWithOneDeinitAfterTheLastDestroy() throws {
        let folder = try makeTemporaryFolder(self, "quorum-lifecycle")
        let trace = folder + "/trace"
        try compilePlugin(source: ZooSource.plugin(["ZOO_TRACE": "\"\(trace)\""]), output: folder + "/zoo.so",
                          scratch: folder)
        let options = PluginLoaderOptions(folders: [], trust: .any, copyFolder: folder + "/copies")
        var catalog: PluginCatalog? = PluginLoader(options: options).load(files: [folder + "/zoo.so"])
        var instance: StrategyInstance? = try StrategyInstance(
            plugin: try XCTUnwrap(catalog?.plugins.first), strategyID: "org.zoo.good-a", name: "a", parameters: [],
            logger: Logger(label: "zoo"))
        try instance?.activate(symbols: ["X"], symbolIDs: [0], historyBars: 1, provider: nil)
        catalog = nil
        XCTAssertEqual(try zooTrace(trace), ["init"], "the instance still needs the library")
        instance = nil
        XCTAssertEqual(try zooTrace(trace), ["init", "destroy", "deinit"])
    }

    /// A library refused after init (here: a duplicate strategy id) is deinitialised once, at once; the one
    /// kept, once when released.
    func testRefusedLibraryIsDeinitialisedOnce() throws {
        let folder = try makeTemporaryFolder(self, "quorum-lifecycle")
        for name in ["first", "second"] {
            try compilePlugin(source: ZooSource.plugin(["ZOO_TRACE": "\"\(folder)/\(name).trace\""]),
                              output: "\(folder)/\(name).so", scratch: folder)
        }
        let options = PluginLoaderOptions(folders: [], trust: .any, copyFolder: folder + "/copies")
        var catalog: PluginCatalog? = PluginLoader(options: options).load(files: ["\(folder)/first.so",
                                                                                   "\(folder)/second.so"])
        XCTAssertEqual(catalog?.refusals.map(\.file), ["\(folder)/second.so"])
        XCTAssertEqual(try zooTrace("\(folder)/second.trace"), ["init", "deinit"])
        XCTAssertEqual(try zooTrace("\(folder)/first.trace"), ["init"])
        catalog = nil
        XCTAssertEqual(try zooTrace("\(folder)/first.trace"), ["init", "deinit"])
    }
}
