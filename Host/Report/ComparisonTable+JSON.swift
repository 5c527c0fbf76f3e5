import QuorumModel
import QuorumPerformance

extension ComparisonTable {
    /// `{"rows": [{"name": …, "sharpe": …, …}]}`: every metric of ``PerformanceMetric`` by its key, in catalogue
    /// order, as a plain JSON number (the shortest text that reads back as the same double; the counts `trades`
    /// and `periods_per_year` as integers) or `null` when undefined. Never NaN or infinity.
    public var json: JSONValue {
        .object([("rows", .array(rows.map { row in
            .object([("name", .string(row.name))] + PerformanceMetric.allCases.map { metric in
                (metric.key, MetricText.exact(metric, in: row.statistics).map(JSONValue.number) ?? .null)
            })
        }))])
    }
}
