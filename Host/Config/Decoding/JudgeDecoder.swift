import QuorumModel

/// `judge:` — verdict rule and its settings.
extension DecodingContext {
    static let judgeKeys = ["mode", "quorum", "threshold", "deadline_ms", "quarantine_after", "hedge"]
    static let hedgeKeys = ["eta", "window", "min_weight", "max_weight"]

    mutating func decodeJudge(_ node: YAMLNode?) -> JudgeConfig {
        var judge = JudgeConfig()
        guard let node, let f = fields(of: node, at: "judge", keys: Self.judgeKeys) else { return judge }
        let errorsBeforeMode = errorCount
        judge.mode = choice(f, "mode", default: .weighted)
        let modeRead = errorCount == errorsBeforeMode
        judge.quorum = int(f, "quorum", default: 1, "an integer ≥ 1") { $0 >= 1 }
        judge.threshold = ratio(f, "threshold", default: Ratio(raw: 0), zeroAllowed: true) ?? Ratio(raw: 0)
        judge.deadlineMs = int(f, "deadline_ms", default: 50, in: 1...60_000)
        judge.quarantineAfter = int(f, "quarantine_after", default: 5, "an integer ≥ 1") { $0 >= 1 }
        if let hedgeNode = f["hedge"] {
            // (Not when the mode was invalid: the default it fell back to is not what the file says.)
            if modeRead, judge.mode != .hedge, let at = f.keyLocation("hedge") {
                warning(at, "judge.hedge is ignored because judge.mode is \(judge.mode.rawValue), not hedge")
            }
            judge.hedge = decodeHedge(hedgeNode)
        }
        return judge
    }

    private mutating func decodeHedge(_ node: YAMLNode) -> HedgeConfig {
        var hedge = HedgeConfig()
        guard let f = fields(of: node, at: "judge.hedge", keys: Self.hedgeKeys) else { return hedge }
        hedge.eta = double(f, "eta", default: 10, "a finite number > 0") { $0 > 0 }
        hedge.window = int(f, "window", default: 20, in: 1...100_000, unit: "(bars)")
        hedge.minWeight = double(f, "min_weight", default: 0, "a number in [0, 1]") { $0 >= 0 && $0 <= 1 }
        hedge.maxWeight = double(f, "max_weight", default: 1, "a number in (0, 1]") { $0 > 0 && $0 <= 1 }
        hedge.minWeightLocation = f["min_weight"]?.location
        hedge.maxWeightLocation = f["max_weight"]?.location
        if hedge.minWeight > hedge.maxWeight {
            error(f["min_weight"]?.location ?? node.location,
                  "judge.hedge.min_weight (\(hedge.minWeight)) must not exceed max_weight (\(hedge.maxWeight))")
        }
        return hedge
    }
}
