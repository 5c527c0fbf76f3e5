import QuorumModel
import QuorumPortfolio

/// Fills and order events from the broker: booking, trade lifecycle, journal.
extension ExecutionStage: BrokerEventSink {
    public func book(_ order: Order, quantity: Quantity, price: Price, commission: Money, time: Timestamp) -> String? {
        let symbol = order.symbol
        let held = portfolio.positions[symbol].quantity
        let closedBefore = portfolio.roundTrips.count
        var refusal: String?
        if abs(Int128(held) + Int128(quantity)) > abs(Int128(held))
            && portfolio.buyingPower(after: quantity, of: symbol, at: price, commission: commission) < 0 {
            // Adds exposure the account cannot carry (for a long-only account: costs more than the cash).
            refusal = "insufficient cash"
        } else if !portfolio.apply(Fill(symbol: symbol, time: time, quantity: quantity, price: price,
                                        commission: commission)) {
            refusal = "notional out of range"
        }
        if let refusal {
            if order.leg == .entry && order.filled > 0 {
                // The broker cancels the rest of a partly filled order (it cannot be rejected after a fill): the
                // refused rest is recorded here, as the rejection of an order that never filled is.
                rejected.append(RejectedOrder(time: time, symbol: symbol, quantity: order.signedRemaining,
                                              reason: refusal))
            }
            return refusal
        }
        journal?.filled(order, quantity: quantity, price: price, commission: commission, time: time)
        if portfolio.roundTrips.count > closedBefore, let trip = portfolio.roundTrips.last {
            record.add(pnl: trip.pnl.clampedSubtracting(trip.commission))
            journal?.tradeClosed(trip)
        }
        journal?.positionChanged(symbol: symbol, position: portfolio.positions[symbol],
                                 realizedPnL: portfolio.realizedPnL(of: symbol), time: time)
        let now = portfolio.positions[symbol].quantity
        if order.leg == .entry {
            if var trade = current[symbol], trade.entry == order.id {
                advance(&trade, .entryFilled, symbol: symbol, time: time)
                current[symbol] = trade
            }
        } else if now == 0 {
            closeTrade(symbol: symbol, time: time)
        } else if order.leg == .exit {
            broker.capProtection(symbol: symbol, units: abs(now), time: time)
        }
        return nil
    }

    public func reducible(symbol: Int, by side: OrderSide) -> Quantity {
        side.reducible(portfolio.positions[symbol].quantity)
    }

    public func orderChanged(_ order: Order, event: OrderEvent, from: OrderStatus, reason: String?, time: Timestamp) {
        journal?.orderChanged(order, event: event, from: from, reason: reason, time: time)
        guard order.status.isTerminal else { return }
        let symbol = order.symbol
        switch order.leg {
        case .entry:
            if order.status == .rejected {
                rejected.append(RejectedOrder(time: time, symbol: symbol, quantity: order.signedRemaining,
                                              reason: reason ?? "rejected"))
            }
            if var trade = current[symbol], trade.entry == order.id {
                if order.filled > 0 {
                    advance(&trade, .hold, symbol: symbol, time: time)
                    current[symbol] = trade
                } else {
                    advance(&trade, .entryFailed, symbol: symbol, time: time)
                    current[symbol] = nil
                }
            } else if var trade = pending[symbol], trade.entry == order.id {
                advance(&trade, .entryFailed, symbol: symbol, time: time)
                pending[symbol] = nil
            }
        case .exit:
            if order.status != .filled, portfolio.positions[symbol].quantity != 0,
               var trade = current[symbol], trade.phase == .orderClosing {
                advance(&trade, .exitFailed, symbol: symbol, time: time)
                current[symbol] = trade
            }
        case .stopLoss, .takeProfit:
            break
        }
    }

    public func transitionRefused(_ error: TransitionError, order: Order, time: Timestamp) {
        journal?.transitionRefused(error, id: "order \(order.leg.rawValue) \(settings.symbolNames[order.symbol]) "
                                   + "\(order.id.event)", time: time)
    }

    /// The position of `symbol` is flat: its trade closed (by a verdict's exit, or by a resting stop or
    /// target); a reversal's trade takes its place.
    private func closeTrade(symbol: Int, time: Timestamp) {
        if var trade = current[symbol] {
            if trade.phase == .holding || trade.phase == .filled {
                advance(&trade, .triggerExit, symbol: symbol, time: time)
                advance(&trade, .placeExit, symbol: symbol, time: time)
            }
            advance(&trade, .exitFilled, symbol: symbol, time: time)
            current[symbol] = nil
        }
        if let next = pending[symbol] {
            current[symbol] = next
            pending[symbol] = nil
        }
    }
}
