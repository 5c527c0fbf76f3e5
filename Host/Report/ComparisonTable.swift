import QuorumPerformance

/// The statistics of the ensemble and of every strategy, side by side (`quorum compare`, SPEC §12–13).
public struct ComparisonTable: Sendable, Equatable {
    /// The rows in display order.
    public var rows: [ComparisonRow]

    /// Rows in the given order.
    public init(rows: [ComparisonRow]) {
        self.rows = rows
    }

    /// The ensemble first, named ``ComparisonRow/ensembleName``, then the strategies in the given order.
    public init(ensemble: PerformanceStatistics, strategies: [ComparisonRow]) {
        self.init(rows: [ComparisonRow(name: ComparisonRow.ensembleName, statistics: ensemble)] + strategies)
    }

    /// The rows ordered by `key` (see ``ComparisonSortKey``); the sort is stable, so ties keep their order.
    public func sorted(by key: ComparisonSortKey) -> ComparisonTable {
        switch key {
        case .name:
            return ComparisonTable(rows: stableSorted { $0.name < $1.name })
        case .metric(let metric):
            return ComparisonTable(rows: stableSorted { a, b in
                switch (metric.rankValue(in: a.statistics), metric.rankValue(in: b.statistics)) {
                case let (x?, y?): return metric.higherIsBetter ? x > y : x < y
                case (.some, nil): return true
                default: return false
                }
            })
        }
    }

    /// The rows ordered by the metric whose JSON key is `key`, or by `name`.
    /// - Throws: ``UnknownSortKey`` listing the valid keys.
    public func sorted(by key: String) throws -> ComparisonTable {
        sorted(by: try ComparisonSortKey(parsing: key))
    }

    private func stableSorted(_ before: (ComparisonRow, ComparisonRow) -> Bool) -> [ComparisonRow] {
        rows.enumerated().sorted { a, b in
            before(a.element, b.element) || (!before(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
    }
}
