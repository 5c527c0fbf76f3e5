/// What the loader knows about the strategies its plugins provide. The host's plugin loader implements this;
/// the configuration checks `strategies[].plugin` and `params` against it.
public protocol StrategyCatalog {
    /// The schema of strategy `id`, or nil when no loaded plugin provides it.
    func schema(forStrategyID id: String) -> StrategySchema?
    /// Every known strategy id (for "did you mean").
    var strategyIDs: [String] { get }
}

/// A strategy's parameter schema, from its plugin descriptor.
public struct StrategySchema: Sendable, Equatable {
    /// Reverse-DNS strategy id.
    public var id: String
    /// Parameters in schema order.
    public var params: [ParamSpec]

    public init(id: String, params: [ParamSpec]) {
        self.id = id
        self.params = params
    }
}

/// One parameter of a strategy's schema (SPEC §4.8).
public struct ParamSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case float
        case int
        case bool
    }

    /// Stable numeric id.
    public var id: UInt32
    public var key: String
    public var type: Kind
    public var defaultValue: Double
    /// Smallest allowed value (inclusive).
    public var min: Double
    /// Largest allowed value (inclusive).
    public var max: Double

    public init(id: UInt32, key: String, type: Kind, defaultValue: Double, min: Double, max: Double) {
        self.id = id
        self.key = key
        self.type = type
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
    }
}

/// A catalog built from a list of schemas (tests, `quorum validate` with explicit schemas).
public struct FixedStrategyCatalog: StrategyCatalog, Sendable {
    public var schemas: [StrategySchema]

    public init(_ schemas: [StrategySchema]) { self.schemas = schemas }

    public func schema(forStrategyID id: String) -> StrategySchema? { schemas.first { $0.id == id } }
    public var strategyIDs: [String] { schemas.map(\.id) }
}
