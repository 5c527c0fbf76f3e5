import Foundation

/// One symbol's bars from a bundled `data/*.csv` file, as columns.
struct BarData {
    let symbol: String
    let dates: [String]
    let time: [Int64]
    let open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double]

    var count: Int { time.count }

    /// The package root, three levels above this file (`Tests/ReferencePluginTests/BarData.swift`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every `data/*.csv` file name, sorted.
    static func bundledFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("data").path)
            .filter { $0.hasSuffix(".csv") }.sorted()
    }

    /// Loads `data/<file>`; the symbol is the file name up to the first `_`.
    static func load(_ file: String) throws -> BarData {
        let text = try String(contentsOf: root.appendingPathComponent("data/\(file)"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).dropFirst()
        var dates: [String] = [], time: [Int64] = [], cols = [[Double]](repeating: [], count: 5)
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            dates.append(String(cells[0]))
            time.append(nanoseconds(String(cells[0])))
            for c in 0..<5 { cols[c].append(Double(cells[c + 1])!) }
        }
        return BarData(symbol: String(file.prefix { $0 != "_" }), dates: dates, time: time, open: cols[0],
                       high: cols[1], low: cols[2], close: cols[3], volume: cols[4])
    }

    /// `YYYY-MM-DD[THH:MM:SS]` as ns since 1970-01-01 (days-from-civil, no time zone).
    static func nanoseconds(_ text: String) -> Int64 {
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int64($0)! }
        var (y, m, d) = (parts[0], parts[1], parts[2])
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        m = m > 2 ? m - 3 : m + 9
        let doy = (153 * m + 2) / 5 + d - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        let seconds = parts.count >= 6 ? parts[3] * 3600 + parts[4] * 60 + parts[5] : 0
        return (days * 86_400 + seconds) * 1_000_000_000
    }
}
