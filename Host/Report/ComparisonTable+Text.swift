import QuorumPerformance

extension ComparisonTable {
    /// Aligned plain text for a terminal: names left-aligned, numbers right-aligned, `-` where undefined.
    /// Columns that no row defines (e.g. agreement when it was not computed) are left out.
    public var text: String {
        let metrics = PerformanceMetric.allCases.filter { metric in
            rows.contains { metric.rankValue(in: $0.statistics) != nil }
        }
        let header = ["name"] + metrics.map(\.title)
        let body = rows.map { row in
            [row.name] + metrics.map { MetricText.display($0, $0.rankValue(in: row.statistics), missing: "-") }
        }
        let widths = header.indices.map { column in
            ([header] + body).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + body.map(line)).joined(separator: "\n") + "\n"
    }
}
