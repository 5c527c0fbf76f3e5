@testable import QuorumJudge
import QuorumModel
import XCTest

/// Sums that do not depend on the order of their terms: exact ones (``ExactSum``, for hedge weights) and the
/// weighted verdict's, added in an order the values fix; stances that cancel give a flat verdict.
final class ExactSumTests: XCTestCase {
    private func sum(_ values: [Double]) -> Double { ExactSum.of(count: values.count) { values[$0] } }

    /// Python's `math.fsum` on the same values.
    func testSumsAreTheExactSumRoundedOnce() {
        XCTAssertEqual(sum([]), 0)
        XCTAssertEqual(sum([0.25]), 0.25)
        XCTAssertEqual(sum([0.01, 0.02, -0.03]), 1.734723475976807e-18)
        XCTAssertEqual(sum([0.1, 0.2, -0.3]), 2.7755575615628914e-17)
        XCTAssertEqual(sum(Array(repeating: 0.1, count: 10)), 1.0)
        XCTAssertEqual(sum([1e100, 1.0, -1e100]), 1.0)
        XCTAssertEqual(sum([1.0, 1e-16, 1e-16]), 1.0000000000000002, "two halves of an ulp carry")
        XCTAssertEqual(sum([1e16, 1.0, 1e-16, -1e16]), 1.0)
        XCTAssertEqual(sum([0.1, 0.2, 0.3, -0.6]), 2.7755575615628914e-17)
        XCTAssertEqual(sum([1e308, -1e308, 1e-308, 5e-324]), 1.0000000000000004e-308)
        XCTAssertEqual(sum([0x1p53, 1.0, 1.0, -0x1p53]), 2.0)
        XCTAssertEqual(sum([1.0, 0x1p-53, 0x1p-106, -1.0, 0.5]), 0.5000000000000001)
        // More than the partials kept in place (8): the rest go to an array.
        XCTAssertEqual(sum([3.3, -1.1, -2.2, 1e-17, 7e-18, -3e-18, 9.9, -9.9, 4.4]), 4.4)
        XCTAssertEqual(sum((0..<40).map { Double(sign: .plus, exponent: -$0 * 30, significand: 1) } + [-1.0]),
                       (1..<40).reduce(0.0) { $0 + Double(sign: .plus, exponent: -$1 * 30, significand: 1) })
    }

    func testEveryOrderGivesTheSameSum() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let values = (0..<Int.random(in: 2...9, using: &random)).map { _ in
                Double.random(in: -1...1, using: &random) * Double.random(in: 0...1, using: &random)
            }
            let first = sum(values)
            for _ in 0..<5 { XCTAssertEqual(sum(values.shuffled(using: &random)), first, "\(values)") }
        }
    }

    private func input(_ i: Int, _ d: Direction, _ c: Double) -> JudgeInput {
        JudgeInput(instance: i, stance: Stance(direction: d, confidence: c), weight: 1)
    }

    private func decide(_ inputs: [JudgeInput]) -> Verdict {
        inputs.withUnsafeBufferPointer { Judge(rules: JudgeRules(mode: .weighted)).decide($0) }
    }

    /// Long 0.01 and 0.02 against short 0.03: flat in every order (one order traded a full position on a net of
    /// 3.5e-18, another did not).
    func testStancesThatCancelAreFlatInEveryOrder() {
        let stances = [input(0, .long, 0.01), input(1, .long, 0.02), input(2, .short, 0.03)]
        let first = decide(stances)
        XCTAssertEqual(first.direction, .flat)
        for order in [[2, 0, 1], [1, 2, 0], [2, 1, 0], [0, 2, 1]] {
            XCTAssertEqual(decide(order.map { stances[$0] }), first, "\(order)")
        }
        // Any order of any stances: the same verdict (random weights, confidences and directions).
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let inputs = (0..<Int.random(in: 3...9, using: &random)).map { k in
                JudgeInput(instance: k, stance: Stance(direction: [.long, .short, .flat].randomElement(using: &random)!,
                                                       confidence: Double.random(in: 0...1, using: &random)),
                           weight: [0.1, 0.2, 0.3, 0.7, 1.0].randomElement(using: &random)!)
            }
            let verdict = decide(inputs)
            let shuffled = decide(inputs.shuffled(using: &random))
            XCTAssertEqual(shuffled.net, verdict.net)
            XCTAssertEqual(shuffled.direction, verdict.direction)
        }
        XCTAssertEqual(decide([input(0, .long, 0.1), input(1, .long, 0.2), input(2, .short, 0.3)]).direction, .flat)
        // A small net that is no rounding residue still decides.
        XCTAssertEqual(decide([input(0, .long, 3e-12), input(1, .flat, 0)]).direction, .long)
        XCTAssertEqual(decide([input(0, .long, 5e-13)]).direction, .long)
        XCTAssertEqual(decide([input(0, .long, 0.5), input(1, .short, 0.5 - 1e-12)]).direction, .long)
    }

    /// Hedge weights are normalised with exact sums too: priors 0.7, 0.6, 0.2 listed as A, B, C and as A, C, B
    /// give each strategy the same weight, and the verdict of the same stances is the same (the net was 0.1 in
    /// one order and 0.09999999999999999 in the other, and a threshold of 0.1 acted on one only).
    func testHedgeWeightsAndTheirVerdictDoNotDependOnTheOrder() {
        let settings = HedgeWeights.Settings(eta: 10, window: 2, minWeight: 0.05, maxWeight: 0.9)
        let abc = HedgeWeights(priors: [0.7, 0.6, 0.2], settings: settings).weights
        let acb = HedgeWeights(priors: [0.7, 0.2, 0.6], settings: settings).weights
        XCTAssertEqual([abc[0], abc[1], abc[2]], [acb[0], acb[2], acb[1]])
        let stances = [(Direction.long, 0.3), (.short, 0.1), (.flat, 0.9)]
        func verdict(_ order: [Int], _ weights: [Double]) -> Verdict {
            let inputs = order.enumerated().map { k, s in
                JudgeInput(instance: k, stance: Stance(direction: stances[s].0, confidence: stances[s].1), weight: weights[k])
            }
            return inputs.withUnsafeBufferPointer { Judge(rules: JudgeRules(mode: .hedge, threshold: 0.1)).decide($0) }
        }
        XCTAssertEqual(verdict([0, 1, 2], abc), verdict([0, 2, 1], acb))
    }
}
