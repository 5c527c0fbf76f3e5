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
    /// `quorum` stances are non-flat. The sums are added in an order the values fix (``sums(_:)``), so the net
    /// does not depend on the order the strategies are listed in, and a net within the rounding error of its
    /// terms is flat (``cancels``): what is left of stances that cancel (0.01 + 0.02 − 0.03 in binary) decides
    /// no direction.
    func weighted(_ inputs: UnsafeBufferPointer<JudgeInput>) -> Verdict {
        var leaders = Leaders()
        for k in inputs.indices { leaders.consider(k, of: inputs) }
        let (numerator, magnitude, weights) = Self.sums(inputs)
        let net = weights > 0 ? numerator / weights : 0
        let nonFlat = leaders.longs + leaders.shorts
        var verdict = Verdict(direction: .flat, conviction: 0, net: net, stances: inputs.count, nonFlat: nonFlat)
        // The net's rounding: the numerator's (``cancels``), and the division's 2⁻⁵³ of it.
        let rounding = weights > 0 ? magnitude / weights * 0x1p-51 * Double(inputs.count + 3) : 0
        guard nonFlat >= rules.quorum, !Self.cancels(numerator, magnitude: magnitude, terms: inputs.count),
              Self.reaches(abs(net), rules.threshold, rounding: rounding) else { return verdict }
        verdict.direction = net > 0 ? .long : .short
        verdict.conviction = min(abs(net), 1)
        attachSuggestions(&verdict, leaders, inputs)
        return verdict
    }

    /// Σ wᵢ·cᵢ·dᵢ, Σ |wᵢ·cᵢ·dᵢ| and Σ wᵢ, each added in the order of the inputs sorted by (wᵢ·cᵢ·dᵢ, wᵢ): an order
    /// the values fix (inputs equal in both are equal in all three), so the same stances give the same sums however
    /// the strategies are listed (a running sum in listing order gave nets of 0 and 3.5e-18 for the same stances).
    /// Two are added as they come: addition of two commutes.
    static func sums(_ inputs: UnsafeBufferPointer<JudgeInput>)
        -> (signed: Double, magnitude: Double, weights: Double) {
        typealias Item = (signed: Double, weight: Double)
        @inline(__always) func item(_ input: JudgeInput) -> Item {
            (input.weight * input.stance.confidence * input.stance.direction.sign, input.weight)
        }
        // (Plain loops, no helper capturing the sums: a captured `var` is boxed and checked at run time.)
        var signed = 0.0, magnitude = 0.0, weights = 0.0
        guard inputs.count > 2 else {
            for input in inputs {
                let next = item(input)
                signed += next.signed
                magnitude += abs(next.signed)
                weights += next.weight
            }
            return (signed, magnitude, weights)
        }
        return withUnsafeTemporaryAllocation(of: Item.self, capacity: inputs.count) { sorted in
            for (k, input) in inputs.enumerated() {   // insertion sort
                let next = item(input)
                var j = k
                while j > 0, (next.signed, next.weight) < (sorted[j - 1].signed, sorted[j - 1].weight) {
                    sorted[j] = sorted[j - 1]
                    j -= 1
                }
                sorted[j] = next
            }
            var signed = 0.0, magnitude = 0.0, weights = 0.0
            for next in sorted {
                signed += next.signed
                magnitude += abs(next.signed)
                weights += next.weight
            }
            return (signed, magnitude, weights)
        }
    }

    /// Whether a sum of terms whose magnitudes add up to `magnitude` is within the rounding it carries: each
    /// term w·c·d is off its decimal intent by about 3 × 2⁻⁵³ of itself (w and c as doubles, their product
    /// rounded), and each addition rounds by 2⁻⁵³ of the running magnitude at most, so a sum within 2⁻⁵¹ × (the
    /// number of terms + 2) of the magnitude may be 0 in intent (0 counts as that too).
    static func cancels(_ sum: Double, magnitude: Double, terms: Int) -> Bool {
        abs(sum) <= magnitude * 0x1p-51 * Double(terms + 2)
    }

    /// Whether `value`, within `rounding` of its decimal intent, reaches `threshold` (itself within 2⁻⁵³ of the
    /// decimal written in the file) in intent: (0.6 − 0.4) / 2 is 0.09999999999999998 in binary, and reaches a
    /// threshold of 0.1.
    static func reaches(_ value: Double, _ threshold: Double, rounding: Double) -> Bool {
        value >= threshold || threshold - value <= rounding + threshold * 0x1p-53
    }

    /// Non-flat stances grouped by direction; the larger group wins, a tie goes to the single most confident
    /// stance (the earliest instance on equal confidence); conviction = the winner's best confidence ×
    /// (winning group size / non-flat stances).
    func vote(_ inputs: UnsafeBufferPointer<JudgeInput>) -> Verdict {
        var leaders = Leaders()
        for k in inputs.indices { leaders.consider(k, of: inputs) }
        let longs = leaders.longs, shorts = leaders.shorts
        let nonFlat = longs + shorts
        var verdict = Verdict(direction: .flat, conviction: 0, net: 0, stances: inputs.count, nonFlat: nonFlat)
        guard nonFlat > 0, nonFlat >= rules.quorum else { return verdict }
        let direction: Direction
        if longs != shorts {
            direction = longs > shorts ? .long : .short
        } else {  // a tie: the single most confident stance decides (the earliest instance on equal confidence)
            let long = inputs[leaders.long].stance.confidence, short = inputs[leaders.short].stance.confidence
            direction = long > short || (long == short && leaders.long < leaders.short) ? .long : .short
        }
        let groupSize = direction == .long ? longs : shorts
        let conviction = inputs[leaders.leader(direction)].stance.confidence * Double(groupSize) / Double(nonFlat)
        // Rounded twice (the product, the quotient): within 2⁻⁵² of itself.
        guard conviction > 0, Self.reaches(conviction, rules.threshold, rounding: conviction * 0x1p-52)
        else { return verdict }
        verdict.direction = direction
        verdict.conviction = conviction
        verdict.net = direction.sign * conviction
        attachSuggestions(&verdict, leaders, inputs)
        return verdict
    }

    /// Stop, target and weight suggestions come from the most confident stance in the verdict's direction.
    private func attachSuggestions(_ verdict: inout Verdict, _ leaders: Leaders,
                                   _ inputs: UnsafeBufferPointer<JudgeInput>) {
        let k = leaders.leader(verdict.direction)
        guard k >= 0 else { return }
        verdict.stopLoss = inputs[k].stance.stopLoss
        verdict.takeProfit = inputs[k].stance.takeProfit
        verdict.targetWeight = inputs[k].stance.targetWeight
    }
}

/// Counts the long and short stances among a verdict's inputs and finds the most confident of each direction
/// (the earliest input on equal confidence), in one pass: indices into the inputs, -1 for none.
private struct Leaders {
    var longs = 0, shorts = 0
    var long = -1, short = -1

    @inline(__always)
    mutating func consider(_ k: Int, of inputs: UnsafeBufferPointer<JudgeInput>) {
        let confidence = inputs[k].stance.confidence
        switch inputs[k].stance.direction {
        case .long:
            longs += 1
            if long < 0 || confidence > inputs[long].stance.confidence { long = k }
        case .short:
            shorts += 1
            if short < 0 || confidence > inputs[short].stance.confidence { short = k }
        case .flat:
            break
        }
    }

    /// The most confident stance in `direction` (-1 for flat or none).
    func leader(_ direction: Direction) -> Int {
        switch direction {
        case .long: return long
        case .short: return short
        case .flat: return -1
        }
    }
}
