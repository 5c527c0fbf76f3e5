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
    private var openTrades: [OpenTrade]
    /// Realized P&L per symbol (their sum is ``realizedPnL``).
    private var realizedBySymbol: [Money]

    public init(startingCash: Money, symbolCount: Int) {
        self.startingCash = startingCash
        self.cash = startingCash
        self.positions = Array(repeating: Position(), count: symbolCount)
        self.marks = Array(repeating: Price(raw: 0), count: symbolCount)
        self.openCommission = Array(repeating: .zero, count: symbolCount)
        self.openTrades = Array(repeating: OpenTrade(), count: symbolCount)
        self.realizedBySymbol = Array(repeating: .zero, count: symbolCount)
    }

    /// Records the latest close of `symbol`.
    public mutating func mark(_ symbol: Int, at price: Price) { marks[symbol] = price }

    /// Books a fill: moves cash, updates the position, and closes a round trip when the position returns to
    /// flat or reverses. Returns false, booking nothing, when any amount it would keep (cash, the position's
    /// size and cost, the P&L, the commissions) would leave the fixed-point range: every amount is worked out
    /// in 128 bits and checked before anything changes.
    @discardableResult
    public mutating func apply(_ fill: Fill) -> Bool {
        guard fill.quantity != 0 else { return true }
        let symbol = fill.symbol
        let price = Int128(fill.price.raw), quantity = Int128(fill.quantity)
        let commission = Int128(fill.commission.raw)
        let position = positions[symbol]
        let held = Int128(position.quantity), cost = Int128(position.costBasis.raw)
        // The part of the fill that reduces an existing position closes (part of) it; the rest opens or adds.
        let closing: Int128 = held != 0 && (held > 0) != (quantity > 0)
            ? min(abs(quantity), abs(held)) * (quantity > 0 ? 1 : -1) : 0
        let opening = quantity - closing
        // The closed units' share of the cost basis (rounded toward zero), and their P&L.
        let portion = closing == 0 ? 0 : cost * -closing / held
        let pnl = -price * closing - portion
        let closes = closing != 0 && held + closing == 0
        let openCommission = Int128(self.openCommission[symbol].raw) + commission
        guard let newCash = Self.fitting(Int128(cash.raw) - price * quantity - commission),
              let newQuantity = Self.fitting(held + quantity),
              let newCost = Self.fitting(cost - portion + price * opening),
              Self.fitting(pnl) != nil,
              let newRealized = Self.fitting(Int128(realizedPnL.raw) + pnl),
              let symbolRealized = Self.fitting(Int128(realizedBySymbol[symbol].raw) + pnl),
              let newCommissions = Self.fitting(Int128(commissions.raw) + commission),
              let openCommission = Self.fitting(openCommission)
        else { return false }

        var trade = openTrades[symbol]
        if closing != 0 {
            trade.closed.add(abs(closing), at: price)
            trade.closedPnL += pnl
        }
        if closes {
            // The trade's P&L is within the range: it is the realized P&L's change since the position opened.
            roundTrips.append(RoundTrip(symbol: symbol, entryTime: position.openedAt,
                                        entryPrice: trade.opened.averagePrice, exitTime: fill.time,
                                        exitPrice: trade.closed.averagePrice,
                                        quantity: Quantity(clamping: trade.closed.units) * (held > 0 ? 1 : -1),
                                        pnl: Money(raw: FixedPoint.clamp(trade.closedPnL)),
                                        commission: Money(raw: openCommission)))
        }
        cash = Money(raw: newCash)
        commissions = Money(raw: newCommissions)
        if closing != 0 {
            realizedPnL = Money(raw: newRealized)
            realizedBySymbol[symbol] = Money(raw: symbolRealized)
        }
        var p = closes ? Position() : position
        if closes { trade = OpenTrade() }
        // A fill that closes a position carries all its commission to that round trip, also when it reverses.
        self.openCommission[symbol] = Money(raw: closes ? 0 : openCommission)
        if opening != 0 {
            if p.quantity == 0 { p.openedAt = fill.time }
            trade.opened.add(abs(opening), at: price)
        }
        openTrades[symbol] = trade
        p.quantity = newQuantity
        p.costBasis = Money(raw: newCost)
        positions[symbol] = p
        return true
    }

    /// `value` when it fits in 64 bits.
    private static func fitting(_ value: Int128) -> Int64? {
        Int128(Int64.min) < value && value < Int128(Int64.max) ? Int64(value) : nil
    }

    /// Value of the positions at the marks (signed: shorts are negative). Saturates at the fixed-point range.
    public var positionsValue: Money { Money(raw: FixedPoint.clamp(positionsTotals().net)) }

    /// Cash plus positions at the marks.
    public var equity: Money { Money(raw: FixedPoint.clamp(Int128(cash.raw) + positionsTotals().net)) }

    /// Equity and gross exposure in one pass over the positions.
    public var valuation: (equity: Money, grossExposure: Money) {
        let totals = positionsTotals()
        return (Money(raw: FixedPoint.clamp(Int128(cash.raw) + totals.net)), Money(raw: FixedPoint.clamp(totals.gross)))
    }

    /// Σ |quantity × mark| over open positions.
    public var grossExposure: Money { Money(raw: FixedPoint.clamp(positionsTotals().gross)) }

    /// What new exposure the account can still take at 1× leverage: equity − gross exposure. For an account
    /// without shorts this is the cash; short-sale proceeds are collateral, never buying power.
    public var buyingPower: Money {
        let totals = positionsTotals()
        return Money(raw: FixedPoint.clamp(Int128(cash.raw) + totals.net - totals.gross))
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

    /// Realized P&L of `symbol` so far (gross of commissions, as ``realizedPnL``).
    public func realizedPnL(of symbol: Int) -> Money { realizedBySymbol[symbol] }

    /// What the open position in `symbol` has realized and paid since it opened: the P&L of the fills that
    /// reduced it (before commissions) and the commissions of all its fills — what the round trip it ends as
    /// will carry, with the rest. Both are 0 when the position is flat.
    public func openTradeToDate(_ symbol: Int) -> (realizedPnL: Money, commission: Money) {
        (Money(raw: FixedPoint.clamp(openTrades[symbol].closedPnL)), openCommission[symbol])
    }

    /// Unrealized P&L of `symbol` at its mark.
    public func unrealizedPnL(_ symbol: Int) -> Money {
        let p = positions[symbol]
        return Money(raw: FixedPoint.clamp(FixedPoint.product(marks[symbol].raw, p.quantity) - Int128(p.costBasis.raw)))
    }

    /// Σ quantity × mark and Σ |quantity × mark| over open positions, exactly (128 bits).
    private func positionsTotals() -> (net: Int128, gross: Int128) {
        var net: Int128 = 0, gross: Int128 = 0
        positions.withUnsafeBufferPointer { positions in
            marks.withUnsafeBufferPointer { marks in
                for i in positions.indices where positions[i].quantity != 0 {
                    let value = FixedPoint.product(marks[i].raw, positions[i].quantity)
                    net += value
                    gross += value < 0 ? -value : value
                }
            }
        }
        return (net, gross)
    }
}
