import QuorumModel

/// A time-ordered stream of bars of one symbol: a CSV file, a synthetic walk, later a live connection.
public protocol BarStream {
    /// The next bar, or nil when the stream has ended. Bars come in strictly increasing time order.
    mutating func next() throws -> Bar?
}

/// One bar of one symbol, as delivered by a ``BarSource``.
public struct FeedEvent: Sendable, Equatable {
    /// Index of the symbol in the source's ``BarSource/symbols``.
    public var symbolIndex: Int
    public var bar: Bar

    @inlinable public init(symbolIndex: Int, bar: Bar) {
        self.symbolIndex = symbolIndex
        self.bar = bar
    }
}

/// What the engine pulls market events from: the bars of several symbols in time order.
///
/// Backtests use ``MergedFeed``; a live feed can conform later. Pull one event at a time with ``next()`` or a
/// batch with ``fill(into:max:)``.
public protocol BarSource {
    /// The symbols this source delivers, indexed by ``FeedEvent/symbolIndex``.
    var symbols: [String] { get }
    /// The next event, or nil when the source has ended.
    mutating func next() throws -> FeedEvent?
    /// Appends up to `max` events to `buffer` and returns how many were appended (0 only at the end).
    ///
    /// Callers reuse one buffer (`removeAll(keepingCapacity: true)` between batches), so a batch costs no
    /// allocation. If an error is thrown, the events appended before it stay in `buffer`.
    mutating func fill(into buffer: inout [FeedEvent], max: Int) throws -> Int
}

extension BarSource {
    public mutating func fill(into buffer: inout [FeedEvent], max: Int) throws -> Int {
        var appended = 0
        while appended < max, let event = try next() {
            buffer.append(event)
            appended += 1
        }
        return appended
    }
}

extension BarStream {
    /// Appends up to `max` bars to `buffer` and returns how many were appended (0 only at the end).
    public mutating func fill(into buffer: inout [Bar], max: Int) throws -> Int {
        var appended = 0
        while appended < max, let bar = try next() {
            buffer.append(bar)
            appended += 1
        }
        return appended
    }
}

/// Any ``BarStream``, so that streams of different kinds (files, synthetic, live) can be merged in one
/// ``MergedFeed``: `MergedFeed<AnyBarStream>`.
public struct AnyBarStream: BarStream {
    private var base: any BarStream

    public init(_ base: some BarStream) {
        self.base = base
    }

    public mutating func next() throws -> Bar? {
        try base.next()
    }
}
