import QuorumModel

/// One market event: a new bar of one symbol (by its id in the run's symbol table).
public struct MarketEvent: Sendable, Equatable {
    public var symbol: Int
    public var bar: Bar
    public init(symbol: Int, bar: Bar) {
        self.symbol = symbol
        self.bar = bar
    }
}

/// Where events come from: CSV files merged in time order in a backtest, a live feed in the daemon.
/// Events must arrive in non-decreasing time order.
public protocol MarketEventSource {
    mutating func next() throws -> MarketEvent?
}
