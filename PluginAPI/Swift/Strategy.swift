/// A strategy written in Swift. Conform a final class to this protocol and list it in your library's one
/// registration line (see ``PluginExport``); the kit does the C ABI.
///
/// The same threading rules as the C ABI apply: calls on one instance never overlap, different instances may
/// run at once on different threads. `onBar` is the hot path: no allocation, no locks, no I/O.
public protocol Strategy: AnyObject {
    /// The strategy's descriptor. Evaluated once when the library is first loaded.
    static var info: StrategyInfo { get }

    /// Creates an instance. `parameters` holds every schema parameter, validated by the host.
    /// Throwing refuses the creation; the error's description is logged through the host.
    init(parameters: Parameters, host: HostServices) throws

    /// Prepares for a run on `symbols` (in configuration order). Allocate here, not in `onBar`.
    func activate(symbols: [String]) throws

    /// Handles one new bar of one subscribed symbol; write zero or more signals (at most one per symbol).
    func onBar(_ event: BarEvent, _ signals: inout SignalWriter)

    /// Serialises the instance's state. Start with a format version.
    func saveState(_ writer: inout StateWriter) throws

    /// Restores what `saveState` wrote; throw ``StateError/corrupt`` for bytes it does not recognise.
    func loadState(_ reader: inout StateReader) throws

    /// Ends a run.
    func deactivate()
}

extension Strategy {
    public func activate(symbols: [String]) throws {}
    public func saveState(_ writer: inout StateWriter) throws {}
    public func loadState(_ reader: inout StateReader) throws {}
    public func deactivate() {}
}

/// The validated parameters of an instance, by key.
public struct Parameters: Sendable {
    private let values: [String: Double]
    init(values: [String: Double]) { self.values = values }

    /// The value of parameter `key` (always present: the host fills defaults). A key the schema does not have
    /// is a programming error: it stops the process with a message naming the key and the schema's keys (kept in
    /// optimised builds too, unlike a precondition's).
    public subscript(key: String) -> Double {
        guard let value = values[key] else {
            fatalError("parameter '\(key)' is not in the schema (its keys: \(values.keys.sorted().joined(separator: ", ")))")
        }
        return value
    }
    /// An integer parameter.
    public func int(_ key: String) -> Int { Int(self[key]) }
    /// A boolean parameter.
    public func bool(_ key: String) -> Bool { self[key] != 0 }
}
