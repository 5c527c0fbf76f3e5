import QuorumModel
import QuorumPlugins

/// A strategy instance as the engine runs it: its symbols (as global ids), its weight, and its counters.
/// Its evaluation worker and the judge pass run at the same time (on different chunks), each writing counters of
/// its own: the worker `calls`, the timings, `consecutiveFaults` and `quarantined`; the judge pass `signals`,
/// `faults` and `quarantinedAt`. So the counters are exempt from dynamic exclusivity checks.
public final class EngineInstance {
    public let instance: StrategyInstance
    /// Global symbol ids, in the instance's activation order.
    public let symbols: [Int]
    /// The yaml weight (the hedge prior); 0 = shadow mode (tracked, does not vote).
    public let weight: Double

    // Counters (SPEC §7), read after a run.
    @exclusivity(unchecked) public internal(set) var calls = 0
    @exclusivity(unchecked) public internal(set) var signals = 0
    @exclusivity(unchecked) public internal(set) var faults = 0
    /// The latest of those faults (what a run says of a faulty instance at its end).
    @exclusivity(unchecked) public internal(set) var lastFault: SignalFault?
    @exclusivity(unchecked) public internal(set) var consecutiveFaults = 0
    @exclusivity(unchecked) public internal(set) var quarantinedAt: Timestamp?
    /// Total time spent in on_bar, and the slowest chunk's mean per call.
    @exclusivity(unchecked) public internal(set) var callNanoseconds: Int64 = 0
    @exclusivity(unchecked) public internal(set) var slowestMeanCallNanoseconds: Int64 = 0
    /// Chunks whose mean call time exceeded the deadline (a backtest counts late signals, it does not drop them).
    @exclusivity(unchecked) public internal(set) var slowChunks = 0

    @exclusivity(unchecked) var quarantined = false
    /// slot of global symbol s in this instance, or -1.
    @exclusivity(unchecked) var slotOfSymbol: [Int] = []

    public init(instance: StrategyInstance, symbols: [Int], weight: Double) {
        self.instance = instance
        self.symbols = symbols
        self.weight = weight
    }

    public var name: String { instance.name }
}

/// What evaluating one instance over a chunk produced, in event order. Its worker fills it while the judge
/// pass reads the previous chunk's.
final class EvaluationRecords {
    @exclusivity(unchecked) var records = ContiguousArray<EvaluationRecord>()
}

/// One outcome of evaluating an instance on one event.
struct EvaluationRecord {
    enum Outcome {
        case signal(slot: Int, Signal)
        case fault(SignalFault)
        case quarantined
    }
    var event: Int
    var outcome: Outcome
}
