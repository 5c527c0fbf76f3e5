import QuorumExecution
import QuorumJudge
import QuorumModel

/// Sees every decision the engine makes, in order, on the engine's control thread: the journal implements
/// it. Every method has a default that does nothing, so an observer implements only what it records.
public protocol EngineObserver: AnyObject {
    /// A valid signal of `instance` on `symbol`, produced by the bar at `time`.
    func signal(_ signal: Signal, instance: Int, symbol: Int, time: Timestamp)
    /// Output of `instance` that counts as absent, and why.
    func fault(_ fault: SignalFault, instance: Int, time: Timestamp)
    /// `instance` stopped voting after repeated faults.
    func quarantined(instance: Int, time: Timestamp)
    /// The verdict for `symbol` at `time`, with the stances behind it: the judge's inputs, then the stances of
    /// the symbol's strategies that do not vote (weight 0: shadow mode, or a hedge weight of 0), with weight 0,
    /// so that their agreement with the verdicts is counted too.
    func verdict(_ verdict: Verdict, symbol: Int, inputs: UnsafeBufferPointer<JudgeInput>, time: Timestamp)
    /// The hedge judge's weights changed.
    func weights(_ weights: [Double], time: Timestamp)
    /// Whether the observer wants ``shadowBooks(_:time:)``; read once, when a run starts.
    var wantsShadowBooks: Bool { get }
    /// Every shadow book's value (by instance) at the end of the time step `time`, in one call per step.
    /// `values` is valid during the call only.
    func shadowBooks(_ values: UnsafeBufferPointer<BookValue>, time: Timestamp)
    /// The time step `time` is complete: every record of it has been observed (the journal ends a transaction
    /// only here).
    func stepEnded(time: Timestamp)
}

extension EngineObserver {
    public func signal(_ signal: Signal, instance: Int, symbol: Int, time: Timestamp) {}
    public func fault(_ fault: SignalFault, instance: Int, time: Timestamp) {}
    public func quarantined(instance: Int, time: Timestamp) {}
    public func verdict(_ verdict: Verdict, symbol: Int, inputs: UnsafeBufferPointer<JudgeInput>, time: Timestamp) {}
    public func weights(_ weights: [Double], time: Timestamp) {}
    public var wantsShadowBooks: Bool { false }
    public func shadowBooks(_ values: UnsafeBufferPointer<BookValue>, time: Timestamp) {}
    public func stepEnded(time: Timestamp) {}
}
