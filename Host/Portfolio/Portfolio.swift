import QuorumModel

/// Cash, positions and closed round trips, kept exact in fixed-point money (SPEC §8, issue: portfolio).
public struct Portfolio: Sendable {
    public let startingCash: Money
    public private(set) var cash: Money
    /// Positions by symbol id.
    public private(set) var positions: [Position]
    /// Last known close by symbol id (for marking to market); 0 before the first bar.
    public private(set) var marks: [Price]
    public private(set) var roundTrips: [RoundTrip] = []
    public private(set) var realizedPnL: Money = .zero
    public private(set) var commissions: Money = .zero
    private var openCommission: [Money]

    public init(startingCash: Money, symbolCount: Int) {
        self.startingCash = startingCash
        self.cash = startingCash
        self.positions = Array(repeating: Position(), count: symbolCount)
        self.marks = Array(repeating: Price(raw: 0), count: symbolCount)
        self.openCommission = Array(repeating: .zero, count: symbolCount)
    }

    /// Records the latest close of `symbol`.
    public mutating func mark(_ symbol: Int, at price: Price) { marks[symbol] = price }

    /// Books a fill: moves cash, updates the position, and closes a round trip when the position returns to
    /// flat or reverses. Returns false (booking nothing) if the amounts overflow the fixed-point range.
    @discardableResult
    public mutating func apply(_ fill: Fill) -> Bool {
        guard fill.quantity != 0 else { return true }
        let (notional, overflow) = fill.price.raw.multipliedReportingOverflow(by: fill.quantity)
        guard !overflow else { return false }
        cash = cash - Money(raw: notional) - fill.commission
        commissions = commissions + fill.commission
        var p = positions[fill.symbol]
        var remaining = fill.quantity
        // The part of the fill that reduces an existing position closes (part of) it.
        if p.quantity != 0 && (p.quantity > 0) != (remaining > 0) {
            let closing = min(abs(remaining), abs(p.quantity)) * (remaining > 0 ? 1 : -1)
            let portion = Money(raw: Int64(Int128(p.costBasis.raw) * Int128(-closing) / Int128(p.quantity)))
            let proceeds = Money(raw: -fill.price.raw * closing)
            let pnl = proceeds - portion
            realizedPnL = realizedPnL + pnl
            p.costBasis = p.costBasis - portion
            p.quantity += closing
            remaining -= closing
            openCommission[fill.symbol] = openCommission[fill.symbol] + fill.commission
            if p.quantity == 0 {
                roundTrips.append(RoundTrip(symbol: fill.symbol, entryTime: p.openedAt, entryPrice: p.entryPrice,
                                            exitTime: fill.time, exitPrice: fill.price, quantity: -closing,
                                            pnl: pnl, commission: openCommission[fill.symbol]))
                openCommission[fill.symbol] = .zero
                p = Position()
            }
        } else if remaining != 0 {
            openCommission[fill.symbol] = openCommission[fill.symbol] + fill.commission
        }
        if remaining != 0 {   // opens or adds to a position
            if p.quantity == 0 { p.openedAt = fill.time; p.entryPrice = fill.price }
            p.quantity += remaining
            p.costBasis = p.costBasis + Money(raw: fill.price.raw * remaining)
        }
        positions[fill.symbol] = p
        return true
    }

    /// Value of the positions at the marks (signed: shorts are negative).
    public var positionsValue: Money {
        var total: Int64 = 0
        for (i, p) in positions.enumerated() where p.quantity != 0 { total += marks[i].raw * p.quantity }
        return Money(raw: total)
    }

    /// Cash plus positions at the marks.
    public var equity: Money { cash + positionsValue }

    /// Unrealized P&L of `symbol` at its mark.
    public func unrealizedPnL(_ symbol: Int) -> Money {
        let p = positions[symbol]
        return Money(raw: marks[symbol].raw * p.quantity) - p.costBasis
    }
}
