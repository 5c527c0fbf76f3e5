import QuorumModel

/// One input to a verdict: an instance's current stance on the symbol and the weight it votes with.
public struct JudgeInput: Sendable, Equatable {
    public var instance: Int
    public var stance: Stance
    public var weight: Double

    public init(instance: Int, stance: Stance, weight: Double) {
        self.instance = instance
        self.stance = stance
        self.weight = weight
    }
}

/// Combines the current stances on a symbol into one verdict (SPEC §7). Pure and deterministic: the result
/// depends only on the inputs and their order (instances in configuration order), never on timing.
public struct Judge: Sendable {
    public var rules: JudgeRules

    public init(rules: JudgeRules) { self.rules = rules }

    /// The verdict for `inputs` (every instance holding a stance on the symbol; quarantined and lapsed
    /// stances already removed). In hedge mode the weights are the adaptive ones.
    public func decide(_ inputs: UnsafeBufferPointer<JudgeInput>) -> Verdict {
        switch rules.mode {
        case .vote: return vote(inputs)
        case .weighted, .hedge: return weighted(inputs)
        }
    }

    /// net = Σ wᵢ·cᵢ·dᵢ / Σ wᵢ over instances holding a stance; acts when |net| ≥ threshold and at least
    /// `quorum` stances are non-flat.
    func weighted(_ inputs: UnsafeBufferPointer<JudgeInput>) -> Verdict {
        var numerator = 0.0
        var weights = 0.0
        var nonFlat = 0
        for input in inputs {
            numerator += input.weight * input.stance.confidence * input.stance.direction.sign
            weights += input.weight
            if input.stance.direction != .flat { nonFlat += 1 }
        }
        let net = weights > 0 ? numerator / weights : 0
        var verdict = Verdict(direction: .flat, conviction: 0, net: net, stances: inputs.count, nonFlat: nonFlat)
        guard nonFlat >= rules.quorum, net != 0, abs(net) >= rules.threshold else { return verdict }
        verdict.direction = net > 0 ? .long : .short
        verdict.conviction = min(abs(net), 1)
        attachSuggestions(&verdict, inputs)
        return verdict
    }

    /// Non-flat stances grouped by direction; the larger group wins, a tie goes to the single most confident
    /// stance (the earliest instance on equal confidence); conviction = the winner's best confidence ×
    /// (winning group size / non-flat stances).
    func vote(_ inputs: UnsafeBufferPointer<JudgeInput>) -> Verdict {
        var longs = 0, shorts = 0
        var bestLong = -1.0, bestShort = -1.0
        for input in inputs {
            switch input.stance.direction {
            case .long: longs += 1; bestLong = max(bestLong, input.stance.confidence)
            case .short: shorts += 1; bestShort = max(bestShort, input.stance.confidence)
            case .flat: break
            }
        }
        let nonFlat = longs + shorts
        var verdict = Verdict(direction: .flat, conviction: 0, net: 0, stances: inputs.count, nonFlat: nonFlat)
        guard nonFlat > 0, nonFlat >= rules.quorum else { return verdict }
        let direction: Direction
        if longs != shorts {
            direction = longs > shorts ? .long : .short
        } else {  // a tie: the single most confident stance decides (the earliest instance on equal confidence)
            var best: JudgeInput?
            for input in inputs where input.stance.direction != .flat {
                if best == nil || input.stance.confidence > best!.stance.confidence { best = input }
            }
            direction = best!.stance.direction
        }
        let groupSize = direction == .long ? longs : shorts
        let conviction = (direction == .long ? bestLong : bestShort) * Double(groupSize) / Double(nonFlat)
        guard conviction > 0, conviction >= rules.threshold else { return verdict }
        verdict.direction = direction
        verdict.conviction = conviction
        verdict.net = direction.sign * conviction
        attachSuggestions(&verdict, inputs)
        return verdict
    }

    /// Stop, target and weight suggestions come from the most confident stance in the verdict's direction.
    private func attachSuggestions(_ verdict: inout Verdict, _ inputs: UnsafeBufferPointer<JudgeInput>) {
        var best: Stance?
        for input in inputs where input.stance.direction == verdict.direction {
            if best == nil || input.stance.confidence > best!.confidence { best = input.stance }
        }
        verdict.stopLoss = best?.stopLoss
        verdict.takeProfit = best?.takeProfit
        verdict.targetWeight = best?.targetWeight
    }
}
