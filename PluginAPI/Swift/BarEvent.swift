/// A read-only columnar view of one symbol's history, oldest first, newest last. Valid only during the call
/// that handed it out; never keep it.
public struct Bars {
    public let count: Int
    public let time: UnsafePointer<Int64>
    public let open: UnsafePointer<Double>
    public let high: UnsafePointer<Double>
    public let low: UnsafePointer<Double>
    public let close: UnsafePointer<Double>
    public let volume: UnsafePointer<Double>

    @inlinable init(_ s: quorum_series_t) {
        count = Int(s.count)
        time = s.time; open = s.open; high = s.high; low = s.low; close = s.close; volume = s.volume
    }

    /// Index of the newest bar.
    @inlinable public var last: Int { count - 1 }
}

/// A new bar of one subscribed symbol.
public struct BarEvent {
    /// Which subscribed symbol (index into the activation's symbols).
    public let symbolIndex: Int
    /// That symbol's history; `bars.close[bars.last]` is the new bar.
    public let bars: Bars

    @inlinable init(_ e: UnsafePointer<quorum_bar_event_t>) {
        symbolIndex = Int(e.pointee.symbol_index)
        bars = Bars(e.pointee.bars)
    }
}

/// Writes signals into the host's output buffer. At most one signal per symbol per call.
public struct SignalWriter {
    @usableFromInline let output: UnsafeMutablePointer<quorum_signal_output_t>

    @inlinable init(_ output: UnsafeMutablePointer<quorum_signal_output_t>) { self.output = output }

    /// Emits a stance on subscribed symbol `symbolIndex`. Returns false when the buffer is full.
    /// Optional values left nil are absent; `expiryBars` > 0 makes the stance lapse after that many bars.
    @inlinable @discardableResult
    public mutating func emit(symbol symbolIndex: Int, _ direction: Int32, confidence: Double,
                              targetWeight: Double? = nil, stopLoss: Double? = nil, takeProfit: Double? = nil,
                              expiryBars: UInt32 = 0, reason: StaticString? = nil) -> Bool {
        let o = output
        guard o.pointee.count < o.pointee.capacity else { return false }
        var s = quorum_signal_t()
        s.symbol_index = UInt32(symbolIndex)
        s.direction = direction
        s.confidence = confidence
        var flags: UInt32 = 0
        if let w = targetWeight { s.target_weight = w; flags |= QUORUM_SIGNAL_HAS_TARGET_WEIGHT }
        if let p = stopLoss { s.stop_loss = p; flags |= QUORUM_SIGNAL_HAS_STOP_LOSS }
        if let p = takeProfit { s.take_profit = p; flags |= QUORUM_SIGNAL_HAS_TAKE_PROFIT }
        if expiryBars > 0 { s.expiry_bars = expiryBars; flags |= QUORUM_SIGNAL_HAS_EXPIRY }
        s.flags = flags
        if let reason { s.reason = UnsafeRawPointer(reason.utf8Start).assumingMemoryBound(to: CChar.self) }
        let stride = Int(o.pointee.signal_size)
        let slot = UnsafeMutableRawPointer(o.pointee.signals) + Int(o.pointee.count) * stride
        withUnsafeBytes(of: &s) { slot.copyMemory(from: $0.baseAddress!, byteCount: Swift.min(stride, $0.count)) }
        o.pointee.count += 1
        return true
    }

    /// Emits a stance on the symbol of the current event.
    @inlinable @discardableResult
    public mutating func emit(_ event: BarEvent, _ direction: Int32, confidence: Double,
                              stopLoss: Double? = nil, takeProfit: Double? = nil,
                              reason: StaticString? = nil) -> Bool {
        emit(symbol: event.symbolIndex, direction, confidence: confidence, stopLoss: stopLoss,
             takeProfit: takeProfit, reason: reason)
    }
}

/// Direction constants for `SignalWriter.emit`.
public enum Stance {
    public static let long: Int32 = QUORUM_DIRECTION_LONG
    public static let flat: Int32 = QUORUM_DIRECTION_FLAT
    public static let short: Int32 = QUORUM_DIRECTION_SHORT
}
