/// What the loader knows about the strategies its plugins provide. The host's plugin loader implements this;
/// the configuration checks `strategies[].plugin` and `params` against it.
public protocol StrategyCatalog {
    /// The schema of strategy `id`, or nil when no loaded plugin provides it.
    func schema(forStrategyID id: String) -> StrategySchema?
    /// Every known strategy id (for "did you mean").
    var strategyIDs: [String] { get }
}

/// A strategy's parameter schema and symbol count, from its plugin descriptor.
public struct StrategySchema: Sendable, Equatable {
    /// Reverse-DNS strategy id.
    public var id: String
    /// Parameters in schema order.
    public var params: [ParamSpec]
    /// How many symbols one instance takes. A strategy that takes one symbol may be listed on several: it then
    /// runs one instance per symbol.
    public var symbols: ClosedRange<Int>

    public init(id: String, params: [ParamSpec], symbols: ClosedRange<Int> = 1...1) {
        self.id = id
        self.params = params
        self.symbols = symbols
    }

    /// Why `count` symbols cannot be given to the strategy, or nil when they can.
    public func symbolCountProblem(_ count: Int) -> String? {
        if symbols.contains(count) || (symbols.upperBound == 1 && count > 1) { return nil }
        let takes = symbols.lowerBound == symbols.upperBound ? "\(symbols.lowerBound)"
            : "\(symbols.lowerBound) to \(symbols.upperBound)"
        return "'\(id)' takes \(takes) symbol\(symbols.upperBound == 1 ? "" : "s") per instance, found \(count)"
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
