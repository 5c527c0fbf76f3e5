import Foundation
import QuorumModel
import XCTest

final class FilePathTests: XCTestCase {
    func testFolder() {
        XCTAssertEqual(FilePath.folder(of: "runs/journal.sqlite"), "runs")
        XCTAssertEqual(FilePath.folder(of: "/tmp/a/b.csv"), "/tmp/a")
        XCTAssertEqual(FilePath.folder(of: "/b.csv"), "/")
        XCTAssertNil(FilePath.folder(of: "b.csv"))
    }

    func testName() {
        XCTAssertEqual(FilePath.name(of: "/tmp/plugins/libQuorumSMACross.so"), "libQuorumSMACross.so")
        XCTAssertEqual(FilePath.name(of: "data/GOOG_1d.csv"), "GOOG_1d.csv")
        XCTAssertEqual(FilePath.name(of: "GOOG_1d.csv"), "GOOG_1d.csv")
        XCTAssertEqual(FilePath.name(of: "data/"), "data")
    }

    func testCreateFoldersMakesEveryMissingLevelAndNamesTheOneThatFails() throws {
        let root = NSTemporaryDirectory() + "quorum-folders-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        XCTAssertNil(FilePath.createFolders(root + "/a/b/c", mode: 0o700))
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/a/b/c", isDirectory: &isFolder) && isFolder.boolValue)
        XCTAssertNil(FilePath.createFolders(root + "/a/b/c", mode: 0o700), "existing folders are fine")
        XCTAssertTrue(FileManager.default.createFile(atPath: root + "/file", contents: Data()))
        let failure = FilePath.createFolders(root + "/file/d", mode: 0o700)
        XCTAssertEqual(failure?.folder, root + "/file/d")
        XCTAssertEqual(failure?.errno, ENOTDIR)
    }
}
