import XCTest
@testable import QuorumConfig

/// Loads `yaml` as `strategies.yaml` and returns the config, failing the test on errors.
func loadOK(_ yaml: String, environment: [String: String] = [:], catalog: StrategyCatalog? = nil,
            file: StaticString = #filePath, line: UInt = #line) -> QuorumConfig? {
    switch ConfigLoader.load(text: yaml, fileName: "strategies.yaml", environment: environment, catalog: catalog) {
    case .success(let config): return config
    case .failure(let errors):
        XCTFail("unexpected errors:\n\(errors)", file: file, line: line)
        return nil
    }
}

/// Loads `yaml` and returns every diagnostic as printed, failing the test when it loads.
func diagnostics(_ yaml: String, catalog: StrategyCatalog? = nil,
                 file: StaticString = #filePath, line: UInt = #line) -> [String] {
    switch ConfigLoader.load(text: yaml, fileName: "strategies.yaml", catalog: catalog) {
    case .success:
        XCTFail("expected errors", file: file, line: line)
        return []
    case .failure(let errors): return errors.diagnostics.map(\.description)
    }
}

/// A minimal valid file; tests append or replace sections.
let minimalYAML = """
version: 1
data:
  - {path: data/GOOG_1d.csv}
strategies:
  - name: a
    plugin: org.quorum.sma-cross
    symbols: [GOOG]

"""

/// The reference strategies' schemas as a fake catalog.
let fakeCatalog = FixedStrategyCatalog([
    StrategySchema(id: "org.quorum.sma-cross", params: [
        ParamSpec(id: 1, key: "fast", type: .int, defaultValue: 10, min: 1, max: 500),
        ParamSpec(id: 2, key: "slow", type: .int, defaultValue: 30, min: 2, max: 1000),
    ]),
    StrategySchema(id: "org.quorum.rsi-reversion", params: [
        ParamSpec(id: 1, key: "period", type: .int, defaultValue: 14, min: 2, max: 200),
        ParamSpec(id: 2, key: "oversold", type: .float, defaultValue: 30, min: 0, max: 100),
        ParamSpec(id: 3, key: "allow_short", type: .bool, defaultValue: 0, min: 0, max: 1),
    ]),
    StrategySchema(id: "org.quorum.pairs", params: [], symbols: 2...2),
])
