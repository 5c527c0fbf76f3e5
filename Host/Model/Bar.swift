/// One OHLCV bar of one symbol. Prices are exact decimals; volume is a plain double (it is never money).
public struct Bar: Sendable, Equatable {
    /// Open time of the bar.
    public var time: Timestamp
    public var open: Price
    public var high: Price
    public var low: Price
    public var close: Price
    public var volume: Double

    @inlinable
    public init(time: Timestamp, open: Price, high: Price, low: Price, close: Price, volume: Double) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
