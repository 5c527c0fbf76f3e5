/// The inputs Quorum takes from outside — data files, configuration, numbers and times written as text — each
/// as a fuzz target: a function of arbitrary bytes that must never trap and whose result must keep the
/// properties the target states. libFuzzer drives them (`Fuzz/run`); the regression tests replay the corpus
/// under `Fuzz/corpus/<target>` through them in the ordinary build.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A bar data file read by ``QuorumData/CSVBarReader``.
    case csv
    /// A `strategies.yaml` read by ``QuorumConfig/ConfigLoader``.
    case config
    /// Decimal numbers and timestamps as the readers parse them.
    case numbers

    /// Runs the target on `input` and returns the properties it broke, one line each (empty: none).
    ///
    /// `scratch` is a file the target may overwrite (the CSV target writes its input there, since the reader
    /// reads files); it is not removed.
    public func findings(for input: UnsafeRawBufferPointer, scratch: String) -> [String] {
        let bytes = input.bindMemory(to: UInt8.self)
        switch self {
        case .csv: return CSVFuzz.findings(for: bytes, scratch: scratch)
        case .config: return ConfigFuzz.findings(for: bytes)
        case .numbers: return NumberFuzz.findings(for: bytes)
        }
    }

    /// ``findings(for:scratch:)`` of an array of bytes.
    public func findings(for input: [UInt8], scratch: String) -> [String] {
        input.withUnsafeBytes { findings(for: $0, scratch: scratch) }
    }
}

/// Collects the properties a run broke.
struct Findings {
    private(set) var lines: [String] = []

    /// Records `message` unless `condition` holds.
    mutating func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { lines.append(message()) }
    }
}
