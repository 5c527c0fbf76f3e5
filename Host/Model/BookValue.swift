/// The name the ensemble's book goes by in comparisons and reports: no strategy may take it.
public let ensembleBookName = "ensemble"

/// A book's value at the end of a time step, at its marks.
public struct BookValue: Sendable, Equatable {
    public var equity: Money
    public var cash: Money
    /// The gross value of the positions.
    public var exposure: Money

    public init(equity: Money, cash: Money, exposure: Money) {
        self.equity = equity
        self.cash = cash
        self.exposure = exposure
    }
}
