/// A plugin file a run loaded (table `plugins`, one row per strategy id it provides).
public struct PluginRow: Sendable, Equatable {
    public var path: String
    /// 64 lowercase hex digits.
    public var sha256: String
    /// The strategy ids the file provides, in descriptor order.
    public var strategyIDs: [String]

    public init(path: String, sha256: String, strategyIDs: [String]) {
        self.path = path
        self.sha256 = sha256
        self.strategyIDs = strategyIDs
    }
}
