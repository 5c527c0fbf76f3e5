import XCTest
import QuorumModel
@testable import QuorumConfig

final class SpecExampleTests: XCTestCase {
    /// SPEC §6, verbatim.
    static let specExample = """
    version: 1
    plugins:
      dirs: [plugins]              # QUORUM_PLUGIN_PATH (colon-separated) adds more
      trust: strict                # strict | any
    data:
      - {path: data/GOOG_1d.csv, symbol: GOOG}
    starting_cash: 100000
    judge:
      mode: weighted               # vote | weighted | hedge
      quorum: 1                    # non-flat signals needed to act
      threshold: 0.0               # |net conviction| needed to act
      deadline_ms: 50              # per event; late signals count as absent
    strategies:
      - name: sma-10-30            # unique instance name
        plugin: org.quorum.sma-cross   # strategy id from a plugin descriptor
        weight: 1.0
        symbols: [GOOG]
        params: {fast: 10, slow: 30}
    risk:
      sizing: {mode: fraction_of_cash, fraction: 0.95}
      limits: none                 # `none` switches every hard limit off (research only; a warning is printed)
    execution:
      broker: paper
    journal:
      path: runs/quorum.sqlite
      level: decisions             # full | decisions | summary

    """

    func testSpecExampleIsAcceptedAsItStands() throws {
        let config = try XCTUnwrap(loadOK(Self.specExample))
        XCTAssertEqual(config.version, 1)
        var plugins = PluginsConfig(dirs: ["plugins"], trust: .strict)
        plugins.listedDirs = ["plugins"]   // the example lists it (the default folder is not "listed")
        XCTAssertEqual(config.plugins, plugins)
        XCTAssertEqual(config.data.map(\.path), ["data/GOOG_1d.csv"])
        XCTAssertEqual(config.data.map(\.symbol), ["GOOG"])
        XCTAssertEqual(config.startingCash, Money(units: 100_000))
        XCTAssertEqual(config.judge, JudgeConfig(mode: .weighted, quorum: 1, threshold: Ratio(raw: 0), deadlineMs: 50))
        XCTAssertEqual(config.strategies.count, 1)
        let s = config.strategies[0]
        XCTAssertEqual(s.name, "sma-10-30")
        XCTAssertEqual(s.plugin, "org.quorum.sma-cross")
        XCTAssertEqual(s.weight, 1.0)
        XCTAssertEqual(s.symbols, ["GOOG"])
        XCTAssertEqual(s.params.map(\.key), ["fast", "slow"])
        XCTAssertEqual(s.params.map(\.value), [.number(10, isInteger: true), .number(30, isInteger: true)])
        XCTAssertTrue(s.enabled)
        XCTAssertNil(s.resolvedParams)
        XCTAssertEqual(s.location, SourceLocation(line: 14, column: 5))
        XCTAssertEqual(config.risk.sizing, .fractionOfCash(Ratio(raw: 95_000_000)))   // exactly 0.95
        XCTAssertNil(config.risk.limits)
        XCTAssertEqual(config.execution, ExecutionConfig())
        XCTAssertEqual(config.journal, JournalConfig(path: "runs/quorum.sqlite", level: .decisions))
        XCTAssertEqual(config.warnings.map(\.description),
                       ["strategies.yaml:21:11: warning: risk limits are off (research only)"])
        XCTAssertFalse(config.parametersChecked)
    }

    func testSpecExampleWithCatalogResolvesParams() throws {
        let config = try XCTUnwrap(loadOK(Self.specExample, catalog: fakeCatalog))
        XCTAssertTrue(config.parametersChecked)
        XCTAssertEqual(config.strategies[0].resolvedParams,
                       [ResolvedParam(id: 1, key: "fast", value: 10), ResolvedParam(id: 2, key: "slow", value: 30)])
    }

    func testRepositoryStrategiesYAMLLoads() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repo.appendingPathComponent("strategies.yaml").path
        let result = ConfigLoader.load(path: path, environment: [:], catalog: nil)
        let config: QuorumConfig
        switch result {
        case .success(let c): config = c
        case .failure(let errors): return XCTFail("\(errors)")
        }
        let dir = repo.path
        XCTAssertEqual(config.data.map(\.symbol), ["GOOG", "ORCL", "NVDA", "YHOO"])
        XCTAssertEqual(config.data[0].path, dir + "/data/GOOG_1d.csv")
        XCTAssertEqual(config.strategies.map(\.name),
                       ["sma-10-30", "trend-rsi", "rsi-reversion", "momentum", "bollinger-breakout", "ttm-squeeze", "pairs"])
        XCTAssertEqual(config.strategies.map(\.plugin),
                       ["org.quorum.sma-cross", "org.quorum.trend-rsi", "org.quorum.rsi-reversion", "org.quorum.momentum",
                        "org.quorum.bollinger-breakout", "org.quorum.ttm-squeeze", "org.quorum.pairs"])
        XCTAssertEqual(config.strategies.last?.weight, 0.5)
        XCTAssertEqual(config.strategies.last?.symbols, ["GOOG", "YHOO"])
        XCTAssertEqual(config.judge.mode, .weighted)
        XCTAssertEqual(config.risk.sizing, .fractionOfCash(Ratio(raw: 95_000_000)))
        XCTAssertEqual(config.risk.limits, RiskLimits(), "the shipped configuration keeps every limit at its default")
        XCTAssertEqual(config.journal, JournalConfig(path: dir + "/runs/quorum.sqlite", level: .decisions))
        XCTAssertEqual(config.plugins.dirs, [dir + "/plugins"])
        XCTAssertEqual(config.warnings.map(\.message), [])
    }

    func testDefaults() throws {
        let config = try XCTUnwrap(loadOK(minimalYAML))
        XCTAssertEqual(config.plugins, PluginsConfig(dirs: ["plugins"], trust: .strict, pins: [:]))
        XCTAssertEqual(config.data, [DataSource(path: "data/GOOG_1d.csv", symbol: "GOOG", onBadRow: .error,
                                                location: SourceLocation(line: 3, column: 5))])
        XCTAssertEqual(config.startingCash, Money(units: 100_000))
        XCTAssertEqual(config.judge, JudgeConfig())
        XCTAssertEqual(config.judge.hedge, HedgeConfig(eta: 10, window: 20, minWeight: 0, maxWeight: 1))
        XCTAssertEqual(config.strategies[0].weight, 1)
        XCTAssertEqual(config.strategies[0].params, [])
        XCTAssertTrue(config.strategies[0].enabled)
        XCTAssertEqual(config.risk.sizing, .fractionOfCash(Ratio(raw: 95_000_000)))
        let limits = try XCTUnwrap(config.risk.limits)
        XCTAssertEqual(limits.maxPosition, Ratio(raw: 20_000_000))
        XCTAssertEqual(limits.maxSectorExposure, Ratio(raw: 30_000_000))
        XCTAssertEqual(limits.maxPositions, 10)
        XCTAssertEqual(limits.maxOrderValue, Money(units: 10_000))
        XCTAssertEqual(limits.minCashReserve, Ratio(raw: 10_000_000))
        XCTAssertEqual(limits.dailyLossLimit, Ratio(raw: 2_000_000))
        XCTAssertEqual(limits.maxDrawdown, Ratio(raw: 20_000_000))
        XCTAssertTrue(limits.stopLossRequired)
        XCTAssertEqual(limits.defaultStop, Ratio(raw: 5_000_000))
        XCTAssertEqual(limits.maxOrdersPerMinute, 10)
        XCTAssertEqual(limits.minOrderIntervalMs, 100)
        XCTAssertEqual(limits.restrictedSymbols, [])
        XCTAssertEqual(limits.marketHours, MarketHours(openMinute: 9 * 60 + 30, closeMinute: 16 * 60))
        XCTAssertNil(limits.autoResume)
        XCTAssertEqual(config.execution, ExecutionConfig(broker: .paper, mode: .paper, autoExecute: false,
                                                         rebalanceThreshold: nil, commission: Commission(),
                                                         slippageBps: Ratio(raw: 0), maxParticipation: nil,
                                                         timeInForce: .day))
        XCTAssertEqual(config.journal, JournalConfig(path: "runs/quorum.sqlite", level: .decisions))
        XCTAssertEqual(config.warnings, [])
    }

    func testPartialLimitsKeepDefaultsForMissingKeys() throws {
        let config = try XCTUnwrap(loadOK(minimalYAML + """
        risk:
          limits:
            max_position: 0.1
            restricted_symbols: [TSLA]
            market_hours: {open: "10:00", close: "15:30"}
            auto_resume: {after_days: 2}
          sectors: {GOOG: tech}
        """))
        let limits = try XCTUnwrap(config.risk.limits)
        XCTAssertEqual(limits.maxPosition, Ratio(raw: 10_000_000))
        XCTAssertEqual(limits.maxSectorExposure, Ratio(raw: 30_000_000))
        XCTAssertEqual(limits.restrictedSymbols, ["TSLA"])
        XCTAssertEqual(limits.marketHours, MarketHours(openMinute: 600, closeMinute: 930))
        XCTAssertEqual(limits.autoResume, AutoResume(afterDays: 2))
        XCTAssertEqual(config.risk.sectors, ["GOOG": "tech"])
    }

    func testEverySizingMode() throws {
        func sizing(_ flow: String) throws -> Sizing {
            try XCTUnwrap(loadOK(minimalYAML + "risk:\n  sizing: \(flow)\n")).risk.sizing
        }
        XCTAssertEqual(try sizing("{mode: fraction_of_equity, fraction: 0.5}"), .fractionOfEquity(Ratio(raw: 50_000_000)))
        XCTAssertEqual(try sizing("{mode: fixed_notional, notional: 2500.25}"), .fixedNotional(Money(raw: 250_025_000_000)))
        XCTAssertEqual(try sizing("{mode: fixed_quantity, quantity: 100}"), .fixedQuantity(100))
        XCTAssertEqual(try sizing("{mode: conviction, fraction: 1}"), .conviction(fraction: Ratio(raw: 100_000_000)))
        XCTAssertEqual(try sizing("{mode: kelly}"), .kelly(cap: Ratio(raw: 25_000_000)))
        XCTAssertEqual(try sizing("{mode: volatility_target}"),
                       .volatilityTarget(atrPeriod: 14, riskPerTrade: Ratio(raw: 1_000_000), atrMultiple: 2))
        XCTAssertEqual(try sizing("{mode: volatility_target, atr_period: 20, risk_per_trade: 0.005, atr_multiple: 3}"),
                       .volatilityTarget(atrPeriod: 20, riskPerTrade: Ratio(raw: 500_000), atrMultiple: 3))
    }

    func testExecutionAndJudgeSettings() throws {
        let config = try XCTUnwrap(loadOK(minimalYAML + """
        judge:
          mode: hedge
          quarantine_after: 3
          hedge: {eta: 5, window: 10, min_weight: 0.05, max_weight: 0.6}
        execution:
          broker: alpaca
          mode: live
          auto_execute: true
          rebalance_threshold: 0.1
          commission: {per_share: 0.005, bps: 1.5, minimum: 1}
          slippage_bps: 2
          max_participation: 0.1
          time_in_force: gtc
        journal: {level: full}
        """))
        XCTAssertEqual(config.judge.mode, .hedge)
        XCTAssertEqual(config.judge.quarantineAfter, 3)
        XCTAssertEqual(config.judge.hedge, HedgeConfig(eta: 5, window: 10, minWeight: 0.05, maxWeight: 0.6))
        XCTAssertEqual(config.execution.broker, .alpaca)
        XCTAssertEqual(config.execution.mode, .live)
        XCTAssertTrue(config.execution.autoExecute)
        XCTAssertEqual(config.execution.rebalanceThreshold, Ratio(raw: 10_000_000))
        XCTAssertEqual(config.execution.commission,
                       Commission(perShare: Money(raw: 500_000), bps: Ratio(raw: 150_000_000), minimum: Money(units: 1)))
        XCTAssertEqual(config.execution.slippageBps, Ratio(raw: 200_000_000))
        XCTAssertEqual(config.execution.maxParticipation, Ratio(raw: 10_000_000))
        XCTAssertEqual(config.execution.timeInForce, .gtc)
        XCTAssertEqual(config.journal.level, .full)
        XCTAssertEqual(config.warnings, [])
    }
}
