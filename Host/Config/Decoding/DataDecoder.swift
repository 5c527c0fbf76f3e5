import QuorumModel

/// `data:` — bar files and their symbols.
extension DecodingContext {
    static let dataKeys = ["path", "symbol", "on_bad_row"]

    mutating func decodeData(_ node: YAMLNode?) -> [DataSource] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            mismatch(node, "data", "a list of {path, symbol} entries")
            return []
        }
        var sources: [DataSource] = []
        var bySymbol: [String: SourceLocation] = [:]
        for (i, item) in items.enumerated() {
            let path = "data[\(i)]"
            guard let f = fields(of: item, at: path, keys: Self.dataKeys) else { continue }
            let policy = choice(f, "on_bad_row", default: DataSource.BadRowPolicy.error)
            guard let pathNode = required(f, "path"), let file = string(pathNode, f.path("path")) else { continue }
            var symbol = Self.defaultSymbol(forFile: file)
            var symbolLocation = pathNode.location
            if let symbolNode = f["symbol"] {
                guard let s = string(symbolNode, f.path("symbol")) else { continue }
                symbol = s
                symbolLocation = symbolNode.location
            } else if symbol.isEmpty {
                error(pathNode.location, "cannot derive a symbol from '\(file)'; add 'symbol:' to \(path)")
                continue
            }
            if let first = bySymbol[symbol] {
                error(symbolLocation, "symbol '\(symbol)' is already provided by the data entry at line \(first.line)")
                continue
            }
            bySymbol[symbol] = item.location
            sources.append(DataSource(path: resolve(file), symbol: symbol, onBadRow: policy, location: item.location))
        }
        return sources
    }

    /// The file name's prefix before its first `_` (`data/GOOG_1d.csv` → `GOOG`), or before its extension
    /// when it has no `_` (`data/GOOG.csv` → `GOOG`).
    static func defaultSymbol(forFile path: String) -> String {
        let name = FilePath.name(of: path)
        if let underscore = name.firstIndex(of: "_") { return String(name[..<underscore]) }
        if let dot = name.firstIndex(of: ".") { return String(name[..<dot]) }
        return name
    }
}
