import QuorumPerformance

/// What `quorum compare --sort` orders rows by: the name, or a metric by its JSON key.
public enum ComparisonSortKey: Sendable, Equatable {
    /// Names in ascending order.
    case name
    /// Best first: descending where higher is better (including max drawdown, which is negative, so the
    /// shallowest comes first), ascending for volatility and turnover (``PerformanceMetric/higherIsBetter``).
    /// Rows where the metric is undefined go last.
    case metric(PerformanceMetric)

    /// Every accepted key: `name` and the metric keys, in table order.
    public static var validKeys: [String] { ["name"] + PerformanceMetric.allCases.map(\.key) }

    /// Parses `name` or a metric's JSON key (`sharpe`, `max_drawdown`, …).
    /// - Throws: ``UnknownSortKey`` naming the valid keys.
    public init(parsing key: String) throws {
        if key == "name" {
            self = .name
        } else if let metric = PerformanceMetric(rawValue: key) {
            self = .metric(metric)
        } else {
            throw UnknownSortKey(key: key)
        }
    }
}

/// A `--sort` key that is neither `name` nor a metric.
public struct UnknownSortKey: Error, Equatable, CustomStringConvertible {
    /// The key as given.
    public var key: String

    /// The error for `key`.
    public init(key: String) { self.key = key }

    /// "unknown metric 'KEY'; valid: name, sharpe, …".
    public var description: String {
        "unknown metric '\(key)'; valid: \(ComparisonSortKey.validKeys.joined(separator: ", "))"
    }
}
