/// A market event the engine judges symbols on: a bar of one symbol arriving. Its number counts the run's events
/// from 0 in the order they came (client order ids take it); its time is the bar's.
public struct MarketEvent: Sendable, Equatable {
    public var number: Int
    public var time: Timestamp

    @inlinable public init(number: Int, time: Timestamp) {
        self.number = number
        self.time = time
    }
}
