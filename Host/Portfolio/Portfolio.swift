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
        let notional = Int128(fill.price.raw) * Int128(fill.quantity)
        let newCash = Int128(cash.raw) - notional - Int128(fill.commission.raw)
        let newCost = Int128(positions[fill.symbol].costBasis.raw) + notional
        guard Int128(Int64.min) < newCash, newCash < Int128(Int64.max),
              Int128(Int64.min) < newCost, newCost < Int128(Int64.max) else { return false }
        cash = Money(raw: Int64(newCash))
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

    /// Value of the positions at the marks (signed: shorts are negative). Saturates at the fixed-point range.
    public var positionsValue: Money { Money(raw: Portfolio.clamp(positionsTotals().net)) }

    /// Cash plus positions at the marks.
    public var equity: Money { Money(raw: Portfolio.clamp(Int128(cash.raw) + positionsTotals().net)) }

    /// Equity and gross exposure in one pass over the positions.
    public var valuation: (equity: Money, grossExposure: Money) {
        let totals = positionsTotals()
        return (Money(raw: Portfolio.clamp(Int128(cash.raw) + totals.net)), Money(raw: Portfolio.clamp(totals.gross)))
    }

    /// Σ |quantity × mark| over open positions.
    public var grossExposure: Money { Money(raw: Portfolio.clamp(positionsTotals().gross)) }

    /// What new exposure the account can still take at 1× leverage: equity − gross exposure. For an account
    /// without shorts this is the cash; short-sale proceeds are collateral, never buying power.
    public var buyingPower: Money {
        let totals = positionsTotals()
        return Money(raw: Portfolio.clamp(Int128(cash.raw) + totals.net - totals.gross))
    }

    /// The buying power left after a fill of `quantity` units of `symbol` at `price` with `commission`, the
    /// symbol marked at the fill price.
    public func buyingPower(after quantity: Quantity, of symbol: Int, at price: Price, commission: Money) -> Int128 {
        let totals = positionsTotals()
        let held = Int128(positions[symbol].quantity)
        let mark = Int128(marks[symbol].raw), fill = Int128(price.raw)
        let net = totals.net - held * mark + (held + Int128(quantity)) * fill
        let gross = totals.gross - abs(held * mark) + abs((held + Int128(quantity)) * fill)
        let cashAfter = Int128(cash.raw) - Int128(quantity) * fill - Int128(commission.raw)
        return cashAfter + net - gross
    }

    /// Unrealized P&L of `symbol` at its mark.
    public func unrealizedPnL(_ symbol: Int) -> Money {
        let p = positions[symbol]
        return Money(raw: Portfolio.clamp(Int128(marks[symbol].raw) * Int128(p.quantity) - Int128(p.costBasis.raw)))
    }

    private func positionsTotals() -> (net: Int128, gross: Int128) {
        var net: Int128 = 0, gross: Int128 = 0
        for (i, p) in positions.enumerated() where p.quantity != 0 {
            let value = Int128(marks[i].raw) * Int128(p.quantity)
            net += value
            gross += abs(value)
        }
        return (net, gross)
    }

    static func clamp(_ value: Int128) -> Int64 {
        value > Int128(Int64.max) ? .max : (value < Int128(Int64.min) ? .min : Int64(value))
    }
}
