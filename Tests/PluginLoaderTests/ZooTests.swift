import Foundation
import Logging
import QuorumPluginAPI
@testable import QuorumPlugins
import XCTest

/// Builds a zoo of broken plugins next to a good one and checks that each is refused with one clear line while
/// the good ones load (SPEC §5).
final class ZooTests: XCTestCase {
    var folder = ""
    var copies = ""
    let wrongPin = String(repeating: "0", count: 64)

    /// Zoo members: file name → template knobs. Each has its own strategy ids unless it tests a clash.
    static let members: [String: [String: String]] = [
        "good.so": [:],
        "noentry.so": ids("noentry").merging(["ZOO_ENTRY_NAME": "not_the_entry"]) { $1 },
        "abi2.so": ids("abi2").merging(["ZOO_ABI_MAJOR": "2u"]) { $1 },
        "small.so": ids("small").merging(["ZOO_ENTRY_SIZE": "16u"]) { $1 },
        "nulldesc.so": ids("nulldesc").merging(["ZOO_NULL_DESCRIPTOR": "1"]) { $1 },
        "badid.so": ["ZOO_ID_A": #""Not A Valid Id""#, "ZOO_ID_B": #""org.zoo.badid-b""#],
        "dup1.so": ["ZOO_ID_A": #""org.zoo.dup""#, "ZOO_ID_B": #""org.zoo.dup1-b""#],
        "dup2.so": ["ZOO_ID_A": #""org.zoo.dup""#, "ZOO_ID_B": #""org.zoo.dup2-b""#],
        "initfail.so": ids("initfail").merging(["ZOO_INIT_STATUS": "QUORUM_ERR_GENERIC"]) { $1 },
        "oldswift.so": ids("oldswift").merging(["ZOO_BUILD_TAG": #""swift-5.9.0""#]) { $1 },
        "writable.so": ids("writable"),
        "pinned.so": ids("pinned"),
    ]

    /// Distinctive words each broken file's refusal must contain.
    static let expected: [String: [String]] = [
        "noentry.so": ["no entry symbol"],
        "abi2.so": ["ABI major mismatch", "plugin 2", "host 1"],
        "small.so": ["struct too small", "quorum_plugin_entry_t", "16 bytes"],
        "nulldesc.so": ["invalid descriptor", "null descriptor"],
        "badid.so": ["invalid descriptor", "invalid id 'Not A Valid Id'"],
        "dup2.so": ["duplicate strategy id 'org.zoo.dup'"],
        "initfail.so": ["init failed", "status -1"],
        "oldswift.so": ["toolchain mismatch", "swift-5.9.0"],
        "notelf.so": ["not a shared library"],
        "writable.so": ["writable by group or others"],
        "pinned.so": ["does not match the pin"],
    ]

    static func ids(_ name: String) -> [String: String] {
        ["ZOO_ID_A": "\"org.zoo.\(name)-a\"", "ZOO_ID_B": "\"org.zoo.\(name)-b\""]
    }

    override func setUpWithError() throws {
        folder = try makeTemporaryFolder(self, "quorum-zoo")
        copies = try makeTemporaryFolder(self, "quorum-copies") + "/copies"
        let scratch = try makeTemporaryFolder(self, "quorum-zoo-src")
        for (name, knobs) in ZooTests.members {
            try compilePlugin(source: ZooSource.plugin(knobs), output: "\(folder)/\(name)", scratch: scratch)
        }
        try write("this is not a shared library\n", to: folder + "/notelf.so")
        chmod(folder + "/notelf.so", 0o755)
        chmod(folder + "/writable.so", 0o666)
    }

    func loader(_ trust: TrustMode = .strict) -> PluginLoader {
        PluginLoader(options: PluginLoaderOptions(folders: [folder], trust: trust, pins: ["pinned.so": wrongPin],
                                                  copyFolder: copies))
    }

    func testEachBrokenFileIsRefusedWithOneLineNamingItAndTheReason() {
        let catalog = loader().loadAll()
        for refusal in catalog.refusals { print(refusal) }
        for (name, words) in ZooTests.expected {
            let path = "\(folder)/\(name)"
            let refusals = catalog.refusals.filter { $0.file == path }
            XCTAssertEqual(refusals.count, 1, "\(name): \(refusals)")
            guard let line = refusals.first?.description else { continue }
            XCTAssertTrue(line.hasPrefix(path), line)
            XCTAssertFalse(line.contains("\n"), line)
            for word in words { XCTAssertTrue(line.contains(word), "\(name): '\(word)' missing in: \(line)") }
        }
        XCTAssertEqual(catalog.refusals.count, ZooTests.expected.count, "\(catalog.refusals.map(\.description))")
    }

    func testDuplicateIDRefusalNamesBothFiles() throws {
        let catalog = loader().loadAll()
        let line = try XCTUnwrap(catalog.refusals.first { $0.file.hasSuffix("/dup2.so") }).description
        XCTAssertTrue(line.hasPrefix("\(folder)/dup2.so"), line)
        XCTAssertTrue(line.contains("\(folder)/dup1.so"), line)
        XCTAssertEqual(catalog.strategy("org.zoo.dup")?.plugin.file, "\(folder)/dup1.so")
    }

    func testBuildTagsNameTheLanguage() {
        XCTAssertEqual(["c", "c++", "swift-6.3.1", "rust", "zig", "Go"].map(LoadedPlugin.language(ofBuildTag:)),
                       ["C", "C++", "Swift", "Rust", "Zig", "Go"])
    }

    func testGoodPluginsLoadDespiteTheBrokenOnes() throws {
        let catalog = loader().loadAll()
        XCTAssertEqual(Set(catalog.plugins.map { URL(fileURLWithPath: $0.file).lastPathComponent }),
                       ["good.so", "dup1.so"])
        let good = try XCTUnwrap(catalog.plugins.first { $0.file.hasSuffix("/good.so") })
        XCTAssertEqual(good.strategies.map(\.id), ["org.zoo.good-a", "org.zoo.good-b"])
        XCTAssertEqual(good.buildTag, "c")
        XCTAssertEqual(good.language, "C")
        // Alone, the good file loads the same.
        let alone = loader().load(files: ["\(folder)/good.so"])
        XCTAssertEqual(alone.refusals, [])
        XCTAssertEqual(alone.strategyIDs, ["org.zoo.good-a", "org.zoo.good-b"])
    }

    func testBothStrategiesOfOneLibraryRun() throws {
        let catalog = loader().loadAll()
        let good = try XCTUnwrap(catalog.strategy("org.zoo.good-a")?.plugin)
        for (id, direction) in [("org.zoo.good-a", QUORUM_DIRECTION_LONG), ("org.zoo.good-b", QUORUM_DIRECTION_FLAT)] {
            let instance = try StrategyInstance(plugin: good, strategyID: id, name: id, parameters: [],
                                                logger: Logger(label: "zoo"))
            try instance.activate(symbols: ["X"], symbolIDs: [0], historyBars: 1, provider: nil)
            let signals = oneBar(instance)
            XCTAssertEqual(signals.map(\.direction), [direction])
            instance.deactivate()
        }
    }

    func testWritableFileLoadsUnderTrustAny() {
        let catalog = loader(.any).load(files: ["\(folder)/writable.so"])
        XCTAssertEqual(catalog.refusals, [])
        XCTAssertEqual(catalog.strategyIDs, ["org.zoo.writable-a", "org.zoo.writable-b"])
    }

    func testMatchingPinLoads() throws {
        let digest = try sha256sum("\(folder)/pinned.so")
        let options = PluginLoaderOptions(folders: [folder], pins: ["pinned.so": digest.uppercased()],
                                          copyFolder: copies)
        XCTAssertEqual(PluginLoader(options: options).load(files: ["\(folder)/pinned.so"]).refusals, [])
    }

    func testPrivateCopyIsNamedByContentAndSurvivesReplacement() throws {
        let path = "\(folder)/good.so"
        let digest = try sha256sum(path)
        let plugin = try loader().load(file: path).get()
        XCTAssertEqual(plugin.sha256, digest)
        XCTAssertEqual(plugin.loadedFrom, "\(copies)/\(digest).so")

        // Replace the original with a different library: the loaded copy and the running code stay as they were.
        let scratch = try makeTemporaryFolder(self, "quorum-zoo-src")
        try compilePlugin(source: ZooSource.plugin(ZooTests.ids("replaced")), output: path, scratch: scratch)
        XCTAssertNotEqual(try sha256sum(path), digest)
        XCTAssertEqual(try sha256sum(plugin.loadedFrom), digest)
        let instance = try StrategyInstance(plugin: plugin, strategyID: "org.zoo.good-a", name: "a", parameters: [],
                                            logger: Logger(label: "zoo"))
        try instance.activate(symbols: ["X"], symbolIDs: [0], historyBars: 1, provider: nil)
        XCTAssertEqual(oneBar(instance).map(\.direction), [QUORUM_DIRECTION_LONG])

        // Loading the new file makes a second copy under its own hash.
        let replaced = try loader().load(file: path).get()
        XCTAssertEqual(replaced.strategies.map(\.id), ["org.zoo.replaced-a", "org.zoo.replaced-b"])
        XCTAssertNotEqual(replaced.loadedFrom, plugin.loadedFrom)
    }

    /// A loader that remembers every file it reads at once (the default waits until a file is 2 s old).
    func rememberingLoader(pins: [String: String] = [:]) -> PluginLoader {
        var options = PluginLoaderOptions(folders: [folder], pins: pins, copyFolder: copies)
        options.settledAge = 0
        return PluginLoader(options: options)
    }

    func rememberedLinks() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(copies)/by-file")) ?? []).sorted()
    }

    func testSettledFileIsRememberedByItsStampAndNotReadAgain() throws {
        let path = "\(folder)/good.so"
        let digest = try sha256sum(path)
        XCTAssertEqual(try rememberingLoader().load(file: path).get().sha256, digest)
        let links = rememberedLinks()
        XCTAssertEqual(links.count, 1)
        let link = "\(copies)/by-file/\(links[0])"
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "../\(digest).so")

        // Point the remembered stamp at a copy under another name: the loader takes that name as the hash, so it
        // neither read nor hashed the file.
        let alias = String(repeating: "ab", count: 32)
        try FileManager.default.copyItem(atPath: "\(copies)/\(digest).so", toPath: "\(copies)/\(alias).so")
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../\(alias).so")
        let followed = try rememberingLoader().load(file: path).get()
        XCTAssertEqual(followed.sha256, alias)
        XCTAssertEqual(followed.loadedFrom, "\(copies)/\(alias).so")

        // A link to a copy of another size is not trusted: the file is read again.
        try FileManager.default.removeItem(atPath: "\(copies)/\(alias).so")
        try write("short", to: "\(copies)/\(alias).so")
        XCTAssertEqual(try rememberingLoader().load(file: path).get().sha256, digest)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "../\(digest).so")
    }

    func testChangedFileIsReadAgain() throws {
        let path = "\(folder)/good.so"
        let first = try rememberingLoader().load(file: path).get()
        let scratch = try makeTemporaryFolder(self, "quorum-zoo-src")
        try compilePlugin(source: ZooSource.plugin(ZooTests.ids("changed")), output: path, scratch: scratch)
        let changed = try rememberingLoader().load(file: path).get()
        XCTAssertEqual(changed.sha256, try sha256sum(path))
        XCTAssertNotEqual(changed.sha256, first.sha256)
        XCTAssertEqual(changed.strategies.map(\.id), ["org.zoo.changed-a", "org.zoo.changed-b"])
        XCTAssertEqual(rememberedLinks().count, 2)
    }

    func testFileChangedMomentsAgoIsNotRemembered() throws {
        XCTAssertEqual(try loader().load(file: "\(folder)/good.so").get().sha256, try sha256sum("\(folder)/good.so"))
        XCTAssertEqual(rememberedLinks(), [])
    }

    func testRememberedCopyThatIsGoneIsMadeAgain() throws {
        let path = "\(folder)/good.so"
        let first = try rememberingLoader().load(file: path).get()
        try FileManager.default.removeItem(atPath: first.loadedFrom)
        let again = try rememberingLoader().load(file: path).get()
        XCTAssertEqual(again.loadedFrom, first.loadedFrom)
        XCTAssertEqual(try sha256sum(again.loadedFrom), first.sha256)
    }

    func testPinIsCheckedAgainstARememberedCopy() throws {
        let path = "\(folder)/pinned.so"
        XCTAssertNoThrow(try rememberingLoader().load(file: path).get())
        XCTAssertEqual(rememberedLinks().count, 1)
        let refused = rememberingLoader(pins: ["pinned.so": wrongPin]).load(files: [path])
        XCTAssertEqual(refused.plugins.count, 0)
        XCTAssertTrue(refused.refusals.first?.description.contains("does not match the pin") ?? false,
                      "\(refused.refusals)")
    }

    /// One bar through `on_bar`; the signals it wrote.
    func oneBar(_ instance: StrategyInstance) -> [quorum_signal_t] {
        let bars = Columns(price: 100)
        let output = instance.onBar(symbolIndex: 0, series: bars.series(endingAt: 0, window: 1), time: 0, cursor: 0)
        XCTAssertNil(output.fault)
        return Array(output.signals)
    }
}

/// The sha256 of a file by the system's `sha256sum` (independent of the loader's own SHA-256).
func sha256sum(_ path: String) throws -> String {
    String(try shell(["sha256sum", path]).prefix(64))
}
