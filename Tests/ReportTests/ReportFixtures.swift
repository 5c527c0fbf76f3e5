import Foundation
import QuorumModel
import QuorumPerformance
import QuorumReport

/// Deterministic inputs for the report tests: random-walk books (a seeded generator, so every run draws the
/// same curves), hedge weights and faults, including hostile names and messages.
enum ReportFixtures {
    static let hostileName = "<script>alert('name')</script>"
    static let hostileMessage = "bad \"quote\" & <script>alert(1)</script>"

    /// A small linear congruential generator: the same numbers on every platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// `count` daily points from 2015-01-02, a random walk with the given drift and daily volatility.
    static func curve(points count: Int, seed: UInt64, drift: Double = 0.0004, volatility: Double = 0.012,
                      start: Double = 100_000) -> [EquityPoint] {
        var generator = Generator(state: seed)
        var equity = start
        let first = Timestamps.days(year: 2015, month: 1, day: 2) * nanosecondsPerDay
        return (0..<count).map { k in
            if k > 0 {
                let shock = (generator.next() + generator.next() + generator.next() - 1.5) * 2
                equity *= 1 + drift + volatility * shock
            }
            return EquityPoint(time: first + Int64(k) * nanosecondsPerDay, equity: equity,
                               exposure: generator.next() < 0.6 ? equity : 0)
        }
    }

    static let strategyNames = ["sma-10-30", "rsi-reversion", "bollinger", "ttm-squeeze", "pairs", "trend-rsi",
                                "momentum", "breakout-55", "mean-rev-5", hostileName]

    /// The ensemble and `strategies` books of `points` points each, with their table, weights and faults.
    static func input(strategies: Int = 4, points: Int = 1500, faults: Int = 3) -> ReportInput {
        let names = [ComparisonRow.ensembleName] + strategyNames.prefix(strategies)
        let curves = names.enumerated().map { k, name in
            BookCurve(name: name, points: curve(points: points, seed: UInt64(k + 1) * 7919,
                                                drift: 0.0002 + 0.0001 * Double(k % 4)))
        }
        let rows = curves.map { ComparisonRow(name: $0.name, statistics: PerformanceStatistics(curve: $0.points)) }
        let strategyNames = Array(names.dropFirst())
        var generator = Generator(state: 42)
        let samples = stride(from: 0, to: points, by: 5).map { k -> WeightHistory.Sample in
            let raw = strategyNames.map { _ in 0.2 + generator.next() }
            let total = raw.reduce(0, +)
            return WeightHistory.Sample(time: curves[0].points[k].time, weights: raw.map { $0 / total })
        }
        let faultList = (0..<faults).map { k in
            FaultRecord(time: curves[0].points[min(k * 37, points - 1)].time,
                        strategy: k == 0 ? hostileName : strategyNames[k % max(strategyNames.count, 1)],
                        message: k == 0 ? hostileMessage : "signal rejected: confidence \(1 + k) out of [0, 1]")
        }
        return ReportInput(title: "Quorum backtest — GOOG, ORCL",
                           runInfo: [(key: "config", value: "strategies.yaml"), (key: "judge", value: "hedge"),
                                     (key: "data", value: "data/GOOG_1d.csv, data/ORCL_1d.csv"),
                                     (key: "starting cash", value: "100000")],
                           table: ComparisonTable(rows: rows), curves: curves,
                           weights: WeightHistory(names: strategyNames, samples: samples), faults: faultList)
    }
}
