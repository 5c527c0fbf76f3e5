import QuorumPluginKit

/// Parameter ids of Momentum. Stable: never reuse an id for a different meaning.
enum MomentumParam {
    static let lookback = ParameterSpec(id: 1, key: "lookback", type: .int,
                                        description: "bars over which the rate of change is measured",
                                        default: 20, min: 1, max: 1000)
    static let entry = ParameterSpec(id: 2, key: "entry", type: .float,
                                     description: "rate of change (fraction) beyond which to go LONG or SHORT",
                                     default: 0.05, min: 0.0001, max: 10)
    static let exit = ParameterSpec(id: 3, key: "exit", type: .float,
                                    description: "go FLAT when |rate of change| falls below this (fraction)",
                                    default: 0.01, min: 0, max: 10)
    static let allowShort = ParameterSpec(id: 4, key: "allow_short", type: .bool,
                                          description: "1: strong negative momentum goes SHORT; 0: it goes FLAT",
                                          default: 1, min: 0, max: 1)

    static let all = [lookback, entry, exit, allowShort]
}

extension Momentum {
    /// The descriptor of `org.quorum.momentum`.
    static let descriptor = StrategyInfo(
        id: "org.quorum.momentum", name: "Momentum (rate of change)", vendor: "Quorum", version: "1.0.0",
        description: "Rate of change over `lookback` bars: above +entry LONG, below -entry SHORT (or FLAT when "
            + "allow_short is 0), |ROC| below exit FLAT; otherwise the stance stands. Emits only when the stance "
            + "changes. Any market with persistent trends.",
        historyBars: 1, features: QUORUM_FEATURE_STATEFUL, parameters: MomentumParam.all)
}
