import Foundation

/// Locates the repository's bundled files relative to this source file, so tests run from any directory.
enum Fixtures {
    /// The package root: two levels above `Tests/IndicatorTests/`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A CSV file as a header → column-index map and rows of raw cell text.
    struct CSV {
        let header: [String: Int]
        let rows: [[String]]

        /// The column named `name` parsed as doubles; empty cells are nil.
        func doubles(_ name: String) -> [Double?] {
            let i = header[name]!
            return rows.map { $0[i].isEmpty ? nil : Double($0[i])! }
        }

        func strings(_ name: String) -> [String] {
            let i = header[name]!
            return rows.map { $0[i] }
        }
    }

    static func csv(_ relativePath: String) throws -> CSV {
        let text = try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let names = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let header = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let rows = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return CSV(header: header, rows: rows)
    }
}
