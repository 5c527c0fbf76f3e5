import QuorumIndicators
import QuorumPluginKit

/// `org.quorum.momentum`: follows the rate of change of the close over `lookback` bars. O(1) per bar through the
/// QuorumIndicators ROC state (its window allocated once at creation).
public final class Momentum: Strategy {
    public static var info: StrategyInfo { descriptor }

    let entry: Double, exit: Double, allowShort: Bool
    let roc: UnsafeMutablePointer<qi_roc_t>
    let storage: UnsafeMutablePointer<Double>
    /// The stance last emitted (QUORUM_DIRECTION_*); signals go out only when it changes.
    /// Unchecked exclusivity: calls on one instance never overlap (ABI rule), and the dynamic check would cost
    /// more than the rest of `onBar`.
    @exclusivity(unchecked) var stance: Int32 = Stance.flat

    public init(parameters: Parameters, host: HostServices) throws {
        let lookback = parameters.int("lookback")
        entry = parameters["entry"]; exit = parameters["exit"]; allowShort = parameters.bool("allow_short")
        guard (1...Int(QI_MAX_PERIOD)).contains(lookback) else { throw MomentumError("lookback out of range") }
        guard entry > 0, exit >= 0, exit < entry else { throw MomentumError("need 0 <= exit < entry") }
        roc = .allocate(capacity: 1)
        roc.initialize(to: qi_roc_t())
        storage = .allocate(capacity: lookback + 1)
        qi_roc_init(roc, UInt32(lookback), storage)
    }

    deinit { roc.deallocate(); storage.deallocate() }

    public func activate(symbols: [String]) throws { reset() }

    /// Back to the freshly created state (no history seen, FLAT).
    func reset() {
        qi_roc_init(roc, roc.pointee.period, storage)
        stance = Stance.flat
    }

    public func onBar(_ event: BarEvent, _ signals: inout SignalWriter) {
        guard qi_roc_update(roc, event.bars.close[event.bars.last]) != 0 else { return }
        let change = roc.pointee.value / 100  // the indicator reports percent
        let size = abs(change)
        var wanted = stance
        if change > entry {
            wanted = Stance.long
        } else if change < -entry {
            wanted = allowShort ? Stance.short : Stance.flat
        } else if size < exit {
            wanted = Stance.flat
        }
        guard wanted != stance else { return }
        stance = wanted
        // LONG/SHORT: stronger momentum, more confidence. FLAT: the nearer to no change, the surer.
        let confidence = wanted == Stance.flat && size < exit
            ? max(0, 1 - size / exit)
            : min(1, size / (2 * entry))
        signals.emit(event, wanted, confidence: confidence.isFinite ? confidence : 1,
                     reason: wanted == Stance.long ? "momentum up" : wanted == Stance.short ? "momentum down"
                        : "momentum faded")
    }

    /// Format 1: version byte, stance, then the ROC state.
    public func saveState(_ writer: inout StateWriter) throws {
        try writer.write(Momentum.stateVersion)
        try writer.write(Int8(stance))
        var bytes = [UInt8](repeating: 0, count: Int(qi_roc_state_size(roc)))
        bytes.withUnsafeMutableBytes { qi_roc_state_save(roc, $0.baseAddress!) }
        try bytes.withUnsafeBytes { try writer.writeBlob($0) }
    }

    public func loadState(_ reader: inout StateReader) throws {
        guard try reader.read(UInt8.self) == Momentum.stateVersion else { throw StateError.corrupt }
        let savedStance = Int32(try reader.read(Int8.self))
        let bytes = try reader.readBlob(expectedCount: Int(qi_roc_state_size(roc)))
        guard (-1...1).contains(savedStance), qi_roc_state_load(roc, bytes, UInt32(bytes.count)) == QI_OK else {
            reset()
            throw StateError.corrupt
        }
        stance = savedStance
    }

    static let stateVersion: UInt8 = 1
}

/// Why an instance cannot be created.
struct MomentumError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
