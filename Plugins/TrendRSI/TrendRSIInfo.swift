import QuorumPluginKit

/// Parameter ids of TrendRSI. Stable: never reuse an id for a different meaning.
enum TrendRSIParam {
    static let smaPeriod = ParameterSpec(id: 1, key: "sma_period", type: .int,
                                         description: "trend filter: simple moving average of the close, in bars",
                                         default: 20, min: 2, max: 500)
    static let rsiPeriod = ParameterSpec(id: 2, key: "rsi_period", type: .int,
                                         description: "RSI period (Wilder), in bars", default: 14, min: 2, max: 200)
    static let volumePeriod = ParameterSpec(id: 3, key: "volume_period", type: .int,
                                            description: "bars of the average volume the current volume must exceed",
                                            default: 20, min: 1, max: 500)
    static let rsiLow = ParameterSpec(id: 4, key: "rsi_low", type: .float,
                                      description: "entry band: RSI at least this", default: 50, min: 0, max: 100)
    static let rsiHigh = ParameterSpec(id: 5, key: "rsi_high", type: .float,
                                       description: "entry band: RSI at most this", default: 70, min: 0, max: 100)
    static let stopPct = ParameterSpec(id: 6, key: "stop_pct", type: .float,
                                       description: "suggested stop-loss, fraction below the entry close",
                                       default: 0.05, min: 0.001, max: 0.5)
    static let targetPct = ParameterSpec(id: 7, key: "target_pct", type: .float,
                                         description: "suggested take-profit, fraction above the entry close",
                                         default: 0.15, min: 0.001, max: 5)
    static let rsiExit = ParameterSpec(id: 8, key: "rsi_exit", type: .float,
                                       description: "exit to FLAT when RSI rises above this (overbought)",
                                       default: 80, min: 0, max: 100)

    static let all = [smaPeriod, rsiPeriod, volumePeriod, rsiLow, rsiHigh, stopPct, targetPct, rsiExit]
}

extension TrendRSI {
    /// The descriptor of `org.quorum.trend-rsi`.
    static let descriptor = StrategyInfo(
        id: "org.quorum.trend-rsi", name: "Trend + RSI", vendor: "Quorum", version: "1.0.0",
        description: "Long-only trend follower: LONG when the close is above its SMA, RSI is in the entry band "
            + "and volume is above its average; FLAT when the close falls below the SMA or RSI exceeds rsi_exit. "
            + "Suggests a stop stop_pct below and a take-profit target_pct above the entry close. Any liquid market.",
        historyBars: 1, features: QUORUM_FEATURE_STATEFUL, parameters: TrendRSIParam.all)
}
