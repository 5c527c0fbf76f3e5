import QuorumModel
import QuorumPortfolio
import QuorumRisk

/// Sees every decision of the risk and execution core, in order, on the engine's control thread: the journal
/// implements it. Every method has a default that does nothing.
public protocol ExecutionObserver: AnyObject {
    /// A refusal, resize, approval or cancellation by the risk core.
    func riskDecision(_ decision: RiskDecision)
    func tradingStateChanged(_ change: TradingStateChange)
    /// An order was created and sent to the broker.
    func orderPlaced(_ order: Order, time: Timestamp)
    /// An order moved through its state machine.
    func orderChanged(_ order: Order, event: OrderEvent, from: OrderStatus, reason: String?, time: Timestamp)
    /// A fill was booked: `quantity` signed units of `order` at `price`.
    func filled(_ order: Order, quantity: Quantity, price: Price, commission: Money, time: Timestamp)
    /// The position of `symbol` after a fill, with the symbol's realized P&L so far.
    func positionChanged(symbol: Int, position: Position, realizedPnL: Money, time: Timestamp)
    /// A round trip closed.
    func tradeClosed(_ trade: RoundTrip)
    /// A trade of `symbol` moved through its lifecycle.
    func tradeAdvanced(symbol: Int, trade: Int, from: TradePhase, to: TradePhase, time: Timestamp)
    /// An event a state machine refused: journaled, never applied. `id` names the order or trade.
    func transitionRefused(_ error: TransitionError, id: String, time: Timestamp)
}

extension ExecutionObserver {
    public func riskDecision(_ decision: RiskDecision) {}
    public func tradingStateChanged(_ change: TradingStateChange) {}
    public func orderPlaced(_ order: Order, time: Timestamp) {}
    public func orderChanged(_ order: Order, event: OrderEvent, from: OrderStatus, reason: String?, time: Timestamp) {}
    public func filled(_ order: Order, quantity: Quantity, price: Price, commission: Money, time: Timestamp) {}
    public func positionChanged(symbol: Int, position: Position, realizedPnL: Money, time: Timestamp) {}
    public func tradeClosed(_ trade: RoundTrip) {}
    public func tradeAdvanced(symbol: Int, trade: Int, from: TradePhase, to: TradePhase, time: Timestamp) {}
    public func transitionRefused(_ error: TransitionError, id: String, time: Timestamp) {}
}
