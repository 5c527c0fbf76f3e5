import QuorumPerformance

extension ComparisonTable {
    /// RFC 4180 CSV (CRLF line ends, fields quoted when needed): a header `name,sharpe,…` with the JSON keys,
    /// then one record per row. Numbers are written in full (as in JSON); undefined values are empty.
    public var csv: String {
        let header = CSV.record(["name"] + PerformanceMetric.allCases.map(\.key))
        return header + rows.map { row in
            CSV.record([row.name] + PerformanceMetric.allCases.map { MetricText.exact($0, in: row.statistics) ?? "" })
        }.joined()
    }
}
