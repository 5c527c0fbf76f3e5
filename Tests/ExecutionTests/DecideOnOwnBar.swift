import QuorumExecution
import QuorumJudge
import QuorumModel

extension ExecutionStage {
    /// Decides on the symbol's own bar's event, number `event`: the engine's case for a symbol's own bar (the
    /// event's time is the bar's).
    func decide(_ verdict: Verdict, symbol: Int, bar: Bar, event: Int) {
        decide(verdict, symbol: symbol, bar: bar, event: MarketEvent(number: event, time: bar.time))
    }
}
