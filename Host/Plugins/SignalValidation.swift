import QuorumModel
import QuorumPluginAPI

/// Checks one raw signal from a plugin and turns it into a ``Signal``, or says why it counts as absent.
public enum SignalValidation {
    /// Checks `raw`; the signal keeps the plugin's reason text only `keepingReason` (a copy of it is a string
    /// made for every signal).
    public static func validate(_ raw: quorum_signal_t, symbolCount: Int,
                                keepingReason: Bool = true) -> Result<(Int, Signal), SignalFault> {
        guard Int(raw.symbol_index) < symbolCount else { return .failure(.symbolOutOfRange(raw.symbol_index)) }
        guard let direction = Direction(rawValue: raw.direction) else { return .failure(.invalidDirection(raw.direction)) }
        guard raw.confidence >= 0, raw.confidence <= 1 else { return .failure(.invalidConfidence(raw.confidence)) }
        var signal = Signal(direction: direction, confidence: raw.confidence)
        let flags = raw.flags
        if flags & QUORUM_SIGNAL_HAS_TARGET_WEIGHT != 0 {
            guard raw.target_weight >= 0, raw.target_weight <= 1 else {
                return .failure(.invalidTargetWeight(raw.target_weight))
            }
            signal.targetWeight = raw.target_weight
        }
        if flags & QUORUM_SIGNAL_HAS_STOP_LOSS != 0 {
            guard let p = positivePrice(raw.stop_loss) else {
                return .failure(.invalidPrice(field: "stop_loss", value: raw.stop_loss))
            }
            signal.stopLoss = p
        }
        if flags & QUORUM_SIGNAL_HAS_TAKE_PROFIT != 0 {
            guard let p = positivePrice(raw.take_profit) else {
                return .failure(.invalidPrice(field: "take_profit", value: raw.take_profit))
            }
            signal.takeProfit = p
        }
        if flags & QUORUM_SIGNAL_HAS_EXPIRY != 0 {
            guard raw.expiry_bars >= 1 else { return .failure(.invalidExpiry) }
            signal.expiryBars = Int(raw.expiry_bars)
        }
        if keepingReason, let reason = raw.reason {
            signal.reason = boundedString(reason, maxBytes: Int(QUORUM_REASON_MAX))
        }
        return .success((Int(raw.symbol_index), signal))
    }

    /// `value` as the host keeps a price (rounded to 10⁻⁸), when that is positive: a price that rounds to 0 is as
    /// invalid as 0 itself. nil for a non-finite or out-of-range value too.
    static func positivePrice(_ value: Double) -> Price? {
        guard let price = Price(value), price.raw > 0 else { return nil }
        return price
    }

    /// Copies at most `maxBytes` of a C string without reading past them, cut at a UTF-8 boundary: a last
    /// character that the limit cuts is left out. (It looked at the byte after the limit to tell.)
    static func boundedString(_ p: UnsafePointer<CChar>, maxBytes: Int) -> String {
        var n = 0
        while n < maxBytes && p[n] != 0 { n += 1 }
        let bytes = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self)
        var end = n
        if n == maxBytes && n > 0 {
            var start = n - 1   // where the last character starts
            while start > 0 && (bytes[start] & 0xC0) == 0x80 { start -= 1 }
            let lead = bytes[start]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if start + length > n { end = start }
        }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: end), as: UTF8.self)
    }
}
