import QuorumModel

/// A deterministic, seeded geometric random walk of valid OHLCV bars with 2-decimal prices, for benchmarks and
/// tests.
///
/// The same parameters give the same bars on every platform: the walk uses only IEEE-754 basic arithmetic
/// (no `exp`/`log` from the C library) driven by SplitMix64. Each bar opens at the previous close, closes at
/// `previous close × (1 + volatility × z)` with `z` a unit-variance, bounded (Irwin–Hall) noise, and extends
/// high and low beyond open and close by a random wick. Prices never fall below 0.01.
public struct SyntheticBars: BarStream, Sequence, IteratorProtocol {
    public let seed: UInt64
    /// Number of bars produced in total.
    public let count: Int
    /// Time of the first bar.
    public let start: Timestamp
    /// Time between bars, in nanoseconds (``nanosecondsPerDay`` for daily bars).
    public let step: Int64
    /// Standard deviation of one bar's relative price change (clamped to 0...0.25).
    public let volatility: Double
    /// The first bar's open.
    public let startPrice: Double

    private var random: SplitMix64
    private var produced = 0
    private var closeCents: Int64
    private var level: Double

    /// - Parameters:
    ///   - startPrice: price of the first bar's open (rounded to cents, at least 0.01).
    public init(seed: UInt64, count: Int, start: Timestamp, step: Int64 = nanosecondsPerDay,
                startPrice: Double = 100, volatility: Double = 0.01) {
        self.seed = seed
        self.count = Swift.max(count, 0)
        self.start = start
        self.step = step
        self.volatility = Swift.min(Swift.max(volatility, 0), 0.25)
        self.startPrice = startPrice
        random = SplitMix64(seed: seed)
        closeCents = Swift.max(1, Int64((startPrice * 100).rounded()))
        level = Double(closeCents) / 100
    }

    /// How these bars' times are written: dates when every bar starts at midnight, else date-times.
    public var timeFormat: TimeFormat {
        start % nanosecondsPerDay == 0 && step % nanosecondsPerDay == 0 ? .date : .dateTime
    }

    public mutating func next() -> Bar? {
        guard produced < count else { return nil }
        let time = start + Int64(produced) * step
        produced += 1
        let openCents = closeCents
        level *= 1 + volatility * unitNoise()
        closeCents = Swift.max(1, Int64((level * 100).rounded()))
        level = Swift.max(level, 0.01)
        let wickScale = volatility * level * 100 * 0.5
        let highCents = Swift.max(openCents, closeCents) + Int64((wickScale * random.nextUnit()).rounded())
        let lowCents = Swift.max(1, Swift.min(openCents, closeCents) - Int64((wickScale * random.nextUnit()).rounded()))
        let volume = Double(1_000 + random.next() % 1_000_000)
        return Bar(time: time, open: Self.price(openCents), high: Self.price(highCents), low: Self.price(lowCents),
                   close: Self.price(closeCents), volume: volume)
    }

    /// Zero-mean, unit-variance noise in [−2√3, 2√3]: the centred sum of four uniforms, scaled.
    private mutating func unitNoise() -> Double {
        let sum = random.nextUnit() + random.nextUnit() + random.nextUnit() + random.nextUnit()
        return (sum - 2) * 1.7320508075688772
    }

    @inline(__always) private static func price(_ cents: Int64) -> Price {
        Price(raw: cents * (fixedPointScale / 100))
    }
}

extension SyntheticBars {
    /// Writes all the bars (from the start, whatever this value has already produced) to a CSV file in Quorum's
    /// schema, streaming, and returns how many were written.
    @discardableResult
    public func writeCSV(to path: String) throws -> Int {
        var fresh = SyntheticBars(seed: seed, count: count, start: start, step: step,
                                  startPrice: startPrice, volatility: volatility)
        let writer = try BarCSVWriter(path: path, timeFormat: timeFormat)
        let written = try writer.write(all: &fresh)
        try writer.finish()
        return written
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, well-mixed 64-bit generator with a seed-only state.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
