/// `journal:` — database path and level.
extension DecodingContext {
    static let journalKeys = ["path", "level"]

    mutating func decodeJournal(_ node: YAMLNode?) -> JournalConfig {
        var journal = JournalConfig(path: resolve("runs/quorum.sqlite"))
        guard let node, let f = fields(of: node, at: "journal", keys: Self.journalKeys) else { return journal }
        if let pathNode = f["path"], let path = string(pathNode, f.path("path")) { journal.path = resolve(path) }
        journal.level = choice(f, "level", default: .decisions)
        return journal
    }
}
