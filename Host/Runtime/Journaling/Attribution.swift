import QuorumJudge
import QuorumModel
import QuorumPortfolio

/// How often each strategy's stance had the verdict's direction (SPEC §12 "agreement with the verdict"): over
/// every verdict on its symbols at which it held a stance, whether it votes or not (weight 0).
///
/// Counted on every bar, in room allocated once (no uniqueness check or copy per verdict); the journal's
/// thread alone uses it.
final class AgreementTally {
    /// Per instance: verdicts at which it held a stance, and of those, the ones it agreed with.
    private let seenCounts: UnsafeMutablePointer<Int>
    private let agreedCounts: UnsafeMutablePointer<Int>
    /// Instances counted.
    let instances: Int
    private(set) var verdicts = 0

    init(instances: Int) {
        self.instances = instances
        seenCounts = .allocate(capacity: max(instances, 1))
        seenCounts.initialize(repeating: 0, count: max(instances, 1))
        agreedCounts = .allocate(capacity: max(instances, 1))
        agreedCounts.initialize(repeating: 0, count: max(instances, 1))
    }

    deinit {
        seenCounts.deallocate()
        agreedCounts.deallocate()
    }

    func seen(_ instance: Int) -> Int {
        precondition(instance >= 0 && instance < instances, "no such instance")
        return seenCounts[instance]
    }

    func agreed(_ instance: Int) -> Int {
        precondition(instance >= 0 && instance < instances, "no such instance")
        return agreedCounts[instance]
    }

    /// Counts a verdict (on every bar: reads the inputs in place, copies none).
    func count(_ verdict: Verdict, inputs: UnsafeBufferPointer<JudgeInput>) {
        verdicts &+= 1
        for i in inputs.indices {
            let instance = inputs[i].instance
            precondition(instance >= 0 && instance < instances, "no such instance")
            seenCounts[instance] &+= 1
            if inputs[i].stance.direction == verdict.direction { agreedCounts[instance] &+= 1 }
        }
    }
}

/// The share of the ensemble's P&L attributed to each strategy (SPEC §12). When a symbol's verdict turns to a
/// new non-flat direction (a setup), the strategies whose stances had that direction are the ones that opened
/// the position, each in proportion to weight × confidence. A position takes the shares of the latest setup
/// when it opens (its first fill, or the fill that reverses the one before), and the net P&L of its round trip
/// is split by them: a reversal's new setup comes before the old trade closes, and that trade keeps its own. A
/// trade with no recorded setup is attributed to nobody.
struct Attribution {
    typealias Shares = [(instance: Int, share: Double)]
    /// Per symbol: the shares of the latest setup, and those of the position held.
    private var latest: [Shares]
    private var holding: [Shares]
    private var held: [Quantity]
    private var direction: [Direction]
    /// Attributed net P&L per instance, exact in 10⁻⁸ (each trade's split rounds toward zero).
    private var total: [Int64]

    init(symbols: Int, instances: Int) {
        latest = Array(repeating: [], count: symbols)
        holding = Array(repeating: [], count: symbols)
        held = Array(repeating: 0, count: symbols)
        direction = Array(repeating: .flat, count: symbols)
        total = Array(repeating: 0, count: instances)
    }

    mutating func verdict(_ verdict: Verdict, symbol: Int, inputs: UnsafeBufferPointer<JudgeInput>) {
        guard verdict.direction != direction[symbol] else { return }
        direction[symbol] = verdict.direction
        guard verdict.direction != .flat else { return }
        var weights: [(Int, Double)] = []
        var sum = 0.0
        for input in inputs where input.stance.direction == verdict.direction {
            let w = input.weight * input.stance.confidence
            if w > 0 { weights.append((input.instance, w)); sum += w }
        }
        latest[symbol] = sum > 0 ? weights.map { ($0.0, $0.1 / sum) } : []
    }

    /// The ensemble's position in `symbol` is now `quantity` (after a fill, and after the trade it closed, if
    /// any): a position that opens or turns round takes the latest setup's shares.
    mutating func positionChanged(symbol: Int, quantity: Quantity) {
        if quantity != 0 && quantity.signum() != held[symbol].signum() { holding[symbol] = latest[symbol] }
        held[symbol] = quantity
    }

    mutating func closed(_ trip: RoundTrip) {
        // In doubles and saturating: the P&L of trades near the end of Money's range must not trap here.
        let net = Double(trip.pnl.raw) - Double(trip.commission.raw)
        for (instance, share) in holding[trip.symbol] {
            let part = FixedPoint.clamp((net * share).rounded(.towardZero))
            total[instance] = FixedPoint.clamp(Int128(total[instance]) + Int128(part))
        }
    }

    func attributed(_ instance: Int) -> Money { Money(raw: total[instance]) }
}
