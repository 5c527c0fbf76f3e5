import QuorumJudge
import QuorumModel
import QuorumPortfolio
import QuorumRisk

/// Entries, exits, protective orders and rebalancing.
extension ExecutionStage {
    /// The target changed while orders of `symbol` are open: entries towards the old target are withdrawn, and
    /// so is a closing order when the verdict came back to the side the position is on (which is then
    /// protected again).
    func withdrawOrders(symbol: Int, towards direction: Direction, held: Quantity, bar: Bar) {
        let heldDirection = Direction(signOf: held)
        let keepPosition = held != 0 && heldDirection == direction
        let closing = keepPosition && broker.hasOrders(symbol, leg: .exit)
        broker.cancel(symbol: symbol, time: decisionEvent.time, reason: "verdict changed to \(direction)") {
            $0.leg == .entry || ($0.leg == .exit && keepPosition)
        }
        if closing {
            let protective = protection(side: held > 0 ? .buy : .sell, units: abs(held), reference: bar.close,
                                        verdict: nil, symbol: symbol, parent: nil)
            for order in protective { send(order) }
        }
    }

    /// Sends a market order reducing `symbol`'s position by `units`; with `closing`, it closes the trade: its
    /// protective orders are withdrawn first, and so is any exit still working (a rebalance's reduction), since
    /// `units` is the whole position: both filling would take the position past zero. Returns nil when the risk
    /// core refuses it.
    @discardableResult
    func placeExit(symbol: Int, units: Quantity, bar: Bar, closing: Bool) -> ClientOrderID? {
        let held = portfolio.positions[symbol].quantity
        if monitoring {
            if let refusal = check.checkReduction(symbol: symbol, units: units, time: decisionEvent.time, state: tradingState) {
                journal?.riskDecision(refusal)
                rejected.append(RejectedOrder(time: decisionEvent.time, symbol: symbol, quantity: held > 0 ? -units : units,
                                              reason: "\(refusal.rule): \(refusal.detail)"))
                return nil
            }
            journal?.riskDecision(RiskDecision(time: decisionEvent.time, symbol: symbol, action: .approved, rule: "all",
                                               requested: units, approved: units, explanation: .reducesExposure))
        }
        if closing {
            broker.cancel(symbol: symbol, time: decisionEvent.time, reason: "position closing") {
                $0.leg == .stopLoss || $0.leg == .takeProfit || $0.leg == .exit
            }
            if var trade = current[symbol] {
                advance(&trade, .triggerExit, symbol: symbol, time: decisionEvent.time)
                advance(&trade, .placeExit, symbol: symbol, time: decisionEvent.time)
                current[symbol] = trade
            }
        }
        let order = Order(id: ClientOrderID(event: decisionEvent.number, symbol: symbol, leg: .exit), side: held > 0 ? .sell : .buy,
                          quantity: units, type: .market, timeInForce: .gtc, placedAt: decisionEvent.time)
        send(order)
        return order.id
    }

    /// Sizes, checks and sends an entry in the verdict's direction, with its protective orders. `exit` is the
    /// order closing an opposite position first (the entry waits for it); `freed` is the buying power that
    /// closing frees.
    func placeEntry(_ verdict: Verdict, symbol: Int, bar: Bar, after exit: ClientOrderID?, freed: Money) {
        var trade = Trade(id: nextTradeID)
        nextTradeID += 1
        advance(&trade, .detect, symbol: symbol, time: decisionEvent.time)
        let side: OrderSide = verdict.direction == .long ? .buy : .sell
        guard let units = approvedUnits(verdict, symbol: symbol, bar: bar, freed: freed, side: side) else {
            advance(&trade, .abandon, symbol: symbol, time: decisionEvent.time)
            return
        }
        advance(&trade, .approve, symbol: symbol, time: decisionEvent.time)
        let entry = Order(id: ClientOrderID(event: decisionEvent.number, symbol: symbol, leg: .entry), side: side, quantity: units,
                          type: .market, timeInForce: settings.entryTimeInForce, parent: exit, placedAt: decisionEvent.time)
        trade.entry = entry.id
        advance(&trade, .place, symbol: symbol, time: decisionEvent.time)
        if exit == nil { current[symbol] = trade } else { pending[symbol] = trade }
        send(entry)
        for order in protection(side: side, units: units, reference: bar.close, verdict: verdict, symbol: symbol,
                                parent: entry.id) {
            send(order)
        }
    }

    /// With `execution.rebalance_threshold`, a held position is resized when its sized target moved by more
    /// than the threshold.
    func rebalance(_ verdict: Verdict, symbol: Int, bar: Bar) {
        guard let threshold = settings.rebalanceThreshold else { return }
        let held = portfolio.positions[symbol].quantity
        guard held != 0, (held > 0) == (verdict.direction == .long),
              !broker.hasOrders(symbol, leg: .entry), !broker.hasOrders(symbol, leg: .exit) else { return }
        let size = abs(held)
        var wanted = settings.sizer.units(sizingContext(verdict, symbol: symbol, bar: bar,
                                                        freed: bar.close.notional(size)))
        // A top-up aims no higher than the room `max_position` leaves (the pre-trade check's own budget): one
        // the limit would refuse whole is not asked for (a position held at the cap asked, and was refused, on
        // every bar). A position above it stays.
        if wanted > size, let limits = settings.limits {
            let room = RiskBudget.maxPosition(limits.maxPosition, equity: portfolio.equity,
                                              held: bar.close.notional(size)).value
            wanted = size + min(wanted - size, FixedPoint.units(of: bar.close, within: room))
        }
        let change = wanted - size
        guard Int128(abs(change)) * Int128(fixedPointScale) > Int128(threshold.raw) * Int128(size) else { return }
        if change < 0 {
            placeExit(symbol: symbol, units: -change, bar: bar, closing: false)
            return
        }
        let side: OrderSide = held > 0 ? .buy : .sell
        guard let units = approvedUnits(verdict, symbol: symbol, bar: bar, freed: .zero, side: side,
                                        sized: change) else { return }
        send(Order(id: ClientOrderID(event: decisionEvent.number, symbol: symbol, leg: .entry), side: side, quantity: units,
                   type: .market, timeInForce: settings.entryTimeInForce, placedAt: decisionEvent.time))
        for order in protection(side: side, units: units, reference: bar.close, verdict: verdict, symbol: symbol,
                                parent: ClientOrderID(event: decisionEvent.number, symbol: symbol, leg: .entry)) {
            send(order)
        }
    }

    /// The units an entry may have after sizing and every hard limit, or nil when it may not go (journaled).
    private func approvedUnits(_ verdict: Verdict, symbol: Int, bar: Bar, freed: Money, side: OrderSide,
                               sized: Quantity? = nil) -> Quantity? {
        let units = sized ?? settings.sizer.units(sizingContext(verdict, symbol: symbol, bar: bar, freed: freed))
        guard units > 0 else {
            journal?.riskDecision(RiskDecision(time: decisionEvent.time, symbol: symbol, action: .refused, rule: "sizing",
                                               requested: 0, approved: 0, explanation: .sizedToZero))
            return nil
        }
        guard monitoring else { return units }
        decisions.removeAll(keepingCapacity: true)
        let approved = check.checkEntry(EntryRequest(time: decisionEvent.time, symbol: symbol, units: units, price: bar.close),
                                        account: accountView(symbol: symbol, side: side, freed: freed), state: tradingState,
                                        into: &decisions)
        for decision in decisions { journal?.riskDecision(decision) }
        guard approved > 0 else {
            let last = decisions.last
            rejected.append(RejectedOrder(time: decisionEvent.time, symbol: symbol, quantity: units * side.sign,
                                          reason: last.map { "\($0.rule): \($0.detail)" } ?? "refused"))
            return nil
        }
        return approved
    }

    private func sizingContext(_ verdict: Verdict, symbol: Int, bar: Bar, freed: Money) -> SizingContext {
        SizingContext(conviction: verdict.conviction, price: bar.close, cash: buyingPower(freeing: freed),
                      equity: portfolio.equity, atr: atr?.value(symbol), record: record)
    }

    /// The buying power with `freed` (what closing the opposite position releases) added, saturating.
    private func buyingPower(freeing freed: Money) -> Money {
        portfolio.buyingPower.clampedAdding(freed)
    }

    /// The account as the pre-trade check sees it for an entry in `symbol` on `side`. Entries sent but not
    /// filled yet count as the exposure they will add (at their limit price, else the symbol's mark), so that
    /// entries of several symbols in one step do not each take the same buying power and sector room; another
    /// symbol's reversal counts as its new position replacing the old one (whose exit frees its value); a
    /// position the entry adds to (a rebalance) counts towards its own limit and its sector.
    private func accountView(symbol: Int, side: OrderSide, freed: Money) -> AccountView {
        var open = 0
        var sectorExposure: Int128 = 0
        var committed: Int128 = 0   // buying power the other orders will take, net of what reversals free
        var added: Int128 = 0
        let sector = sectorOf[symbol]
        for s in settings.symbolNames.indices {
            let quantity = portfolio.positions[s].quantity
            let held = abs(Int128(quantity) * Int128(portfolio.marks[s].raw))
            let (unfilled, reversing) = broker.hasOrders(s) ? broker.unfilledEntries(s, mark: portfolio.marks[s])
                : (0, false)
            var exposure: Int128
            if reversing {
                exposure = unfilled
                committed += unfilled - held
            } else {
                // The symbol's own position counts when the entry adds to it, not when the entry reverses it.
                exposure = (s == symbol && (quantity == 0 || side.reducible(quantity) > 0) ? 0 : held) + unfilled
                committed += unfilled
            }
            if s == symbol { added = exposure - unfilled }
            if s != symbol && (quantity != 0 || current[s] != nil) { open += 1 }
            if let sector, sectorOf[s] == sector { sectorExposure += exposure }
        }
        let money = { (amount: Int128) in Money(raw: FixedPoint.clamp(amount)) }
        return AccountView(equity: portfolio.equity,
                           buyingPower: money(Int128(buyingPower(freeing: freed).raw) - committed),
                           openPositions: open, sectorExposure: money(sectorExposure),
                           sector: sector.map { sectorNames[$0] }, positionValue: money(added))
    }

    /// The stop-loss (and take-profit) protecting `units` bought or sold on `side` near `reference`. No stop is
    /// farther than the required one (`default_stop` from the reference, rounded to the tick away from the price)
    /// nor, with a volatility target, than the one the entry was sized for (its distance from the reference,
    /// rounded to the tick toward the price): the strategy's stop is used when it is on the protective side and
    /// within both; else the nearer of the two, or a trailing stop with `execution.trailing_stop` no wider than
    /// either (on its own when neither applies). The strategy's target is used when it is on the profit side.
    func protection(side: OrderSide, units: Quantity, reference: Price, verdict: Verdict?, symbol: Int,
                    parent: ClientOrderID?) -> [Order] {
        let long = side == .buy
        let exitSide: OrderSide = long ? .sell : .buy
        let required = settings.limits.flatMap { $0.stopLossRequired ? $0.defaultStop : nil }
        let sized = settings.sizer.stopDistance(atr: atr?.value(symbol))
            .flatMap { Self.sizedStop(reference, distance: $0, long: long) }
        var stop: OrderType?
        if let suggested = verdict?.stopLoss, long ? suggested < reference : suggested > reference,
           required.map({ Self.distance(of: suggested, from: reference, within: $0) }) ?? true,
           sized.map({ long ? suggested >= $0 : suggested <= $0 }) ?? true {
            stop = .stop(suggested)
        } else if required != nil || sized != nil {
            if let trail = settings.trailingStop {
                let tightest = [trail, required, sized.map { Self.fraction(of: $0, from: reference) }]
                    .compactMap { $0 }.min { $0.raw < $1.raw }!
                stop = .trailingStop(.percent(tightest))
            } else {
                let stops = [required.map { Self.stopPrice(reference, fraction: $0, long: long) }, sized]
                    .compactMap { $0 }
                stop = .stop(long ? stops.max()! : stops.min()!)
            }
        } else if let trail = settings.trailingStop {
            // Asked for by itself, with no stop required (limits off, or stop_loss_required false).
            stop = .trailingStop(.percent(trail))
        }
        var orders: [Order] = []
        if let stop {
            orders.append(Order(id: ClientOrderID(event: decisionEvent.number, symbol: symbol, leg: .stopLoss), side: exitSide,
                                quantity: units, type: stop, timeInForce: .gtc, parent: parent, placedAt: decisionEvent.time))
        }
        if let target = verdict?.takeProfit, long ? target > reference : target < reference {
            orders.append(Order(id: ClientOrderID(event: decisionEvent.number, symbol: symbol, leg: .takeProfit), side: exitSide,
                                quantity: units, type: .limit(target), timeInForce: .gtc, parent: parent,
                                placedAt: decisionEvent.time))
        }
        return orders
    }

    /// `reference` ∓ `distance`, rounded to the tick toward the price when that leaves it on the protective
    /// side (else exact); nil for a long whose stop would not be above 0 (it cannot lose more than the price).
    static func sizedStop(_ reference: Price, distance: Price, long: Bool) -> Price? {
        let tick = Self.tick(near: reference)
        if long {
            guard reference.raw > distance.raw else { return nil }
            let exact = reference.raw - distance.raw
            let rounded = (exact + tick - 1) / tick * tick
            return Price(raw: rounded < reference.raw ? rounded : exact)
        }
        let exact = Int64(clamping: Int128(reference.raw) + Int128(distance.raw))
        let rounded = exact / tick * tick
        return Price(raw: rounded > reference.raw ? rounded : exact)
    }

    /// How far `stop` is from `reference`, as a fraction of it, rounded down to 10⁻⁸ (a trailing stop that far
    /// starts no farther than `stop`).
    static func fraction(of stop: Price, from reference: Price) -> Ratio {
        let distance = (Int128(stop.raw) - Int128(reference.raw)).magnitude
        return Ratio(raw: Int64(clamping: distance * UInt128(fixedPointScale) / UInt128(reference.raw)))
    }

    /// The price tick near `reference`, in 10⁻⁸: 0.01, or 0.0001 below 1.
    static func tick(near reference: Price) -> Int64 { reference.raw >= fixedPointScale ? 1_000_000 : 10_000 }

    /// `reference` ∓ `fraction`, rounded to the tick (``tick(near:)``) away from the price.
    static func stopPrice(_ reference: Price, fraction: Ratio, long: Bool) -> Price {
        // From the exact level, reference × (1 ∓ fraction), held × 10⁸ in 128 bits: a level truncated to 10⁻⁸
        // first could land on a tick just inside the required distance (100.00952381 × 1.05 = 105.0100000005
        // gave a short's stop of 105.01, 4.999999999995% away).
        let scale = Int128(fixedPointScale)
        let tick = Int128(Self.tick(near: reference))
        let unit = scale * tick
        let reference = Int128(reference.raw), fraction = Int128(fraction.raw)
        if long {
            let level = reference * (scale - fraction)
            return Price(raw: Int64(max(level >= 0 ? level / unit * tick : 0, tick)))
        }
        let level = reference * (scale + fraction)
        let rounded = (level + unit - 1) / unit * tick
        // Near the end of the range: the level itself, rounded up to 10⁻⁸, saturating.
        return Price(raw: rounded <= Int128(Int64.max) ? Int64(rounded) : FixedPoint.clamp((level + scale - 1) / scale))
    }

    static func distance(of price: Price, from reference: Price, within fraction: Ratio) -> Bool {
        Int128(abs(reference.raw - price.raw)) * Int128(fixedPointScale) <= Int128(fraction.raw) * Int128(reference.raw)
    }

    func send(_ order: Order) {
        if order.leg == .entry || order.leg == .exit {
            ordersSent += 1
            if monitoring { check.recordOrder(at: order.placedAt) }
        }
        journal?.orderPlaced(order, time: order.placedAt)
        broker.submit(order, time: order.placedAt)
    }

    /// Moves a trade through its lifecycle; a refused event is journaled and not applied.
    @discardableResult
    func advance(_ trade: inout Trade, _ event: TradeEvent, symbol: Int, time: Timestamp) -> Bool {
        switch trade.phase.after(event) {
        case .success(let next):
            journal?.tradeAdvanced(symbol: symbol, trade: trade.id, from: trade.phase, to: next, time: time)
            trade.phase = next
            return true
        case .failure(let error):
            journal?.transitionRefused(error, id: "trade \(trade.id) \(settings.symbolNames[symbol])", time: time)
            return false
        }
    }
}
