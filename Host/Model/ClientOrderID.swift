/// The client order id, derived from (run, event, symbol, leg) only (SPEC §9): replaying the same event after
/// a retry or a restart derives the same id, so a broker that already has it refuses a second order.
///
/// The event is the market event whose verdict placed the order, by its number in the run's stream, not by
/// its time: a symbol is judged again at the end of a step when a strategy following several symbols signals
/// for it on another symbol's bar, so the time alone named two decisions' orders alike.
///
/// Kept as its parts; the text form (`RUN~EVENT-SYMBOL-LEG`: a run id of at most 64 characters, at most 20 of
/// the event, the leg's two and three separators leave 39 for the symbol within Alpaca's 128) is built only when
/// an order leaves the process or is journaled. The `~` after the run id is a character no run id has (and one
/// URLs leave as it is), so the text names one (run, event, symbol, leg) only: with a dash there, run `R` with
/// symbol `85-X` and run `R-85` with symbol `X` gave the same ids at event 85. An event is digits and a leg two
/// letters, so the symbol is what lies between them, whatever it holds. An identifier of the domain, like the
/// amounts and prices here: execution places orders under it and the journal writes it.
public struct ClientOrderID: Hashable, Sendable {
    /// The market event whose verdict placed the order: its number in the order the run received the events,
    /// the first being 0.
    public var event: Int
    public var symbol: Int
    public var leg: OrderLeg

    @inlinable public init(event: Int, symbol: Int, leg: OrderLeg) {
        self.event = event
        self.symbol = symbol
        self.leg = leg
    }

    // Spelled out to be inlinable: execution compares and hashes ids on every order it places or cancels.
    @inlinable public static func == (a: ClientOrderID, b: ClientOrderID) -> Bool {
        a.event == b.event && a.symbol == b.symbol && a.leg == b.leg
    }

    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(event)
        hasher.combine(symbol)
        hasher.combine(leg)
    }

    /// A bound on the bytes ``write(run:symbolName:to:)`` writes besides the run's and the symbol's: the event's
    /// number (a sign and at most 19 digits), three separators and the leg's two-letter code, 25 in all, with
    /// room to spare.
    public static let maxLengthBesidesNames = 34

    /// The text form for `run` with the symbol's name, e.g. `bt-20261121T101500Z-3f9a~4711-GOOG-en`.
    public func text(run: String, symbolName: String) -> String {
        var run = run, symbolName = symbolName
        return run.withUTF8 { run in
            symbolName.withUTF8 { symbol in
                String(unsafeUninitializedCapacity: run.count + symbol.count + Self.maxLengthBesidesNames) { text in
                    var cursor = ByteCursor(next: text.baseAddress!)
                    write(run: run, symbolName: symbol, to: &cursor)
                    return cursor.next - text.baseAddress!
                }
            }
        }
    }

    /// Writes the text form at `cursor`, with `run` and `symbolName` copied as they are (JSON-escaped ones
    /// make the id's JSON-escaped text: the rest needs no escaping). `cursor` must have room for both and
    /// ``maxLengthBesidesNames`` more bytes.
    public func write(run: UnsafeBufferPointer<UInt8>, symbolName: UnsafeBufferPointer<UInt8>,
                      to cursor: inout ByteCursor) {
        cursor.put(run)
        cursor.put(UInt8(ascii: "~"))
        cursor.next += DecimalText.write(Int64(event), to: cursor.next)
        cursor.put(UInt8(ascii: "-"))
        cursor.put(symbolName)
        cursor.put(UInt8(ascii: "-"))
        let code = leg.code
        cursor.put(UnsafeBufferPointer(start: code.utf8Start, count: code.utf8CodeUnitCount))
    }
}

/// The part an order plays in a trade.
public enum OrderLeg: String, Sendable, CaseIterable {
    /// Opens or adds to a position.
    case entry
    /// Closes or reduces a position on a verdict.
    case exit
    /// The protective stop of a position (one-cancels-other with the take-profit).
    case stopLoss = "stop_loss"
    /// The profit target of a position.
    case takeProfit = "take_profit"

    /// Short form used in client order ids.
    var code: StaticString {
        switch self {
        case .entry: return "en"
        case .exit: return "ex"
        case .stopLoss: return "sl"
        case .takeProfit: return "tp"
        }
    }
}
