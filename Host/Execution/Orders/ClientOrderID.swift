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
        // Written byte by byte: every journaled order, order event and fill names its order.
        var run = run, symbolName = symbolName, leg = leg.code
        return run.withUTF8 { run in
            symbolName.withUTF8 { symbol in
                leg.withUTF8 { leg in
                    String(unsafeUninitializedCapacity: run.count + symbol.count + leg.count + 34) { text in
                        var n = 0
                        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                            for byte in bytes { text[n] = byte; n += 1 }
                        }
                        func put(_ value: Int64, width: Int = 1) {
                            n += DecimalText.write(value, minimumDigits: width, to: text.baseAddress! + n)
                        }
                        put(run)
                        text[n] = UInt8(ascii: "-"); n += 1
                        put(whole)
                        if nanos != 0 {
                            text[n] = UInt8(ascii: "."); n += 1
                            put(nanos, width: 9)
                        }
                        text[n] = UInt8(ascii: "-"); n += 1
                        put(symbol)
                        text[n] = UInt8(ascii: "-"); n += 1
                        put(leg)
                        return n
                    }
                }
            }
        }
    }
}
