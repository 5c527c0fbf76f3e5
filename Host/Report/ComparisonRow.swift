import QuorumModel
import QuorumPerformance

/// One line of a comparison: a book's name and its statistics.
public struct ComparisonRow: Sendable, Equatable {
    /// The name of the ensemble row.
    public static let ensembleName = ensembleBookName

    /// `ensemble` or the strategy's name.
    public var name: String
    /// The book's statistics.
    public var statistics: PerformanceStatistics

    /// A row for the book called `name`.
    public init(name: String, statistics: PerformanceStatistics) {
        self.name = name
        self.statistics = statistics
    }
}
