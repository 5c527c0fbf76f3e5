import Foundation
import QuorumModel
import XCTest
@testable import QuorumJournal

/// A journal in a folder that cannot be written (a read-only mount, an archive) is read: SQLite cannot create the
/// `-shm` file a WAL reader needs there, which made `compare` and `report` fail with "unable to open database
/// file". One whose `-wal` still holds records cannot be read there, and the error says why.
final class ReadOnlyFolderTests: JournalTestCase {
    private var mountPoint: String?

    override func tearDown() {
        if let mountPoint { _ = run("/bin/umount", [mountPoint]) }
        super.tearDown()
    }

    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A tmpfs at a new folder holding `files` (copied in), then mounted read-only; skips where mounting is not
    /// allowed (not root, or no CAP_SYS_ADMIN).
    private func readOnlyFolder(with files: [(from: String, name: String, bytes: Data?)]) throws -> String {
        let point = folder.file("ro")
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        try XCTSkipUnless(run("/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", point]),
                          "mounting a tmpfs is not allowed here")
        mountPoint = point
        for file in files {
            let bytes = try file.bytes ?? Data(contentsOf: URL(fileURLWithPath: file.from))
            try bytes.write(to: URL(fileURLWithPath: "\(point)/\(file.name)"))
        }
        XCTAssertTrue(run("/bin/mount", ["-o", "remount,ro", point]))
        return point
    }

    private func finishedJournal() throws -> String {
        let writer = try JournalWriter(path: journalPath, run: runInfo(id: "archived"))
        for record in oneOfEachKind() { writer.append(record) }
        try writer.close(final: completed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journalPath + "-wal"), "checkpointed and removed")
        return journalPath
    }

    func testAFinishedJournalIsReadInAFolderThatCannotBeWritten() throws {
        let source = try finishedJournal()
        let point = try readOnlyFolder(with: [(source, "quorum.sqlite", nil)])
        let reader = try JournalReader(path: "\(point)/quorum.sqlite")
        XCTAssertEqual(try reader.run(id: "archived")?.status, .completed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(point)/quorum.sqlite-shm"))
    }

    func testAJournalWhoseWALHoldsRecordsSaysWhyItCannotBeRead() throws {
        let source = try finishedJournal()
        let point = try readOnlyFolder(with: [(source, "quorum.sqlite", nil),
                                              (source, "quorum.sqlite-wal", Data("not empty".utf8))])
        XCTAssertThrowsError(try JournalReader(path: "\(point)/quorum.sqlite")) { error in
            XCTAssertEqual("\(error)", "\(point)/quorum.sqlite: cannot open the journal: it cannot be written here, "
                + "and reading the records in \(point)/quorum.sqlite-wal needs a \(point)/quorum.sqlite-shm file "
                + "beside it: copy both files to a folder this user can write")
        }
    }
}
