/// One `strategies:` entry: a named instance of a plugin strategy.
public struct StrategyConfig: Sendable, Equatable {
    /// Unique instance name: any non-empty text without `/` (a strategy listed on several symbols runs one copy
    /// per symbol, named `NAME/SYMBOL`).
    public var name: String
    /// Reverse-DNS strategy id from a plugin descriptor, e.g. `org.quorum.sma-cross`.
    public var plugin: String
    /// Prior weight: finite, ≥ 0 (default 1). 0 runs the strategy in shadow mode.
    public var weight: Double
    /// Symbols the instance subscribes to (non-empty, no duplicates), in file order.
    public var symbols: [String]
    /// Parameters as written, in file order.
    public var params: [ParamSetting]
    /// False keeps the entry in the file but does not run it (default true).
    public var enabled: Bool
    /// Every parameter of the plugin's schema, in schema order, with defaults filled in; nil when no catalog
    /// was given to the loader.
    public var resolvedParams: [ResolvedParam]?
    /// Where the entry starts in the file (for errors the host finds later, e.g. at instance creation).
    public var location: SourceLocation

    public init(name: String, plugin: String, weight: Double = 1, symbols: [String], params: [ParamSetting] = [],
                enabled: Bool = true, resolvedParams: [ResolvedParam]? = nil, location: SourceLocation) {
        self.name = name
        self.plugin = plugin
        self.weight = weight
        self.symbols = symbols
        self.params = params
        self.enabled = enabled
        self.resolvedParams = resolvedParams
        self.location = location
    }
}

/// A parameter value as written in `params:`.
public struct ParamSetting: Sendable, Equatable {
    /// A parameter value: plugin parameters are numbers or booleans (SPEC §4.8).
    public enum Value: Sendable, Equatable {
        /// A number; `isInteger` when written without a fraction or exponent.
        case number(Double, isInteger: Bool)
        case bool(Bool)

        /// The value as the ABI passes it (booleans as 0 or 1).
        public var doubleValue: Double {
            switch self {
            case .number(let v, _): return v
            case .bool(let b): return b ? 1 : 0
            }
        }
    }

    public var key: String
    public var value: Value
    /// Where the value is written.
    public var location: SourceLocation

    public init(key: String, value: Value, location: SourceLocation) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// A parameter ready for the plugin: its stable numeric id and value.
public struct ResolvedParam: Sendable, Equatable {
    public var id: UInt32
    public var key: String
    public var value: Double

    public init(id: UInt32, key: String, value: Double) {
        self.id = id
        self.key = key
        self.value = value
    }
}
