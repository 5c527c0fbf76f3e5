/// A strategy instance of a run (tables `strategies`, `strategy_symbols`, `strategy_params`).
public struct StrategyRow: Sendable, Equatable {
    /// The instance's index: records and shadow books refer to the instance by it.
    public var instance: Int
    /// The unique instance name from strategies.yaml.
    public var name: String
    /// The strategy id it runs (e.g. `org.quorum.sma-cross`).
    public var plugin: String
    /// The configured weight.
    public var weight: Double
    /// The symbols it follows, as indexes in ``RunInfo/symbols``.
    public var symbols: [Int]
    /// Parameter values as text, by parameter name.
    public var params: [String: String]

    public init(instance: Int, name: String, plugin: String, weight: Double, symbols: [Int],
                params: [String: String] = [:]) {
        self.instance = instance
        self.name = name
        self.plugin = plugin
        self.weight = weight
        self.symbols = symbols
        self.params = params
    }
}
