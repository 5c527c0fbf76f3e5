import QuorumIndicators
import QuorumPluginKit

/// `org.quorum.trend-rsi`: trend-following long entries confirmed by RSI momentum and above-average volume.
/// O(1) per bar: the SMA of the close and the RSI are incremental QuorumIndicators states, allocated once at
/// creation; the average volume is a window of doubles (volumes span far more decades than the exact SMA's
/// fixed point: fractions of a coin to 10¹⁵ tokens).
public final class TrendRSI: Strategy {
    public static var info: StrategyInfo { descriptor }

    let rsiLow: Double, rsiHigh: Double, rsiExit: Double
    let stopPct: Double, targetPct: Double
    let sma: UnsafeMutablePointer<qi_sma_t>
    let rsi: UnsafeMutablePointer<qi_rsi_t>
    let smaStorage: UnsafeMutablePointer<Int64>
    /// The last `volume_period` volumes (a ring, `volumeHead` its oldest once full), how many, and their sum.
    @exclusivity(unchecked) var volumes: [Double]
    @exclusivity(unchecked) var volumeHead = 0, volumeCount = 0, volumesSinceSum = 0
    @exclusivity(unchecked) var volumeSum = 0.0
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
        sma = .allocate(capacity: 1); rsi = .allocate(capacity: 1)
        smaStorage = .allocate(capacity: smaPeriod)
        sma.initialize(to: qi_sma_t()); rsi.initialize(to: qi_rsi_t())
        qi_sma_init(sma, UInt32(smaPeriod), smaStorage)
        qi_rsi_init(rsi, UInt32(rsiPeriod))
        volumes = Array(repeating: 0, count: volumePeriod)
    }

    deinit {
        sma.deallocate(); rsi.deallocate()
        smaStorage.deallocate()
    }

    public func activate(symbols: [String]) throws { reset() }

    /// Back to the freshly created state (no history seen, FLAT).
    func reset() {
        qi_sma_reset(sma)
        volumeHead = 0; volumeCount = 0; volumesSinceSum = 0; volumeSum = 0
        qi_rsi_init(rsi, rsi.pointee.period)
        stance = Stance.flat
    }

    public func onBar(_ event: BarEvent, _ signals: inout SignalWriter) {
        let close = event.bars.close[event.bars.last], barVolume = event.bars.volume[event.bars.last]
        // The volume is compared with the average of the bars before it, then joins the window.
        let volumeReady = volumeCount == volumes.count
        let aboveAverageVolume = volumeReady && barVolume * Double(volumes.count) > volumeSum
        addVolume(barVolume)
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

    /// The window of volumes takes `volume`: the sum is kept as it goes and summed afresh from the window once
    /// per period, so rounding never accumulates.
    private func addVolume(_ volume: Double) {
        if volumeCount == volumes.count { volumeSum -= volumes[volumeHead] } else { volumeCount += 1 }
        volumes[volumeHead] = volume
        volumeSum += volume
        volumeHead = volumeHead + 1 == volumes.count ? 0 : volumeHead + 1
        volumesSinceSum += 1
        if volumesSinceSum == volumes.count {
            volumeSum = volumes.prefix(volumeCount).reduce(0, +)
            volumesSinceSum = 0
        }
    }

    /// Format 3: version byte, stance, the SMA state, the RSI state, then the volume window (count, head, the
    /// volumes). Formats 1 and 2 (an exact volume average, in units or millions) are refused, and the instance
    /// starts afresh.
    public func saveState(_ writer: inout StateWriter) throws {
        try writer.write(TrendRSI.stateVersion)
        try writer.write(Int8(stance))
        var bytes = [UInt8](repeating: 0, count: Int(qi_sma_state_size(sma)))
        bytes.withUnsafeMutableBytes { qi_sma_state_save(sma, $0.baseAddress!) }
        try bytes.withUnsafeBytes { try writer.writeBlob($0) }
        var r = rsi.pointee
        try withUnsafeBytes(of: &r) { try writer.writeBlob($0) }
        try writer.write(UInt32(volumeCount))
        try writer.write(UInt32(volumeHead))
        try writer.write(volumes)
    }

    public func loadState(_ reader: inout StateReader) throws {
        guard try reader.read(UInt8.self) == TrendRSI.stateVersion else { throw StateError.corrupt }
        let savedStance = Int32(try reader.read(Int8.self))
        let smaBytes = try reader.readBlob(expectedCount: Int(qi_sma_state_size(sma)))
        let rsiBytes = try reader.readBlob(expectedCount: MemoryLayout<qi_rsi_t>.size)
        let count = Int(try reader.read(UInt32.self)), head = Int(try reader.read(UInt32.self))
        let savedVolumes = try reader.read([Double].self, maxCount: volumes.count)
        var savedRSI = qi_rsi_t()
        withUnsafeMutableBytes(of: &savedRSI) { $0.copyBytes(from: rsiBytes) }
        guard [Stance.flat, Stance.long].contains(savedStance), savedRSI.period == rsi.pointee.period,
              savedVolumes.count == volumes.count, count <= volumes.count, head < volumes.count,
              savedVolumes.allSatisfy({ $0.isFinite && $0 >= 0 }),
              qi_sma_state_load(sma, smaBytes, UInt32(smaBytes.count)) == QI_OK else {
            reset()
            throw StateError.corrupt
        }
        rsi.pointee = savedRSI
        stance = savedStance
        volumes = savedVolumes
        volumeCount = count
        volumeHead = head
        volumeSum = volumes.prefix(count).reduce(0, +)
        volumesSinceSum = 0
    }

    static let stateVersion: UInt8 = 3
}

/// Why an instance cannot be created.
struct TrendRSIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
