import QuorumJudge
import QuorumModel
import QuorumPortfolio

/// An order that was refused at fill time.
public struct RejectedOrder: Sendable, Equatable {
    public var time: Timestamp
    public var symbol: Int
    public var quantity: Quantity
    public var reason: String
}

/// The paper stage: sizes each change of target direction, sends a market order, and fills it at the open
/// of the symbol's next bar (SPEC §10). An order whose cost at the fill price exceeds the cash is rejected,
/// not resized. Used by backtests and shadow books; the full risk and execution core replaces it through
/// ``TradingStage``.
///
/// Not thread-safe: the engine drives a stage from its control thread only (so its state is exempt from
/// dynamic exclusivity checks, which would dominate the per-bar cost).
public final class PaperTradingStage: TradingStage {
    @exclusivity(unchecked) public private(set) var portfolio: Portfolio
    @exclusivity(unchecked) public private(set) var rejected: [RejectedOrder] = []
    @exclusivity(unchecked) public private(set) var ordersSent = 0
    public let sizer: any PositionSizer
    public let costs: CostModel
    public weak var observer: EquityObserver?

    /// Target direction per symbol (what the last acted-upon verdict said).
    @exclusivity(unchecked) private var target: [Direction]
    /// Pending market order quantity per symbol (0 = none).
    @exclusivity(unchecked) private var pending: [Quantity]

    public init(startingCash: Money, symbolCount: Int, sizer: any PositionSizer, costs: CostModel = .free) {
        portfolio = Portfolio(startingCash: startingCash, symbolCount: symbolCount)
        self.sizer = sizer
        self.costs = costs
        target = Array(repeating: .flat, count: symbolCount)
        pending = Array(repeating: 0, count: symbolCount)
    }

    public var equity: Money { portfolio.equity }

    public func barOpened(symbol: Int, bar: Bar) {
        let quantity = pending[symbol]
        if quantity != 0 {
            pending[symbol] = 0
            fill(symbol: symbol, quantity: quantity, bar: bar)
        }
        portfolio.mark(symbol, at: bar.close)
    }

    public func decide(_ verdict: Verdict, symbol: Int, bar: Bar) {
        guard verdict.direction != target[symbol] else { return }
        target[symbol] = verdict.direction
        let held = portfolio.positions[symbol].quantity
        var wanted: Quantity = 0
        if verdict.direction != .flat {
            // Size from the buying power the account would have with this symbol's position closed.
            let freed = Money(raw: abs(held) * bar.close.raw)
            let units = sizer.units(conviction: verdict.conviction, price: bar.close,
                                    cash: portfolio.buyingPower + freed, equity: portfolio.equity)
            wanted = verdict.direction == .long ? units : -units
        }
        let order = wanted - held
        if order != 0 {
            pending[symbol] = order
            ordersSent += 1
        }
    }

    public func endOfStep(time: Timestamp) {
        observer?.equity(portfolio.equity, cash: portfolio.cash, at: time)
    }

    private func fill(symbol: Int, quantity: Quantity, bar: Bar) {
        let price = costs.fillPrice(bar.open, buying: quantity > 0)
        let commission = costs.commission(quantity: quantity, price: price)
        let held = portfolio.positions[symbol].quantity
        if abs(held + quantity) > abs(held)
            && portfolio.buyingPower(after: quantity, of: symbol, at: price, commission: commission) < 0 {
            // Adds exposure the account cannot carry (for a long-only account: costs more than the cash).
            rejected.append(RejectedOrder(time: bar.time, symbol: symbol, quantity: quantity,
                                          reason: "insufficient cash"))
            return  // the target stands: a new order comes only with the next change of direction
        }
        if !portfolio.apply(Fill(symbol: symbol, time: bar.time, quantity: quantity, price: price,
                                 commission: commission)) {
            rejected.append(RejectedOrder(time: bar.time, symbol: symbol, quantity: quantity,
                                          reason: "notional out of range"))
        }
    }
}
