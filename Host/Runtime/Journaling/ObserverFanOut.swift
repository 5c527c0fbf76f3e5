import QuorumEngine
import QuorumExecution
import QuorumJudge
import QuorumModel
import QuorumPortfolio
import QuorumRisk

/// Passes the engine's observations on to several observers, in order.
final class EngineObserverFanOut: EngineObserver {
    let observers: [EngineObserver]
    init(_ observers: [EngineObserver]) { self.observers = observers }

    /// One observer as it is, several through a fan-out, none as nil.
    static func combine(_ observers: [EngineObserver?]) -> EngineObserver? {
        let present = observers.compactMap { $0 }
        return present.count <= 1 ? present.first : EngineObserverFanOut(present)
    }

    func signal(_ signal: Signal, instance: Int, symbol: Int, time: Timestamp) {
        for o in observers { o.signal(signal, instance: instance, symbol: symbol, time: time) }
    }
    func fault(_ fault: SignalFault, instance: Int, time: Timestamp) {
        for o in observers { o.fault(fault, instance: instance, time: time) }
    }
    func quarantined(instance: Int, time: Timestamp) { for o in observers { o.quarantined(instance: instance, time: time) } }
    func verdict(_ verdict: Verdict, symbol: Int, inputs: UnsafeBufferPointer<JudgeInput>, time: Timestamp) {
        for o in observers { o.verdict(verdict, symbol: symbol, inputs: inputs, time: time) }
    }
    func weights(_ weights: [Double], time: Timestamp) { for o in observers { o.weights(weights, time: time) } }
    var wantsShadowBooks: Bool { observers.contains { $0.wantsShadowBooks } }
    func shadowBooks(_ values: UnsafeBufferPointer<BookValue>, time: Timestamp) {
        for o in observers where o.wantsShadowBooks { o.shadowBooks(values, time: time) }
    }
    func stepEnded(time: Timestamp) { for o in observers { o.stepEnded(time: time) } }
}

/// Passes the execution stage's decisions on to several observers, in order.
final class ExecutionObserverFanOut: ExecutionObserver {
    let observers: [ExecutionObserver]
    init(_ observers: [ExecutionObserver]) { self.observers = observers }

    static func combine(_ observers: [ExecutionObserver?]) -> ExecutionObserver? {
        let present = observers.compactMap { $0 }
        return present.count <= 1 ? present.first : ExecutionObserverFanOut(present)
    }

    func riskDecision(_ decision: RiskDecision) { for o in observers { o.riskDecision(decision) } }
    func tradingStateChanged(_ change: TradingStateChange) { for o in observers { o.tradingStateChanged(change) } }
    func orderPlaced(_ order: Order, time: Timestamp) { for o in observers { o.orderPlaced(order, time: time) } }
    func orderChanged(_ order: Order, event: OrderEvent, from: OrderStatus, reason: String?, time: Timestamp) {
        for o in observers { o.orderChanged(order, event: event, from: from, reason: reason, time: time) }
    }
    func filled(_ order: Order, quantity: Quantity, price: Price, commission: Money, time: Timestamp) {
        for o in observers { o.filled(order, quantity: quantity, price: price, commission: commission, time: time) }
    }
    func positionChanged(symbol: Int, position: Position, realizedPnL: Money, time: Timestamp) {
        for o in observers { o.positionChanged(symbol: symbol, position: position, realizedPnL: realizedPnL, time: time) }
    }
    func tradeClosed(_ trade: RoundTrip) { for o in observers { o.tradeClosed(trade) } }
    func tradeAdvanced(symbol: Int, trade: Int, from: TradePhase, to: TradePhase, time: Timestamp) {
        for o in observers { o.tradeAdvanced(symbol: symbol, trade: trade, from: from, to: to, time: time) }
    }
    func transitionRefused(_ error: TransitionError, id: String, time: Timestamp) {
        for o in observers { o.transitionRefused(error, id: id, time: time) }
    }
}
