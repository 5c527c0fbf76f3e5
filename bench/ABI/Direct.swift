import QuorumIndicators
import QuorumPluginAPI

/// The same work as the Momentum plugins' on_bar (ROC update, thresholds, emit on change), called directly
/// in-process: the baseline the ABI call is measured against.
final class DirectMomentum {
    let roc = UnsafeMutablePointer<qi_roc_t>.allocate(capacity: 1)
    let storage = UnsafeMutablePointer<Double>.allocate(capacity: 21)
    var stance: Int32 = 0

    init() {
        roc.initialize(to: qi_roc_t())
        qi_roc_init(roc, 20, storage)
    }

    /// Returns 1 when a signal was written into `out`.
    @inline(never)
    func onBar(_ close: Double, _ out: UnsafeMutablePointer<quorum_signal_t>) -> Int32 {
        guard qi_roc_update(roc, close) != 0 else { return 0 }
        let change = roc.pointee.value / 100, size = abs(change)
        var wanted = stance
        if change > 0.05 { wanted = 1 } else if change < -0.05 { wanted = -1 } else if size < 0.01 { wanted = 0 }
        guard wanted != stance else { return 0 }
        stance = wanted
        out.pointee = quorum_signal_t()
        out.pointee.direction = wanted
        out.pointee.confidence = min(1, size / 0.1)
        return 1
    }
}
