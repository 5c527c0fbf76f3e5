/// One OHLCV bar of one symbol. Prices are exact decimals; volume is a plain double (it is never money).
public struct Bar: Sendable, Equatable {
    /// Open time of the bar; in a run that mixes daily and intraday data, a daily bar's is when its day ends
    /// (see `BarReaderOptions.stampsDatesAtDayEnd`), so bars come in the order their data is known.
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
