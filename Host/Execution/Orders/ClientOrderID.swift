import QuorumModel

/// The client order id, derived from (run, event, symbol, leg) only (SPEC §9): replaying the same event after
/// a retry or a restart derives the same id, so a broker that already has it refuses a second order.
///
/// Kept as its parts; the text form (`RUN-EVENT-SYMBOL-LEG`, at most 128 characters as Alpaca requires) is
/// built only when an order leaves the process or is journaled.
public struct ClientOrderID: Hashable, Sendable {
    /// The event: the time of the bar whose verdict placed the order.
    public var event: Timestamp
    public var symbol: Int
    public var leg: OrderLeg

    public init(event: Timestamp, symbol: Int, leg: OrderLeg) {
        self.event = event
        self.symbol = symbol
        self.leg = leg
    }

    /// The text form for `run` with the symbol's name, e.g. `bt7f3a-1103760000-GOOG-en`.
    /// The event is written as seconds since 1970, with nine fraction digits when it has any.
    public func text(run: String, symbolName: String) -> String {
        let whole = Timestamps.floor(event, nanosecondsPerSecond)
        let nanos = event - whole * nanosecondsPerSecond
        var seconds = String(whole)
        if nanos != 0 {
            let digits = String(nanos)
            seconds += "." + String(repeating: "0", count: 9 - digits.count) + digits
        }
        return "\(run)-\(seconds)-\(symbolName)-\(leg.code)"
    }
}
