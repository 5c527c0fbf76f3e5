import QuorumModel

/// Receives what a broker does with orders, in order, on the engine's control thread. The execution stage
/// implements it: it books fills into the portfolio, moves trades through their lifecycle, and journals.
public protocol BrokerEventSink: AnyObject {
    /// Books a fill of `quantity` signed units of `order` at `price`. Returns nil when booked, or the reason the
    /// fill cannot be taken (e.g. "insufficient cash"), in which case the broker rejects the order (or, when it
    /// has filled in part already, cancels the rest with that reason: an order cannot be rejected after a fill).
    func book(_ order: Order, quantity: Quantity, price: Price, commission: Money, time: Timestamp) -> String?
    /// How many units an order on `side` can take off the position of `symbol`: its size when `side` reduces
    /// it, else 0. Exits, stop-losses and take-profits only reduce a position: they fill at most this many
    /// units, so no combination of them takes a position through zero.
    func reducible(symbol: Int, by side: OrderSide) -> Quantity
    /// `order` moved from `from` to its current status on `event`.
    func orderChanged(_ order: Order, event: OrderEvent, from: OrderStatus, reason: String?, time: Timestamp)
    /// An event the order's state machine refused: journaled, never applied.
    func transitionRefused(_ error: TransitionError, order: Order, time: Timestamp)
}
