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
}
