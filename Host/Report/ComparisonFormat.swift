/// The output formats of `quorum compare --format`.
public enum ComparisonFormat: String, CaseIterable, Sendable {
    /// Aligned plain text for a terminal.
    case table
    /// `{"rows": [{"name": …, "sharpe": …, …}]}` with plain numbers and `null` where undefined.
    case json
    /// RFC 4180 CSV with a header line.
    case csv
    /// A standalone HTML page holding the table.
    case html

    /// `table` rendered in this format.
    public func render(_ table: ComparisonTable) -> String {
        switch self {
        case .table: return table.text
        case .json: return table.json.serialized(pretty: true) + "\n"
        case .csv: return table.csv
        case .html: return table.htmlPage
        }
    }
}
