import QuorumModel
import Synchronization
import XCTest
@testable import QuorumJournal

final class SchemaTests: JournalTestCase {
    func testNewJournalHasTheCurrentSchemaInWALMode() throws {
        let writer = try JournalWriter(path: journalPath, run: runInfo())
        let db = try rawDatabase(journalPath)
        XCTAssertEqual(try db.userVersion(), JournalSchema.version)
        XCTAssertEqual(try db.scalarText("PRAGMA journal_mode"), "wal")
        let tables = Set(try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .rows { (r: inout Row) in r.text() })
        for table in ["runs", "symbols", "plugins", "strategies", "strategy_symbols", "strategy_params",
                      "journal_sequence", "record_blocks", "equity_blocks", "weights", "faults",
                      "quarantines", "transition_errors", "book_stats", "control_requests"] {
            XCTAssertTrue(tables.contains(table), table)
        }
        let views = Set(try db.prepare("SELECT name FROM sqlite_master WHERE type = 'view'")
            .rows { (r: inout Row) in r.text() })
        XCTAssertEqual(views, Set(["events", "equity"] + PackedRecords.kinds.map(\.table)))
        XCTAssertEqual(try db.scalar("SELECT next_seq FROM journal_sequence"), 1)
        XCTAssertEqual(try db.integrityCheck(), "ok")
        try writer.close(final: completed)
    }

    /// A new journal is created from `JournalSchema.snapshot` in one step; it must hold exactly what the
    /// migrations build on an empty file: the same tables, indexes and views, each with the same SQL, and the
    /// same seeded rows. When a new migration changes the schema, this test prints the snapshot to use.
    func testTheSnapshotBuildsWhatTheMigrationsBuild() throws {
        let migrations = JournalSchema.migrator.migrations
        let replayed = try Database(path: folder.file("replayed.sqlite"), access: .readWrite,
                                    busyTimeoutMilliseconds: 100)
        try Migrator(migrations).migrate(replayed)
        let created = try Database(path: folder.file("created.sqlite"), access: .readWrite,
                                   busyTimeoutMilliseconds: 100)
        try JournalSchema.migrator.migrate(created)

        XCTAssertEqual(try created.userVersion(), JournalSchema.version)
        XCTAssertEqual(try created.userVersion(), try replayed.userVersion())
        let expected = try schema(of: replayed)
        let script = try snapshotScript(of: replayed)
        XCTAssertEqual(try schema(of: created), expected, """
            JournalSchema.snapshot is not what the migrations build; the script they build is:
            \(script)
            """)
        for table in expected.filter({ $0.hasPrefix("table ") }).map({ String($0.split(separator: " ")[1]) }) {
            XCTAssertEqual(try contents(of: table, in: created), try contents(of: table, in: replayed), table)
        }
        XCTAssertEqual(try contents(of: "journal_sequence", in: created), ["1"])
        XCTAssertEqual(try created.integrityCheck(), "ok")
    }

    /// A new journal starts as a copy of `JournalTemplate`: it must hold exactly what the snapshot script
    /// builds — the same version, WAL mode, page size, schema and seeded rows. When they differ (a new
    /// migration), this test writes the template the script builds as a Swift file and names it.
    func testTheTemplateHoldsWhatTheSnapshotBuilds() throws {
        let scripted = folder.file("scripted/quorum.sqlite")
        let script = Migrator(JournalSchema.migrator.migrations, snapshot: JournalSchema.snapshot)
        XCTAssertNil(script.template)
        try JournalFile.openForWriting(path: scripted, busyTimeoutMilliseconds: 100, migrator: script).close()
        let built = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: scripted)))
        XCTAssertEqual(JournalFileImage.decode(JournalFileImage.encode(built)), built, "the image round-trips")

        let copied = folder.file("copied/quorum.sqlite")
        try JournalFile.openForWriting(path: copied, busyTimeoutMilliseconds: 100).close()
        let (a, b) = (try rawDatabase(scripted), try rawDatabase(copied))
        var same = JournalSchema.migrator.template != nil
        for query in ["PRAGMA user_version", "PRAGMA journal_mode", "PRAGMA page_size", "PRAGMA integrity_check"] {
            if try a.scalarText(query) != b.scalarText(query) { same = false }
        }
        if try schema(of: a) != schema(of: b) { same = false }
        for table in try schema(of: a).filter({ $0.hasPrefix("table ") }).map({ String($0.split(separator: " ")[1]) }) {
            if try contents(of: table, in: a) != contents(of: table, in: b) { same = false }
        }
        guard same else {
            let file = NSTemporaryDirectory() + "JournalTemplate.swift"
            try templateSource(built).write(toFile: file, atomically: true, encoding: .utf8)
            return XCTFail("JournalTemplate is not what JournalSchema.snapshot builds: copy \(file) to "
                           + "Host/Journal/Schema/JournalTemplate.swift")
        }
        XCTAssertEqual(try b.scalarText("PRAGMA journal_mode"), "wal")
        XCTAssertEqual(try b.userVersion(), JournalSchema.version)
    }

    /// A damaged image decodes to nothing (a new journal is then built by the script).
    func testADamagedTemplateImageIsRefused() throws {
        let image = JournalFileImage.encode(Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0, count: 4096) + [1, 2])
        XCTAssertNotNil(JournalFileImage.decode(image))
        XCTAssertNil(JournalFileImage.decode(String(image.dropLast(4))))
        XCTAssertNil(JournalFileImage.decode("not base64!"))
        XCTAssertNil(JournalFileImage.decode(JournalFileImage.encode(Array("not an SQLite file".utf8))))
        // A template of another version than the newest is not used.
        let built = try XCTUnwrap(JournalTemplate.bytes)
        XCTAssertNil(Migrator(Array(JournalSchema.migrator.migrations.prefix(4)), template: built).template)
        XCTAssertNotNil(Migrator(JournalSchema.migrator.migrations, template: built).template)
    }

    /// The template is made only to create a file: opening an existing journal (every run after a file's
    /// first) does not decode it.
    func testOnlyCreatingAJournalMakesItsTemplate() throws {
        let built = try XCTUnwrap(JournalTemplate.bytes)
        let asked = Mutex(0)
        let migrator = Migrator(JournalSchema.migrator.migrations, snapshot: JournalSchema.snapshot,
                                template: { asked.withLock { $0 += 1 }; return built }())
        XCTAssertEqual(asked.withLock { $0 }, 0)
        try JournalFile.openForWriting(path: journalPath, busyTimeoutMilliseconds: 100, migrator: migrator).close()
        XCTAssertEqual(asked.withLock { $0 }, 1)
        try JournalFile.openForWriting(path: journalPath, busyTimeoutMilliseconds: 100, migrator: migrator).close()
        try JournalFile.openForReading(path: journalPath, migrator: migrator).close()
        XCTAssertEqual(asked.withLock { $0 }, 1)
        XCTAssertEqual(try rawDatabase(journalPath).userVersion(), JournalSchema.version)
    }

    /// A new journal has 16 KiB pages, whether copied from the template or built by the script; a journal with
    /// SQLite's default 4 KiB pages (every one created before) keeps them, and takes and gives back runs the same.
    func testNewJournalsHaveLargePagesAndOlderOnesKeepTheirs() throws {
        let script = Migrator(JournalSchema.migrator.migrations, snapshot: JournalSchema.snapshot)
        let scripted = folder.file("scripted/quorum.sqlite")
        try JournalFile.openForWriting(path: scripted, busyTimeoutMilliseconds: 100, migrator: script).close()
        try JournalWriter(path: journalPath, run: runInfo()).close(final: completed)
        for path in [scripted, journalPath] {
            XCTAssertEqual(try rawDatabase(path).scalar("PRAGMA page_size"), Int64(JournalFile.pageSize), path)
        }

        let older = folder.file("older/quorum.sqlite")
        try FileManager.default.createDirectory(atPath: folder.file("older"), withIntermediateDirectories: true)
        let empty = try Database(path: older, access: .readWrite, busyTimeoutMilliseconds: 100)
        try empty.execute("PRAGMA page_size=4096")
        XCTAssertEqual(try empty.scalarText("PRAGMA journal_mode=WAL"), "wal")
        empty.close()
        for id in ["run-1", "run-2"] {
            let writer = try JournalWriter(path: older, run: runInfo(id: id))
            for day in 0..<500 {
                writer.append(EquityRecord(time: t0 + Int64(day) * nanosecondsPerDay, book: ensembleBook,
                                           equity: Money(units: Int64(day)), cash: .zero, exposure: .zero))
            }
            try writer.close(final: completed)
        }
        XCTAssertEqual(try rawDatabase(older).scalar("PRAGMA page_size"), 4096)
        XCTAssertEqual(try rawDatabase(older).integrityCheck(), "ok")
        let curve = try JournalReader(path: older).equity(run: "run-2", book: ensembleBook)
        XCTAssertEqual(curve.map(\.equity), (0..<500).map { Money(units: Int64($0)) })
    }

    func testAFutureSchemaVersionIsRefusedNamingTheFile() throws {
        try JournalWriter(path: journalPath, run: runInfo()).close(final: completed)
        try rawDatabase(journalPath).setUserVersion(JournalSchema.version + 7)

        XCTAssertThrowsError(try JournalWriter(path: journalPath, run: runInfo(id: "run-2"))) { error in
            XCTAssertEqual(error as? JournalError,
                           .newerSchema(path: journalPath, version: JournalSchema.version + 7,
                                        supported: JournalSchema.version))
            let text = String(describing: error)
            let expected = journalPath + ": journal schema version \(JournalSchema.version + 7) is newer"
            XCTAssertTrue(text.hasPrefix(expected), text)
        }
        XCTAssertThrowsError(try JournalReader(path: journalPath)) { error in
            guard case .newerSchema(journalPath, JournalSchema.version + 7, _)? = error as? JournalError else {
                return XCTFail("\(error)")
            }
        }
        // Refused without touching the file.
        XCTAssertEqual(try rawDatabase(journalPath).count("SELECT count(*) FROM runs"), 1)
    }

    func testMigrationsUpgradeAnOlderFileOneTransactionEach() throws {
        let path = folder.file("old.sqlite")
        let v1 = Migration(version: 1, sql: "CREATE TABLE a (x INTEGER);")
        let v2 = Migration(version: 2, sql: "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z INTEGER);")
        let v3 = Migration(version: 3, sql: "CREATE TABLE c (w INTEGER);")

        _ = try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100, migrator: Migrator([v1]))
        XCTAssertEqual(try rawDatabase(path).userVersion(), 1)
        try rawDatabase(path).execute("INSERT INTO a (x) VALUES (42)")

        let upgraded = try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100,
                                                      migrator: Migrator([v1, v2, v3]))
        XCTAssertEqual(try upgraded.userVersion(), 3)
        XCTAssertEqual(try upgraded.scalar("SELECT x FROM a WHERE y IS NULL"), 42)
        XCTAssertEqual(try upgraded.count("SELECT count(*) FROM sqlite_master WHERE name IN ('b', 'c')"), 2)
        // Reading needs exactly the current version.
        XCTAssertThrowsError(try JournalFile.openForReading(path: path, migrator: Migrator([v1, v2, v3, v3next])))
        { XCTAssertEqual($0 as? JournalError, .olderSchema(path: path, version: 3, current: 4)) }
        XCTAssertNoThrow(try JournalFile.openForReading(path: path, migrator: Migrator([v1, v2, v3])))
    }

    /// A migration's SQL is written out only to be run: opening a file of the newest version builds none (the
    /// views of every version made ~1.5M instructions of each start).
    func testOnlyAMigrationThatRunsWritesItsSQL() throws {
        final class Built: @unchecked Sendable { var versions: [Int] = [] }
        let built = Built()
        @Sendable func sql(_ version: Int, _ text: String) -> String {
            built.versions.append(version)
            return text
        }
        let v1 = Migration(version: 1, sql: sql(1, "CREATE TABLE a (x INTEGER);"))
        let v2 = Migration(version: 2, sql: sql(2, "CREATE TABLE b (y INTEGER);"))
        let path = folder.file("lazy.sqlite")
        try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100, migrator: Migrator([v1])).close()
        XCTAssertEqual(built.versions, [1])
        try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100, migrator: Migrator([v1, v2])).close()
        XCTAssertEqual(built.versions, [1, 2])
        try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100, migrator: Migrator([v1, v2])).close()
        _ = try JournalFile.openForReading(path: path, migrator: Migrator([v1, v2]))
        XCTAssertEqual(built.versions, [1, 2], "an up-to-date file runs and builds nothing")
    }

    func testAFailedMigrationLeavesTheFileAtTheLastVersionItReached() throws {
        let path = folder.file("broken.sqlite")
        let v1 = Migration(version: 1, sql: "CREATE TABLE a (x INTEGER);")
        let v2 = Migration(version: 2, sql: "CREATE TABLE b (x INTEGER); CREATE TABLE a (x INTEGER);")
        func failsNamingTheFile() {
            XCTAssertThrowsError(try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100,
                                                                migrator: Migrator([v1, v2]))) { error in
                guard case .sqlite(path, _, let message, _)? = error as? JournalError else {
                    return XCTFail("\(error)")
                }
                XCTAssertTrue(message.contains("table a already exists"), message)
            }
        }
        // A new journal is created whole or not at all: nothing is left behind, not even a temporary file.
        failsNamingTheFile()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
        // An existing one keeps the version it had.
        try JournalFile.openForWriting(path: path, busyTimeoutMilliseconds: 100, migrator: Migrator([v1])).close()
        failsNamingTheFile()
        let db = try rawDatabase(path)
        XCTAssertEqual(try db.userVersion(), 1)
        XCTAssertEqual(try db.count("SELECT count(*) FROM sqlite_master WHERE name = 'b'"), 0)
    }

    func testAnotherSQLiteFileOrAnyOtherFileIsNotAJournal() throws {
        let other = folder.file("other.sqlite")
        try rawDatabase(other).execute("CREATE TABLE t (x)")
        XCTAssertThrowsError(try JournalWriter(path: other, run: runInfo())) {
            XCTAssertEqual($0 as? JournalError, .notAJournal(path: other))
        }
        XCTAssertEqual(try rawDatabase(other).scalarText("PRAGMA journal_mode"), "delete", "refused untouched (not switched to WAL)")
        // A user_version of its own does not make a file a journal: it is not migrated.
        let versioned = folder.file("versioned.sqlite")
        try rawDatabase(versioned).execute("CREATE TABLE t (x); PRAGMA user_version = 1")
        XCTAssertThrowsError(try JournalWriter(path: versioned, run: runInfo())) {
            XCTAssertEqual($0 as? JournalError, .notAJournal(path: versioned))
        }
        XCTAssertEqual(try rawDatabase(versioned).userVersion(), 1)
        XCTAssertEqual(try rawDatabase(versioned).count("SELECT count(*) FROM sqlite_master"), 1)
        XCTAssertThrowsError(try JournalReader(path: other)) {
            XCTAssertEqual($0 as? JournalError, .notAJournal(path: other))
        }

        let text = folder.file("notes.txt")
        try String(repeating: "not a database\n", count: 100).write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try JournalWriter(path: text, run: runInfo())) {
            XCTAssertEqual($0 as? JournalError, .notAJournal(path: text))
        }
        XCTAssertThrowsError(try JournalReader(path: text)) {
            XCTAssertEqual($0 as? JournalError, .notAJournal(path: text))
        }
    }

    /// A relative name starting with "file:" is a file of that name, not an SQLite URI (which wrote the run to
    /// j.sqlite beside an empty journal named file:j.sqlite).
    func testAPathStartingWithFileIsAFileName() throws {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try JournalWriter(path: "file:j.sqlite", run: runInfo()).close(final: completed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "j.sqlite"))
        XCTAssertEqual(try JournalReader(path: "file:j.sqlite").runs().map(\.info.id), ["run-1"])
    }

    func testBadPathsGiveClearErrors() throws {
        let file = folder.file("plain-file")
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        for underFile in [file + "/quorum.sqlite", file + "/runs/quorum.sqlite"] {
            XCTAssertThrowsError(try JournalWriter(path: underFile, run: runInfo())) { error in
                XCTAssertEqual(error as? JournalError, .folderIsAFile(path: underFile, folder: file))
                XCTAssertEqual("\(error)", underFile + ": cannot create the journal's folder: \(file) is a file, not a folder")
            }
        }

        let folderAsFile = folder.path
        XCTAssertThrowsError(try JournalWriter(path: folderAsFile, run: runInfo())) { error in
            XCTAssertEqual(error as? JournalError, .isAFolder(path: folderAsFile))
        }

        let missing = folder.file("missing.sqlite")
        XCTAssertThrowsError(try JournalReader(path: missing)) {
            XCTAssertEqual($0 as? JournalError, .noSuchFile(path: missing))
            XCTAssertEqual("\($0)", missing + ": cannot open the journal: no such file")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "reading never creates a file")
    }

    // MARK: Helpers

    /// `Host/Journal/Schema/JournalTemplate.swift` holding `bytes`.
    private func templateSource(_ bytes: [UInt8]) -> String {
        let image = JournalFileImage.encode(bytes)
        var lines: [String] = []
        var rest = Substring(image)
        while !rest.isEmpty {
            lines.append("        " + rest.prefix(112) + (rest.count > 112 ? "\\" : ""))
            rest = rest.dropFirst(112)
        }
        return """
            // Written by SchemaTests.testTheTemplateHoldsWhatTheSnapshotBuilds: do not edit by hand.

            /// An empty journal of schema version \(JournalSchema.version) in WAL mode — the file `JournalSchema.snapshot` builds on an empty
            /// file — as ``JournalFileImage`` text (\(bytes.count) bytes). A new journal starts as a copy of it
            /// (``Migrator/template``). `SchemaTests` checks that a journal made from it holds exactly what the
            /// snapshot builds, and when they differ writes this file anew.
            enum JournalTemplate {
                /// The file, or nil when ``image`` does not decode.
                static let bytes: [UInt8]? = JournalFileImage.decode(image)

                static let image = \"\"\"
            \(lines.joined(separator: "\n"))
                    \"\"\"
            }

            """
    }

    /// Every schema object but SQLite's own, as "type name sql", sorted.
    private func schema(of db: Database) throws -> [String] {
        try db.prepare("""
            SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
            """).rows { (r: inout Row) in "\(r.text()) \(r.text()) \(r.text())" }.sorted()
    }

    /// The SQL that would rebuild `db`'s schema: tables, then indexes, then views, each in creation order.
    private func snapshotScript(of db: Database) throws -> String {
        try db.prepare("""
            SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
            ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid
            """).rows { (r: inout Row) in r.text() + ";" }.joined(separator: "\n")
    }

    /// Every row of `table`, quoted.
    private func contents(of table: String, in db: Database) throws -> [String] {
        let columns = try db.prepare("SELECT name FROM pragma_table_info('\(table)')").rows { (r: inout Row) in
            "quote(\(r.text()))"
        }
        return try db.prepare("SELECT \(columns.joined(separator: " || ',' || ")) FROM \(table)").rows {
            (r: inout Row) in r.text()
        }
    }
}

private let v3next = Migration(version: 4, sql: "CREATE TABLE d (x INTEGER);")
