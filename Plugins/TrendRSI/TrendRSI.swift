import QuorumIndicators
import QuorumPluginKit

/// `org.quorum.trend-rsi`: trend-following long entries confirmed by RSI momentum and above-average volume.
/// O(1) per bar: the SMA of the close, the RSI and the average volume are incremental QuorumIndicators states,
/// allocated once at creation.
public final class TrendRSI: Strategy {
    public static var info: StrategyInfo { descriptor }

    let rsiLow: Double, rsiHigh: Double, rsiExit: Double
    let stopPct: Double, targetPct: Double
    let sma: UnsafeMutablePointer<qi_sma_t>
    let volume: UnsafeMutablePointer<qi_sma_t>
    let rsi: UnsafeMutablePointer<qi_rsi_t>
    let smaStorage: UnsafeMutablePointer<Int64>
    let volumeStorage: UnsafeMutablePointer<Int64>
    /// The stance last emitted (QUORUM_DIRECTION_*); signals go out only when it changes.
    /// Unchecked exclusivity: calls on one instance never overlap (ABI rule), and the dynamic check would cost
    /// more than the rest of `onBar`.
    @exclusivity(unchecked) var stance: Int32 = Stance.flat

    public init(parameters: Parameters, host: HostServices) throws {
        let smaPeriod = parameters.int("sma_period"), rsiPeriod = parameters.int("rsi_period")
        let volumePeriod = parameters.int("volume_period")
        rsiLow = parameters["rsi_low"]; rsiHigh = parameters["rsi_high"]; rsiExit = parameters["rsi_exit"]
        stopPct = parameters["stop_pct"]; targetPct = parameters["target_pct"]
        guard rsiLow < rsiHigh else { throw TrendRSIError("rsi_low \(rsiLow) must be below rsi_high \(rsiHigh)") }
        guard (1...Int(QI_MAX_PERIOD)).contains(smaPeriod), (2...Int(QI_MAX_PERIOD)).contains(rsiPeriod),
              (1...Int(QI_MAX_PERIOD)).contains(volumePeriod) else { throw TrendRSIError("period out of range") }
        guard stopPct > 0, stopPct < 1, targetPct > 0 else { throw TrendRSIError("stop_pct/target_pct out of range") }
        sma = .allocate(capacity: 1); volume = .allocate(capacity: 1); rsi = .allocate(capacity: 1)
        smaStorage = .allocate(capacity: smaPeriod); volumeStorage = .allocate(capacity: volumePeriod)
        sma.initialize(to: qi_sma_t()); volume.initialize(to: qi_sma_t()); rsi.initialize(to: qi_rsi_t())
        qi_sma_init(sma, UInt32(smaPeriod), smaStorage)
        qi_sma_init(volume, UInt32(volumePeriod), volumeStorage)
        qi_rsi_init(rsi, UInt32(rsiPeriod))
    }

    deinit {
        sma.deallocate(); volume.deallocate(); rsi.deallocate()
        smaStorage.deallocate(); volumeStorage.deallocate()
    }

    public func activate(symbols: [String]) throws { reset() }

    /// Back to the freshly created state (no history seen, FLAT).
    func reset() {
        qi_sma_reset(sma); qi_sma_reset(volume)
        qi_rsi_init(rsi, rsi.pointee.period)
        stance = Stance.flat
    }

    public func onBar(_ event: BarEvent, _ signals: inout SignalWriter) {
        let close = event.bars.close[event.bars.last]
        // The volume is compared with the average of the bars before it, then joins the window. It is averaged in
        // millions: the exact average holds values below ~9.2e10 (the price range), and volumes in token units
        // reach far beyond (past it the average overflowed and every bar was "above" it); the largest are held at
        // the end of that range.
        let barVolume = min(event.bars.volume[event.bars.last] / TrendRSI.volumeUnit, TrendRSI.largestVolume)
        let volumeReady = qi_sma_ready(volume) != 0
        let aboveAverageVolume = volumeReady && barVolume > volume.pointee.value
        qi_sma_update(volume, barVolume)
        let smaReady = qi_sma_update(sma, close) != 0
        let rsiReady = qi_rsi_update(rsi, close) != 0
        guard smaReady, rsiReady, volumeReady else { return }
        let average = sma.pointee.value, strength = rsi.pointee.value

        if stance == Stance.long {
            if close < average || strength > rsiExit {
                stance = Stance.flat
                let confidence = close < average ? 1.0 : min(1, max(0.1, (strength - rsiExit) / (100 - rsiExit)))
                signals.emit(event, Stance.flat, confidence: confidence,
                             reason: close < average ? "close below SMA" : "RSI above exit level")
            }
        } else if close > average, strength >= rsiLow, strength <= rsiHigh, aboveAverageVolume {
            stance = Stance.long
            let confidence = min(1, max(0.1, (strength - rsiLow) / (rsiHigh - rsiLow)))
            signals.emit(event, Stance.long, confidence: confidence, stopLoss: close * (1 - stopPct),
                         takeProfit: close * (1 + targetPct), reason: "uptrend, RSI in band, volume above average")
        }
    }

    /// Format 2: version byte, stance, then the SMA, volume-SMA (in millions) and RSI states. (Format 1 averaged
    /// volumes in units: it is refused, and the instance starts afresh.)
    public func saveState(_ writer: inout StateWriter) throws {
        try writer.write(TrendRSI.stateVersion)
        try writer.write(Int8(stance))
        for s in [sma, volume] {
            var bytes = [UInt8](repeating: 0, count: Int(qi_sma_state_size(s)))
            bytes.withUnsafeMutableBytes { qi_sma_state_save(s, $0.baseAddress!) }
            try bytes.withUnsafeBytes { try writer.writeBlob($0) }
        }
        var r = rsi.pointee
        try withUnsafeBytes(of: &r) { try writer.writeBlob($0) }
    }

    public func loadState(_ reader: inout StateReader) throws {
        guard try reader.read(UInt8.self) == TrendRSI.stateVersion else { throw StateError.corrupt }
        let savedStance = Int32(try reader.read(Int8.self))
        let smaBytes = try reader.readBlob(expectedCount: Int(qi_sma_state_size(sma)))
        let volumeBytes = try reader.readBlob(expectedCount: Int(qi_sma_state_size(volume)))
        let rsiBytes = try reader.readBlob(expectedCount: MemoryLayout<qi_rsi_t>.size)
        var savedRSI = qi_rsi_t()
        withUnsafeMutableBytes(of: &savedRSI) { $0.copyBytes(from: rsiBytes) }
        guard [Stance.flat, Stance.long].contains(savedStance), savedRSI.period == rsi.pointee.period,
              qi_sma_state_load(sma, smaBytes, UInt32(smaBytes.count)) == QI_OK,
              qi_sma_state_load(volume, volumeBytes, UInt32(volumeBytes.count)) == QI_OK else {
            reset()
            throw StateError.corrupt
        }
        rsi.pointee = savedRSI
        stance = savedStance
    }

    static let stateVersion: UInt8 = 2
    /// Volumes are averaged in this unit, and held below the exact average's range.
    static let volumeUnit = 1e6
    static let largestVolume = 9e10
}

/// Why an instance cannot be created.
struct TrendRSIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
