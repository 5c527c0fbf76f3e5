import QuorumJudge
import QuorumModel
import XCTest

/// SPEC §7, worked numbers for each mode.
final class JudgeTests: XCTestCase {
    private func input(_ i: Int, _ d: Direction, _ c: Double, weight: Double = 1) -> JudgeInput {
        JudgeInput(instance: i, stance: Stance(direction: d, confidence: c), weight: weight)
    }

    private func decide(_ rules: JudgeRules, _ inputs: [JudgeInput]) -> Verdict {
        inputs.withUnsafeBufferPointer { Judge(rules: rules).decide($0) }
    }

    func testWeightedNetIsTheWeightedMeanOverStancesIncludingFlat() {
        // net = (2·0.8·1 + 1·0.5·(−1) + 1·1·0) / (2 + 1 + 1) = 1.1 / 4 = 0.275
        let v = decide(JudgeRules(mode: .weighted), [input(0, .long, 0.8, weight: 2), input(1, .short, 0.5),
                                                       input(2, .flat, 1)])
        XCTAssertEqual(v.direction, .long)
        XCTAssertEqual(v.net, 0.275, accuracy: 1e-15)
        XCTAssertEqual(v.conviction, 0.275, accuracy: 1e-15)
        XCTAssertEqual(v.stances, 3)
        XCTAssertEqual(v.nonFlat, 2)
    }

    func testWeightedThresholdAndQuorumMakeTheVerdictFlat() {
        let inputs = [input(0, .long, 0.8, weight: 2), input(1, .short, 0.5), input(2, .flat, 1)]
        XCTAssertEqual(decide(JudgeRules(mode: .weighted, threshold: 0.3), inputs).direction, .flat)
        XCTAssertEqual(decide(JudgeRules(mode: .weighted, threshold: 0.275), inputs).direction, .long)
        XCTAssertEqual(decide(JudgeRules(mode: .weighted, quorum: 3), inputs).direction, .flat)
        XCTAssertEqual(decide(JudgeRules(mode: .weighted, quorum: 2), inputs).direction, .long)
    }

    /// A net or conviction that meets the threshold in decimal but falls short of it in binary acts (a review:
    /// (0.6 − 0.4) / 2 is 0.09999999999999998, and a threshold of 0.1 left it flat); one short of it in decimal
    /// does not.
    func testAThresholdMetInDecimalIsMetInBinary() {
        XCTAssertEqual(decide(JudgeRules(mode: .weighted, threshold: 0.1), [input(0, .long, 0.6), input(1, .short, 0.4)])
                        .direction, .long)
        XCTAssertEqual(decide(JudgeRules(mode: .weighted, threshold: 0.1), [input(0, .short, 0.6), input(1, .long, 0.4)])
                        .direction, .short)
        XCTAssertEqual(decide(JudgeRules(mode: .weighted, threshold: 0.1),
                              [input(0, .long, 0.6), input(1, .short, 0.4000000000001)]).direction, .flat)
        // Vote: 0.3 × 2/3 is 0.19999999999999998.
        let vote = [input(0, .long, 0.3), input(1, .long, 0.1), input(2, .short, 0.2)]
        XCTAssertEqual(decide(JudgeRules(mode: .vote, threshold: 0.2), vote).direction, .long)
        XCTAssertEqual(decide(JudgeRules(mode: .vote, threshold: 0.2000000000001), vote).direction, .flat)
    }

    func testWeightedShortAndNoStance() {
        let v = decide(JudgeRules(mode: .weighted), [input(0, .short, 0.6), input(1, .short, 0.2)])
        XCTAssertEqual(v.direction, .short)
        XCTAssertEqual(v.net, -0.4, accuracy: 1e-15)
        XCTAssertEqual(decide(JudgeRules(mode: .weighted), []), .flat)
        XCTAssertEqual(decide(JudgeRules(mode: .weighted), [input(0, .flat, 1)]).direction, .flat)
    }

    func testVoteLargerGroupWinsWithScaledConfidence() {
        // Two longs (best 0.9) against one short: 0.9 × 2/3 = 0.6.
        let v = decide(JudgeRules(mode: .vote), [input(0, .long, 0.4), input(1, .short, 1.0), input(2, .long, 0.9),
                                                   input(3, .flat, 1)])
        XCTAssertEqual(v.direction, .long)
        XCTAssertEqual(v.conviction, 0.6, accuracy: 1e-15)
        XCTAssertEqual(v.nonFlat, 3)
    }

    func testVoteTieGoesToTheMostConfidentThenTheEarliest() {
        let v = decide(JudgeRules(mode: .vote), [input(0, .long, 0.4), input(1, .short, 0.7)])
        XCTAssertEqual(v.direction, .short)
        XCTAssertEqual(v.conviction, 0.35, accuracy: 1e-15)   // 0.7 × 1/2
        let even = decide(JudgeRules(mode: .vote), [input(0, .short, 0.5), input(1, .long, 0.5)])
        XCTAssertEqual(even.direction, .short)
    }

    func testVoteQuorumAndThreshold() {
        let inputs = [input(0, .long, 0.9), input(1, .long, 0.5)]
        XCTAssertEqual(decide(JudgeRules(mode: .vote, quorum: 3), inputs).direction, .flat)
        XCTAssertEqual(decide(JudgeRules(mode: .vote, threshold: 0.95), inputs).direction, .flat)
        XCTAssertEqual(decide(JudgeRules(mode: .vote, threshold: 0.9), inputs).direction, .long)
    }

    func testSuggestionsComeFromTheMostConfidentStanceOfTheWinningSide() {
        var strong = Signal(direction: .long, confidence: 0.9)
        strong.stopLoss = Price(raw: 95 * fixedPointScale)
        strong.takeProfit = Price(raw: 115 * fixedPointScale)
        var weak = Signal(direction: .long, confidence: 0.3)
        weak.stopLoss = Price(raw: 90 * fixedPointScale)
        let inputs = [JudgeInput(instance: 0, stance: weak.stance, weight: 1), JudgeInput(instance: 1, stance: strong.stance, weight: 1)]
        let v = decide(JudgeRules(mode: .weighted), inputs)
        XCTAssertEqual(v.stopLoss, strong.stopLoss)
        XCTAssertEqual(v.takeProfit, strong.takeProfit)
    }

    func testStancesStandUntilReplacedOrExpired() {
        var book = StanceBook(slots: [1, 2])
        book.set(Signal(direction: .long, confidence: 1, expiryBars: 2), instance: 0, slot: 0, at: 0)
        book.set(Signal(direction: .short, confidence: 1), instance: 1, slot: 1, at: 0)
        for t in 1...2 {                                                        // bars t+1, t+2: still in force
            XCTAssertFalse(book.barPassed(instance: 0, slot: 0, at: Int64(t)))
        }
        XCTAssertNotNil(book.stance(instance: 0, slot: 0))
        XCTAssertTrue(book.barPassed(instance: 0, slot: 0, at: 3), "bar t+3: it lapses, and says so")
        XCTAssertNil(book.stance(instance: 0, slot: 0))
        XCTAssertFalse(book.barPassed(instance: 0, slot: 0, at: 4), "nothing left to lapse")
        for t in 1...100 { XCTAssertFalse(book.barPassed(instance: 1, slot: 1, at: Int64(t))) }
        XCTAssertEqual(book.stance(instance: 1, slot: 1)?.direction, .short)
        book.clear(instance: 1, slots: 2)
        XCTAssertNil(book.stance(instance: 1, slot: 1))
    }

    /// A stance set for a symbol on another symbol's event at time t is not counted down by the symbol's own bar
    /// of time t, which comes after it in the stream when the other symbol's file is listed first (it lapsed a
    /// bar early then, and the run depended on the order of the data entries).
    func testTheBarOfTheSignalsOwnTimeDoesNotCountTowardsItsExpiry() {
        var book = StanceBook(slots: [2])
        book.set(Signal(direction: .long, confidence: 1, expiryBars: 1), instance: 0, slot: 1, at: 10)
        book.barPassed(instance: 0, slot: 1, at: 10)   // the symbol's own bar of the signal's time
        book.barPassed(instance: 0, slot: 1, at: 11)   // t+1: in force
        XCTAssertNotNil(book.stance(instance: 0, slot: 1))
        book.barPassed(instance: 0, slot: 1, at: 12)   // t+2: lapsed
        XCTAssertNil(book.stance(instance: 0, slot: 1))
    }

    func testHedgeWeightsFollowShadowReturnsWithinBounds() {
        var hedge = HedgeWeights(priors: [1, 1, 0], settings: .init(eta: 10, window: 2, minWeight: 0.1, maxWeight: 0.8))
        XCTAssertEqual(hedge.weights, [0.5, 0.5, 0])
        hedge.update(shadowEquity: [100, 100, 100])
        hedge.update(shadowEquity: [110, 100, 100])
        // r = (0.1, 0): raw ∝ (e^1, 1) → (0.731, 0.269), inside [0.1, 0.8], shadow (prior 0) stays 0.
        let e = exp(1.0)
        XCTAssertEqual(hedge.weights[0], e / (e + 1), accuracy: 1e-12)
        XCTAssertEqual(hedge.weights[1], 1 / (e + 1), accuracy: 1e-12)
        XCTAssertEqual(hedge.weights[2], 0)
        hedge.update(shadowEquity: [200, 100, 100])   // window of 2 updates: r = 200/100 − 1 = 1: held at 0.8
        XCTAssertEqual(hedge.weights[0], 0.8, accuracy: 1e-12, "within the bound after renormalising too")
        XCTAssertEqual(hedge.weights[1], 0.2, accuracy: 1e-12)
        XCTAssertEqual(hedge.weights[2], 0)
    }

    /// Clipping once and renormalising pushed weights back past the bounds (0.59, then 0.64, with a maximum of
    /// 0.5): the weights stay within [min, max] and sum to 1, the rest sharing in proportion.
    func testHedgeWeightsStayWithinTheirBoundsAfterRenormalising() {
        var hedge = HedgeWeights(priors: [1, 1, 1], settings: .init(eta: 50, window: 3, minWeight: 0.1, maxWeight: 0.5))
        for step in 0..<10 {
            hedge.update(shadowEquity: [100 + 10 * Double(step), 100, 100 - Double(step)])
            XCTAssertEqual(hedge.weights.reduce(0, +), 1, accuracy: 1e-12, "step \(step)")
            XCTAssertTrue(hedge.weights.allSatisfy { $0 >= 0.1 - 1e-12 && $0 <= 0.5 + 1e-12 }, "\(hedge.weights)")
        }
        XCTAssertEqual(hedge.weights[0], 0.5, accuracy: 1e-12)
        XCTAssertEqual(hedge.weights[2], 0.1, accuracy: 1e-12)
        XCTAssertEqual(hedge.weights[1], 0.4, accuracy: 1e-12)
    }

    /// Both bounds binding at once: the winner held at its maximum leaves the rest for the others, who are held
    /// at their minimum, and the winner takes what they leave (0.727 and 0.0909 each before: below the minimum).
    func testHedgeWeightsHoldBothBoundsAtOnce() {
        var hedge = HedgeWeights(priors: [1, 1, 1, 1], settings: .init(eta: 10, window: 1, minWeight: 0.1, maxWeight: 0.8))
        hedge.update(shadowEquity: [100, 100, 100, 100])
        hedge.update(shadowEquity: [130, 100, 95, 90])
        for (weight, expected) in zip(hedge.weights, [0.7, 0.1, 0.1, 0.1]) { XCTAssertEqual(weight, expected, accuracy: 1e-12) }
    }

    /// On 5,000 seeded random cases (2 to 6 instances, some not voting, η up to 2,000, returns from −90% to
    /// +500%, bounds that can hold): every voter's weight is within its bounds, the weights sum to 1, and the
    /// instances that do not vote have 0.
    func testHedgeWeightsKeepTheirBoundsOnRandomCases() {
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for case_ in 0..<5_000 {
            let n = 2 + Int(uniform() * 5)
            let priors = (0..<n).map { i in i > 0 && uniform() < 0.2 ? 0 : 0.1 + uniform() }
            let voters = Double(priors.filter { $0 > 0 }.count)
            let low = uniform() / voters, high = max(low, 1 / voters + uniform() * (1 - 1 / voters))
            var hedge = HedgeWeights(priors: priors, settings: .init(eta: uniform() * 2_000, window: 1, minWeight: low,
                                                                     maxWeight: high))
            hedge.update(shadowEquity: priors.map { _ in 100 })
            // Returns from −90% to +500%, and now and then one far apart (shares 1e-30 of the largest and below).
            hedge.update(shadowEquity: priors.map { _ in uniform() < 0.1 ? 100 * (1 + uniform() * 0.001) : 100 * (0.1 + uniform() * 5.9) })
            let w = hedge.weights
            XCTAssertEqual(w.reduce(0, +), 1, accuracy: 1e-9, "case \(case_)")
            for (weight, prior) in zip(w, priors) {
                if prior > 0 {
                    XCTAssertTrue(weight >= low - 1e-12 && weight <= high + 1e-12, "case \(case_): \(w) in [\(low), \(high)]")
                } else {
                    XCTAssertEqual(weight, 0, "case \(case_)")
                }
            }
        }
    }

    /// Shares far apart (1e-29 of the largest) and a flat stretch of the sum near 1: summing slopes along the
    /// way lost the small share to rounding and gave (0.7, 0.7), or 1.04 in all.
    func testHedgeWeightsSumToOneWithSharesFarApart() {
        var hedge = HedgeWeights(priors: [1, 1], settings: .init(eta: 100, window: 1, minWeight: 0, maxWeight: 0.7))
        hedge.update(shadowEquity: [100, 100])
        hedge.update(shadowEquity: [166, 100])
        XCTAssertEqual(hedge.weights[0], 0.7, accuracy: 1e-12)
        XCTAssertEqual(hedge.weights[1], 0.3, accuracy: 1e-12)
        let raw = [0.515, 0.088, 0.824, 0.141, 0.479, 1.0]
        var six = HedgeWeights(priors: raw, settings: .init(eta: 0, window: 1, minWeight: 0.14, maxWeight: 0.18))
        six.update(shadowEquity: raw.map { _ in 100 })
        XCTAssertEqual(six.weights.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertTrue(six.weights.allSatisfy { $0 >= 0.14 - 1e-12 && $0 <= 0.18 + 1e-12 }, "\(six.weights)")
    }

    /// exp(η·r) overflowed past η·r ≈ 710 and every weight became 0, silencing the ensemble: it is taken
    /// relative to the largest voter's exponent, so the winner gets the weight; a loser whose exp underflows
    /// to 0 keeps its minimum; a shadow instance's return does not count.
    func testHedgeWeightsDoNotOverflow() {
        var hedge = HedgeWeights(priors: [1, 1], settings: .init(eta: 1000, window: 5))
        hedge.update(shadowEquity: [100, 100])
        hedge.update(shadowEquity: [300, 100])                            // η·r = 2000
        XCTAssertEqual(hedge.weights[0], 1, accuracy: 1e-12)
        XCTAssertEqual(hedge.weights[1], 0, accuracy: 1e-12)

        var bounded = HedgeWeights(priors: [1, 1], settings: .init(eta: 1000, window: 5, minWeight: 0.2, maxWeight: 0.8))
        bounded.update(shadowEquity: [100, 100])
        bounded.update(shadowEquity: [300, 100])
        XCTAssertEqual(bounded.weights, [0.8, 0.2])

        var shadow = HedgeWeights(priors: [1, 0], settings: .init(eta: 1000, window: 5))
        shadow.update(shadowEquity: [100, 100])
        shadow.update(shadowEquity: [100, 200])                           // the shadow's η·r = 1000
        XCTAssertEqual(shadow.weights, [1, 0])
    }

    /// The judge finds each direction's most confident stance in the same pass that sums the stances. Checked
    /// against the rules of §7 restated literally (a pass per question) on every list of up to three inputs
    /// drawn from three directions and four confidences (1,885 lists, ties everywhere), under four rule sets.
    func testOnePassAgreesWithTheRulesStatedLiterally() {
        let directions: [Direction] = [.long, .short, .flat]
        let confidences = [0, 0.25, 0.5, 1]
        var lists: [[JudgeInput]] = [[]]
        for length in 1...3 {
            var longer: [[JudgeInput]] = []
            for list in lists where list.count == length - 1 {
                for direction in directions {
                    for confidence in confidences {
                        let i = list.count
                        var stance = Stance(direction: direction, confidence: confidence)
                        stance.stopLoss = Price(raw: Int64(i + 1) * fixedPointScale)
                        stance.takeProfit = i == 1 ? nil : Price(raw: Int64(i + 100) * fixedPointScale)
                        stance.targetWeight = Double(i) / 10
                        longer.append(list + [JudgeInput(instance: i, stance: stance, weight: [0.5, 2, 1][i])])
                    }
                }
            }
            lists += longer
        }
        XCTAssertEqual(lists.count, 1_885)
        for inputs in lists {
            for rules in [JudgeRules(mode: .weighted), JudgeRules(mode: .vote), JudgeRules(mode: .weighted, quorum: 2),
                          JudgeRules(mode: .vote, threshold: 0.3)] {
                XCTAssertEqual(decide(rules, inputs), literal(rules, inputs), "\(rules), \(inputs)")
            }
        }
    }

    /// §7 as written, one question at a time.
    private func literal(_ rules: JudgeRules, _ inputs: [JudgeInput]) -> Verdict {
        let nonFlat = inputs.filter { $0.stance.direction != .flat }
        let longs = nonFlat.filter { $0.stance.direction == .long }, shorts = nonFlat.filter { $0.stance.direction == .short }
        /// The first input of the highest confidence.
        func mostConfident(_ group: [JudgeInput]) -> JudgeInput? {
            group.reduce(nil) { best, input in best.map { input.stance.confidence > $0.stance.confidence ? input : $0 } ?? input }
        }
        var verdict: Verdict
        switch rules.mode {
        case .weighted, .hedge:
            let weights = inputs.map(\.weight).reduce(0, +)
            let net = weights > 0 ? inputs.map { $0.weight * $0.stance.confidence * $0.stance.direction.sign }.reduce(0, +) / weights : 0
            verdict = Verdict(direction: .flat, conviction: 0, net: net, stances: inputs.count, nonFlat: nonFlat.count)
            guard nonFlat.count >= rules.quorum, net != 0, abs(net) >= rules.threshold else { return verdict }
            verdict.direction = net > 0 ? .long : .short
            verdict.conviction = min(abs(net), 1)
        case .vote:
            verdict = Verdict(direction: .flat, conviction: 0, net: 0, stances: inputs.count, nonFlat: nonFlat.count)
            guard !nonFlat.isEmpty, nonFlat.count >= rules.quorum else { return verdict }
            let direction = longs.count != shorts.count ? (longs.count > shorts.count ? Direction.long : .short)
                                                        : mostConfident(nonFlat)!.stance.direction
            let group = direction == .long ? longs : shorts
            let conviction = mostConfident(group)!.stance.confidence * Double(group.count) / Double(nonFlat.count)
            guard conviction > 0, conviction >= rules.threshold else { return verdict }
            verdict.direction = direction
            verdict.conviction = conviction
            verdict.net = direction.sign * conviction
        }
        let leader = mostConfident(verdict.direction == .long ? longs : shorts)
        verdict.stopLoss = leader?.stance.stopLoss
        verdict.takeProfit = leader?.stance.takeProfit
        verdict.targetWeight = leader?.stance.targetWeight
        return verdict
    }
}
