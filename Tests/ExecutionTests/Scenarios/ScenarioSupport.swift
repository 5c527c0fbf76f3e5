import QuorumData
import QuorumExecution
import QuorumJudge
import QuorumModel
import QuorumPortfolio
import QuorumRisk
import QuorumTestSupport
import XCTest

/// Records everything the execution stage reports, as the journal would.
final class DecisionRecorder: ExecutionObserver, EquityObserver {
    var decisions: [RiskDecision] = []
    var states: [TradingStateChange] = []
    var placed: [Order] = []
    var events: [(order: Order, event: OrderEvent, reason: String?)] = []
    var fills: [(leg: OrderLeg, quantity: Quantity, price: Price, time: Timestamp)] = []
    var phases: [TradePhase] = []
    var refusals: [TransitionError] = []
    var closed: [RoundTrip] = []
    var equity: [(time: Timestamp, equity: Money)] = []

    func riskDecision(_ decision: RiskDecision) { decisions.append(decision) }
    func tradingStateChanged(_ change: TradingStateChange) { states.append(change) }
    func orderPlaced(_ order: Order, time: Timestamp) { placed.append(order) }
    func orderChanged(_ order: Order, event: OrderEvent, from: OrderStatus, reason: String?, time: Timestamp) {
        events.append((order, event, reason))
    }
    func filled(_ order: Order, quantity: Quantity, price: Price, commission: Money, time: Timestamp) {
        fills.append((order.leg, quantity, price, time))
    }
    func tradeClosed(_ trade: RoundTrip) { closed.append(trade) }
    func tradeAdvanced(symbol: Int, trade: Int, from: TradePhase, to: TradePhase, time: Timestamp) {
        if phases.isEmpty { phases.append(from) }
        phases.append(to)
    }
    func transitionRefused(_ error: TransitionError, id: String, time: Timestamp) { refusals.append(error) }
    func equity(_ equity: Money, cash: Money, exposure: Money, at time: Timestamp) { self.equity.append((time, equity)) }
}

/// Bundled daily bars, driven through a stage the way the engine drives it.
struct Tape {
    let symbols: [String]
    /// Bars per symbol, aligned by date (dates every symbol has).
    let rows: [(time: Timestamp, bars: [Bar])]

    init(_ files: [(file: String, symbol: String)], from: String, to: String) throws {
        symbols = files.map(\.symbol)
        let lo = Timestamps.parse(from)!.0, hi = Timestamps.parse(to)!.0
        var byTime: [Timestamp: [Int: Bar]] = [:]
        for (k, f) in files.enumerated() {
            var reader = try CSVBarReader(path: Repository.data(f.file))
            while let bar = try reader.next() {
                guard bar.time <= hi else { break }
                if bar.time >= lo { byTime[bar.time, default: [:]][k] = bar }
            }
        }
        rows = byTime.keys.sorted().compactMap { t in
            let bars = byTime[t]!
            return bars.count == files.count ? (t, (0..<files.count).map { bars[$0]! }) : nil
        }
    }

    func index(_ date: String) -> Int { rows.firstIndex { $0.time == Timestamps.parse(date)!.0 }! }

    /// Runs every row: bars open (orders fill), then `verdicts(row)` per symbol, then the step ends.
    func run(_ stage: ExecutionStage, from start: Int = 0, through end: Int? = nil,
             verdicts: (Int) -> [Int: Verdict]) {
        for i in start...(end ?? rows.count - 1) {
            let row = rows[i]
            for (s, bar) in row.bars.enumerated() { stage.barOpened(symbol: s, bar: bar) }
            for (s, verdict) in verdicts(i).sorted(by: { $0.key < $1.key }) {
                // Each symbol's bar is its own event: row i's events are numbered i × symbols + s.
                stage.decide(verdict, symbol: s, bar: row.bars[s], event: i * row.bars.count + s)
            }
            stage.endOfStep(time: row.time)
        }
    }
}

func verdict(_ direction: Direction, stop: Double? = nil, target: Double? = nil) -> Verdict {
    Verdict(direction: direction, conviction: 1, net: direction.sign, stances: 1, nonFlat: direction == .flat ? 0 : 1,
            stopLoss: stop.flatMap(Price.init), takeProfit: target.flatMap(Price.init))
}

func price(_ value: Double) -> Price { Price(value)! }
