import QuorumModel
import XCTest
@testable import QuorumJournal

/// Schema version 2: a real version-1 journal is upgraded in place; book statistics and control requests.
final class VersionTwoTests: JournalTestCase {
    func testAVersionOneJournalIsUpgradedKeepingItsRuns() throws {
        let path = folder.file("v1.sqlite")
        let v1 = try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100,
                                                migrator: Migrator([JournalSchema.version1]))
        _ = try v1.insertRun(runInfo(id: "old"))
        v1.close()
        XCTAssertThrowsError(try JournalReader(path: path)) {
            XCTAssertEqual($0 as? JournalError, .olderSchema(path: path, version: 1, current: JournalSchema.version))
        }
        let writer = try JournalWriter(path: path, run: runInfo(id: "new"))
        try writer.bookStats([BookStatsRow(book: ensembleBook, verdicts: 10, agreements: 10, attributedPnL: Money(units: 5)),
                              BookStatsRow(book: 0, verdicts: 8, agreements: 6, attributedPnL: Money(raw: 123_456_789))])
        try writer.close(final: completed)
        let reader = try JournalReader(path: path)
        XCTAssertEqual(try reader.runs().map(\.info.id), ["old", "new"])
        XCTAssertEqual(try reader.bookStats(run: "old"), [])
        let stats = try reader.bookStats(run: "new")
        XCTAssertEqual(stats.map(\.book), [ensembleBook, 0])
        XCTAssertEqual(stats[1].attributedPnL, Money(raw: 123_456_789), "exact")
        XCTAssertEqual(stats[1].agreement, 0.75)
        XCTAssertEqual(try reader.integrityCheck(), "ok")
    }

    func testResumeRequestsGoThroughTheJournal() throws {
        XCTAssertThrowsError(try ControlRequests.write(.resume, reason: "x", path: folder.file("none.sqlite"))) {
            XCTAssertTrue(String(describing: $0).contains("none.sqlite: cannot open"), String(describing: $0))
        }
        // An empty file is not made into a journal by a request: it is refused and left as it was.
        let empty = folder.file("empty.sqlite")
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        XCTAssertThrowsError(try ControlRequests.write(.resume, reason: "x", path: empty))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int, 0)
        // A journal of an older version holding a run takes the request (it is upgraded on the way).
        let older = folder.file("v1.sqlite")
        let v1 = try JournalFile.openForWriting(path: older, busyTimeoutMilliseconds: 100,
                                                migrator: Migrator([JournalSchema.version1]))
        _ = try v1.insertRun(runInfo(id: "old"))
        v1.close()
        XCTAssertNoThrow(try ControlRequests.write(.resume, reason: "after the upgrade", path: older))
        XCTAssertEqual(try ControlRequests.pending(path: older).map(\.reason), ["after the upgrade"])
        try JournalWriter(path: journalPath, run: runInfo()).close(final: completed)
        let first = try ControlRequests.write(.resume, reason: "drawdown reviewed", path: journalPath)
        let second = try ControlRequests.write(.resume, reason: "again", path: journalPath)
        XCTAssertEqual(try ControlRequests.pending(path: journalPath).map(\.reason), ["drawdown reviewed", "again"])
        try ControlRequests.markHandled(first, run: "run-1", path: journalPath)
        let left = try ControlRequests.pending(path: journalPath)
        XCTAssertEqual(left.map(\.id), [second])
        XCTAssertEqual(left.first?.action, .resume)
    }
}
