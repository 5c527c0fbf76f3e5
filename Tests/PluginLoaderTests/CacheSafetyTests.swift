import Foundation
@testable import QuorumPlugins
import XCTest

/// The private-copy cache must be out of other users' reach, or a planted `<sha256>.so` of the right size would
/// run under a pinned hash (the store does not read a copy whose name and size match). A cache folder, a folder
/// above it, or a copy that another user could write is refused, naming it and why; it is never used.
final class CacheSafetyTests: XCTestCase {
    var folder = ""
    var root = ""
    var good = ""
    var digest = ""
    var evil = ""

    override func setUpWithError() throws {
        folder = try makeTemporaryFolder(self, "quorum-cache-zoo")
        root = try makeTemporaryFolder(self, "quorum-cache")
        let scratch = try makeTemporaryFolder(self, "quorum-cache-src")
        good = folder + "/good.so"
        try compilePlugin(source: ZooSource.plugin(), output: good, scratch: scratch)
        digest = try sha256sum(good)
        // Another library of exactly the same size: ids of the same length, zeros appended to match.
        evil = scratch + "/evil.so"
        try compilePlugin(source: ZooSource.plugin(["ZOO_ID_A": #""org.zoo.evil-a""#, "ZOO_ID_B": #""org.zoo.evil-b""#]),
                          output: evil, scratch: scratch)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: evil))
        let size = try Data(contentsOf: URL(fileURLWithPath: good)).count
        XCTAssertLessThanOrEqual(bytes.count, size)
        bytes.append(Data(count: size - bytes.count))
        try bytes.write(to: URL(fileURLWithPath: evil))
    }

    /// Loads good.so pinned to its own hash with copies in `copies`, remembering files at once.
    func load(copies: String) -> PluginCatalog {
        var options = PluginLoaderOptions(folders: [], pins: ["good.so": digest], copyFolder: copies)
        options.settledAge = 0
        return PluginLoader(options: options).load(files: [good])
    }

    /// Places the evil library as the copy of good.so's hash.
    func plant(in copies: String, mode: mode_t = 0o500) throws {
        try FileManager.default.copyItem(atPath: evil, toPath: "\(copies)/\(digest).so")
        chmod("\(copies)/\(digest).so", mode)
    }

    func assertRefused(_ catalog: PluginCatalog, _ words: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(catalog.plugins.map(\.strategies).flatMap { $0.map(\.id) }, [], file: file, line: line)
        let text = catalog.refusals.map(\.description).joined(separator: "\n")
        XCTAssertEqual(catalog.refusals.count, 1, text, file: file, line: line)
        for word in ["unsafe private-copy cache"] + words {
            XCTAssertTrue(text.contains(word), "'\(word)' missing in: \(text)", file: file, line: line)
        }
    }

    func testPlantedCopyInAFolderOthersCanWriteIsRefused() throws {
        let copies = root + "/plugins"
        mkdir(copies, 0o777)
        chmod(copies, 0o777)
        try plant(in: copies)
        assertRefused(load(copies: copies), ["folder \(copies)", "writable by group or others (mode 777)"])
    }

    func testCacheBelowAFolderOthersCanWriteIsRefused() throws {
        // As /tmp/quorum-<uid>/plugins when another user made /tmp/quorum-<uid> first: they could swap `plugins`.
        chmod(root, 0o777)
        let copies = root + "/plugins"
        assertRefused(load(copies: copies), ["folder \(root) above it", "writable by group or others"])
        chmod(root, 0o1777)   // sticky, as /tmp: others cannot rename or remove our folder
        XCTAssertEqual(load(copies: copies).strategyIDs, ["org.zoo.good-a", "org.zoo.good-b"])
    }

    func testCopyOthersCanWriteIsRefusedEvenInAPrivateFolder() throws {
        let copies = root + "/plugins"
        mkdir(copies, 0o700)
        try plant(in: copies, mode: 0o666)
        assertRefused(load(copies: copies), ["copy \(copies)/\(digest).so", "writable by group or others"])
    }

    func testCopyThatIsASymbolicLinkIsRefused() throws {
        let copies = root + "/plugins"
        mkdir(copies, 0o700)
        try FileManager.default.createSymbolicLink(atPath: "\(copies)/\(digest).so", withDestinationPath: evil)
        assertRefused(load(copies: copies), ["copy \(copies)/\(digest).so", "not a regular file"])
    }

    func testRememberedCopyInAFolderOthersCanWriteIsRefused() throws {
        let copies = root + "/plugins"
        XCTAssertEqual(load(copies: copies).strategyIDs, ["org.zoo.good-a", "org.zoo.good-b"])
        let links = try FileManager.default.contentsOfDirectory(atPath: "\(copies)/by-file")
        XCTAssertEqual(links.count, 1)
        // Someone opens the folder and swaps the copy the stamp points to for a library of the same size.
        chmod(copies, 0o777)
        try FileManager.default.removeItem(atPath: "\(copies)/\(digest).so")
        try plant(in: copies)
        assertRefused(load(copies: copies), ["folder \(copies)", "writable by group or others"])
        chmod(copies, 0o700)
        chmod("\(copies)/by-file", 0o777)
        assertRefused(load(copies: copies), ["folder \(copies)/by-file", "writable by group or others"])
    }

    func testFolderOfAnotherUserIsRefused() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root to give a folder to another user") }
        let copies = root + "/plugins"
        mkdir(copies, 0o700)
        chown(copies, 65534, 65534)
        try plant(in: copies)
        assertRefused(load(copies: copies), ["folder \(copies)", "owned by another user (uid 65534)"])
    }

    func testCacheFoldersAreMadePrivateAndStillServe() throws {
        let copies = root + "/plugins"
        XCTAssertEqual(load(copies: copies).strategyIDs, ["org.zoo.good-a", "org.zoo.good-b"])
        var info = stat()
        XCTAssertEqual(stat(copies, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o700)
        XCTAssertEqual(stat("\(copies)/by-file", &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o700)
        // Loading again takes the remembered copy (testSettledFileIsRememberedByItsStampAndNotReadAgain shows
        // that the file is not read).
        XCTAssertEqual(load(copies: copies).strategyIDs, ["org.zoo.good-a", "org.zoo.good-b"])
    }
}
