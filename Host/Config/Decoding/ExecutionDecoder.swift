import QuorumModel

/// `execution:` — broker, locks, costs.
extension DecodingContext {
    static let executionKeys = ["broker", "mode", "auto_execute", "rebalance_threshold", "commission", "slippage_bps",
                                "max_participation", "time_in_force", "trailing_stop"]
    static let commissionKeys = ["per_share", "bps", "minimum"]

    mutating func decodeExecution(_ node: YAMLNode?) -> ExecutionConfig {
        var execution = ExecutionConfig()
        guard let node, let f = fields(of: node, at: "execution", keys: Self.executionKeys) else { return execution }
        execution.broker = choice(f, "broker", default: .paper)
        execution.mode = choice(f, "mode", default: .paper)
        execution.autoExecute = bool(f, "auto_execute", default: false)
        execution.rebalanceThreshold = ratio(f, "rebalance_threshold", default: nil)
        execution.slippageBps = nonNegativeDecimal(f, "slippage_bps")
        if execution.slippageBps.raw >= 10_000 * fixedPointScale, let at = f["slippage_bps"]?.location {
            // 10 000 basis points would fill a sell at zero or below.
            error(at, "execution.slippage_bps must be below 10000 (100%), found \(execution.slippageBps)")
        }
        execution.maxParticipation = ratio(f, "max_participation", default: nil)
        execution.timeInForce = choice(f, "time_in_force", default: .day)
        execution.trailingStop = ratio(f, "trailing_stop", default: nil)
        if let commission = f["commission"],
           let cf = fields(of: commission, at: "execution.commission", keys: Self.commissionKeys) {
            execution.commission = Commission(
                perShare: money(cf, "per_share", default: .zero, zeroAllowed: true) ?? .zero,
                bps: nonNegativeDecimal(cf, "bps"),
                minimum: money(cf, "minimum", default: .zero, zeroAllowed: true) ?? .zero)
            if execution.commission.bps.raw > 10_000 * fixedPointScale, let at = cf["bps"]?.location {
                error(at, "execution.commission.bps must be at most 10000 (100% of the notional), "
                      + "found \(execution.commission.bps)")
            }
        }
        if execution.mode == .live, execution.broker == .paper, let at = f["mode"]?.location {
            error(at, "execution.mode live needs a live broker (execution.broker: alpaca)")
        }
        return execution
    }
}
