import QuorumIndicators

/// Wilder's ATR of each symbol, updated with every bar (the shared indicator library, as TA-Lib computes it).
public struct ATRTracker: Sendable {
    private var states: [qi_atr_t]

    public init(period: Int, symbolCount: Int) {
        var state = qi_atr_t()
        qi_atr_init(&state, UInt32(period))
        states = Array(repeating: state, count: symbolCount)
    }

    public mutating func update(_ symbol: Int, high: Double, low: Double, close: Double) {
        qi_atr_update(&states[symbol], high, low, close)
    }

    /// The current ATR, or nil during warm-up.
    public func value(_ symbol: Int) -> Double? {
        withUnsafePointer(to: states[symbol]) { qi_atr_ready($0) != 0 ? $0.pointee.value : nil }
    }
}
