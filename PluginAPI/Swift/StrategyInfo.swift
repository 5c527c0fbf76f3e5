@_exported import QuorumPluginAPI

/// The type of a strategy parameter (`QUORUM_PARAM_*`). Every value crosses the ABI as a `Double`.
public enum ParameterType: UInt32, Sendable {
    case float = 0
    case int = 1
    case bool = 2
}

/// One entry of a strategy's parameter schema.
public struct ParameterSpec: Sendable {
    /// Stable numeric id: never reuse one for a different meaning.
    public var id: UInt32
    /// The key users write in strategies.yaml.
    public var key: String
    public var type: ParameterType
    public var description: String
    public var defaultValue: Double
    public var min: Double
    public var max: Double

    public init(id: UInt32, key: String, type: ParameterType, description: String,
                default defaultValue: Double, min: Double, max: Double) {
        self.id = id; self.key = key; self.type = type; self.description = description
        self.defaultValue = defaultValue; self.min = min; self.max = max
    }
}

/// Everything the descriptor of a strategy says (SPEC §4 rule 8).
public struct StrategyInfo: Sendable {
    /// Reverse-DNS id, e.g. "org.quorum.trend-rsi".
    public var id: String
    public var name: String
    public var vendor: String
    public var version: String
    public var description: String
    /// Bars of history `onBar` needs to see.
    public var historyBars: UInt32
    /// `QUORUM_FEATURE_*` bits.
    public var features: UInt64
    public var minSymbols: UInt32
    public var maxSymbols: UInt32
    public var parameters: [ParameterSpec]

    public init(id: String, name: String, vendor: String, version: String, description: String,
                historyBars: UInt32 = 1, features: UInt64 = 0, minSymbols: UInt32 = 1, maxSymbols: UInt32 = 1,
                parameters: [ParameterSpec] = []) {
        self.id = id; self.name = name; self.vendor = vendor; self.version = version
        self.description = description; self.historyBars = historyBars; self.features = features
        self.minSymbols = minSymbols; self.maxSymbols = maxSymbols; self.parameters = parameters
    }
}
