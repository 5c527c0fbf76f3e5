import QuorumModel

/// The fill simulator of SPEC §10, used by backtests, shadow books and the paper daemon.
///
/// Orders work per symbol in the order they were sent. A child order waits for its parent: a bracket's
/// stop-loss and take-profit work from the entry's first fill on, covering what it has filled (and withdraw the
/// rest of the entry when they act); a contingent entry (a reversal's) goes only if its parent filled completely.
/// Within one bar the orders of a symbol are tried working stop-losses first, then in sequence, take-profits
/// last, so when both exits of a bracket could fill in one bar the stop fills (conservative) and cancels its
/// sibling. Exits, stop-losses and take-profits only reduce the position (``BrokerEventSink/reducible(symbol:by:)``).
/// With `maxParticipation`, all fills of a symbol in one bar together take at most that fraction of the bar's
/// volume; the rest waits for later bars (or expires).
///
/// Not thread-safe: driven by the engine's control thread.
public final class SimulatedBroker {
    public let costs: CostModel
    public let maxParticipation: Ratio?
    /// Receives every order event and fill (the stage that owns this broker). Unowned, not weak: the sink
    /// outlives the broker it owns, and a weak reference would move the sink's reference count to a side
    /// table, making every retain and release of it (several per bar) take the slow path.
    @exclusivity(unchecked) public unowned var sink: BrokerEventSink?

    /// Orders that can fill now, per symbol, in submission order.
    @exclusivity(unchecked) private var working: [[Order]]
    /// Children waiting for their parent, per symbol.
    @exclusivity(unchecked) private var waiting: [[Order]]
    /// The symbol whose orders `process` is working through, and a protection cap asked for meanwhile.
    @exclusivity(unchecked) private var processing: Int?
    @exclusivity(unchecked) private var deferredCap: (units: Quantity, time: Timestamp)?
    /// Per symbol, the price band inside which none of its working orders can act (only resting good-till-
    /// cancelled stops and limits have one): a bar inside it is skipped without touching the orders.
    @exclusivity(unchecked) private var quiet: [QuietBand?]

    /// Per symbol, how long after its bars open they are stamped (see ``ExecutionSettings/stampedAfterOpening``).
    private let stampedAfterOpening: [Timestamp]

    /// - Parameter stampedAfterOpening: per symbol, how long after they open its bars are stamped (empty: all
    ///   are stamped when they open). An order acts on a bar that opened after the event it was placed on.
    public init(symbolCount: Int, costs: CostModel = .free, maxParticipation: Ratio? = nil,
                stampedAfterOpening: [Timestamp] = []) {
        precondition(stampedAfterOpening.isEmpty || stampedAfterOpening.count == symbolCount,
                     "one stamp offset per symbol")
        self.costs = costs
        self.maxParticipation = maxParticipation
        self.stampedAfterOpening = stampedAfterOpening.isEmpty
            ? Array(repeating: 0, count: symbolCount) : stampedAfterOpening
        working = Array(repeating: [], count: symbolCount)
        waiting = Array(repeating: [], count: symbolCount)
        quiet = Array(repeating: nil, count: symbolCount)
    }

    /// Whether `symbol` has any order that is working or waiting for its parent.
    @inline(__always) public func hasOrders(_ symbol: Int) -> Bool {
        !working[symbol].isEmpty || !waiting[symbol].isEmpty
    }

    /// Whether `symbol` has an open order of `leg`.
    public func hasOrders(_ symbol: Int, leg: OrderLeg) -> Bool {
        working[symbol].contains { $0.leg == leg } || waiting[symbol].contains { $0.leg == leg }
    }

    /// What the entries of `symbol` not filled yet will add when they fill, at their limit price (else `mark`),
    /// and whether one of them is a reversal's (waiting for the exit closing the position it replaces). Reads the
    /// orders in place: the risk check asks it of every symbol for each entry.
    public func unfilledEntries(_ symbol: Int, mark: Price) -> (value: Int128, reversing: Bool) {
        var value: Int128 = 0
        var reversing = false
        for order in working[symbol] where order.leg == .entry { value += order.unfilledValue(at: mark) }
        for order in waiting[symbol] where order.leg == .entry {
            value += order.unfilledValue(at: mark)
            if let parent = order.parent, working[symbol].contains(where: { $0.id == parent && $0.leg == .exit }) {
                reversing = true
            }
        }
        return (value, reversing)
    }

    /// The open orders of `symbol` (working, then waiting).
    public func openOrders(_ symbol: Int) -> [Order] { working[symbol] + waiting[symbol] }

    /// Sends an order: it is submitted and accepted at once (the simulator has no latency). An order with a
    /// parent waits for it.
    public func submit(_ order: Order, time: Timestamp) {
        var order = order
        guard transition(&order, .submit, time: time), transition(&order, .accept, time: time) else { return }
        if let parent = order.parent, working[order.symbol].contains(where: { $0.id == parent })
            || waiting[order.symbol].contains(where: { $0.id == parent }) {
            waiting[order.symbol].append(order)
        } else {
            working[order.symbol].append(order)
            quiet[order.symbol] = QuietBand(working[order.symbol])
        }
    }

    /// Cancels every open order of `symbol` that `matches`. Children of a cancelled order that filled in part
    /// protect what it filled; the other children are cancelled with it.
    ///
    /// The symbol's orders are taken out of the broker while they change, as in ``process(symbol:bar:)``, and
    /// changed in place (a copy of each list, and a filtered copy of it, cost ~2k instructions a cancel): the
    /// sink's callbacks meanwhile must not read or change this symbol's orders.
    public func cancel(symbol: Int, time: Timestamp, reason: String, where matches: (Order) -> Bool) {
        var orders = Self.take(&working[symbol])
        var ended: [(id: ClientOrderID, filled: Quantity)] = []
        for k in orders.indices where matches(orders[k]) {
            if cancel(&orders[k], time: time, reason: reason) { ended.append((orders[k].id, orders[k].filled)) }
        }
        var waitingOrders = Self.take(&waiting[symbol])
        for k in waitingOrders.indices where matches(waitingOrders[k]) {
            if cancel(&waitingOrders[k], time: time, reason: reason) { ended.append((waitingOrders[k].id, 0)) }
        }
        waitingOrders.removeAll { $0.status.isTerminal }
        waiting[symbol] = waitingOrders
        for parent in ended {
            endChildren(of: parent.id, symbol: symbol, time: time, into: &orders, parentFilled: parent.filled,
                        parentComplete: false, reason: "parent cancelled")
        }
        orders.removeAll { $0.status.isTerminal }
        working[symbol] = orders
        quiet[symbol] = QuietBand(working[symbol])
    }

    /// `list`'s orders, leaving it empty: the caller owns them alone and changes them in place.
    private static func take(_ list: inout [Order]) -> [Order] {
        var taken: [Order] = []
        swap(&taken, &list)
        return taken
    }

    /// Fills, expires and activates the orders of `symbol` against a new bar.
    public func process(symbol: Int, bar: Bar) {
        guard !working[symbol].isEmpty else { return }
        if let band = quiet[symbol], bar.low > band.below, bar.high < band.above { return }
        defer { quiet[symbol] = QuietBand(working[symbol]) }
        let day = Timestamps.day(of: bar.time)
        var orders = working[symbol]
        working[symbol] = []
        processing = symbol
        defer { processing = nil }
        var ended = false
        var targets = false
        for k in orders.indices {
            if orders[k].timeInForce == .day, let active = orders[k].activeDay, active < day,
               transition(&orders[k], .expire, time: bar.time, reason: "day order past its day") {
                ended = true
                endChildren(of: orders[k].id, symbol: symbol, time: bar.time, into: &orders,
                            parentFilled: orders[k].filled, parentComplete: false, reason: "parent expired")
            }
        }
        var volumeLeft: Quantity = maxParticipation.map { $0.wholeUnits(of: bar.volume) } ?? .max
        // An order acts only on bars that opened after the event it was placed on: a symbol judged on another
        // symbol's event has its own bar of that time still to come, which opened before the decision, and a
        // daily bar stamped at its day's end opened before the decisions of that day's intraday bars.
        // (The helpers capture no variable they change: a captured `var` is boxed and every access to it checked
        // for exclusivity at run time, ~80 instructions a bar.)
        let opened = bar.time &- stampedAfterOpening[symbol]
        func acts(_ order: borrowing Order) -> Bool {
            guard order.status.isWorking else { return false }   // (`&&` would capture the borrowed order)
            return order.placedAt < opened
        }
        // Working stop-losses first (the position they protect goes before an entry still adding to it takes
        // the bar's volume), then everything else, then take-profits: a bracket's stop wins a bar both could fill.
        let alreadyWorking = orders.count
        for k in 0..<alreadyWorking where orders[k].leg == .stopLoss && acts(orders[k]) {
            ended = tryFill(&orders, k, bar: bar, day: day, volumeLeft: &volumeLeft) || ended
        }
        var k = 0
        while k < orders.count {   // children activated by a fill join the list and may fill in this bar
            if orders[k].leg == .takeProfit {
                targets = true
            } else if acts(orders[k]) && !(orders[k].leg == .stopLoss && k < alreadyWorking) {
                ended = tryFill(&orders, k, bar: bar, day: day, volumeLeft: &volumeLeft) || ended
            }
            k += 1
        }
        if targets {
            for k in orders.indices where orders[k].leg == .takeProfit && acts(orders[k]) {
                ended = tryFill(&orders, k, bar: bar, day: day, volumeLeft: &volumeLeft) || ended
            }
        }
        for k in orders.indices where orders[k].timeInForce == .ioc && acts(orders[k]) {
            if cancel(&orders[k], time: bar.time, reason: "immediate-or-cancel remainder") {
                ended = true
                endChildren(of: orders[k].id, symbol: symbol, time: bar.time, into: &orders,
                            parentFilled: orders[k].filled, parentComplete: false, reason: "parent cancelled")
            }
        }
        if let cap = deferredCap {
            deferredCap = nil
            capProtection(&orders, units: cap.units, time: cap.time)
            ended = true
        }
        if ended { orders.removeAll { $0.status.isTerminal } }
        // Orders sent while this bar was processed (by the sink) come after the ones that were working.
        if working[symbol].isEmpty { working[symbol] = orders } else { working[symbol] = orders + working[symbol] }
    }

    /// The position of `symbol` shrank to `units`: its working stop-losses and take-profits together cover at
    /// most that many units (the newest give way first; one covering nothing is cancelled).
    public func capProtection(symbol: Int, units: Quantity, time: Timestamp) {
        if processing == symbol {
            deferredCap = (units, time)
            return
        }
        var orders = Self.take(&working[symbol])
        capProtection(&orders, units: units, time: time)
        orders.removeAll { $0.status.isTerminal }
        working[symbol] = orders
        quiet[symbol] = QuietBand(working[symbol])
    }

    // MARK: Internals

    /// Tries working order `k` against the bar of `day` (a day order's day starts when it is first tried); true
    /// when something filled or was rejected (orders may have ended).
    private func tryFill(_ orders: inout [Order], _ k: Int, bar: Bar, day: Int64, volumeLeft: inout Quantity) -> Bool {
        if orders[k].activeDay == nil { orders[k].activeDay = day }
        guard let (reference, kind) = FillRules.fill(&orders[k], bar: bar) else { return false }
        var units = min(orders[k].remaining, volumeLeft)
        guard units > 0 else { return false }
        if orders[k].leg != .entry, let sink {
            // Reduce-only: an exit, stop or target that another exit already covered has nothing left to do.
            let reducible = sink.reducible(symbol: orders[k].symbol, by: orders[k].side)
            guard reducible > 0 else {
                endReduction(&orders, k, time: bar.time)
                return true
            }
            units = min(units, reducible)
        }
        let buying = orders[k].side == .buy
        let price = kind == .market ? costs.fillPrice(reference, buying: buying) : reference
        let signed = units * orders[k].side.sign
        let commission = costs.commission(quantity: signed, price: price)
        if let refusal = sink?.book(orders[k], quantity: signed, price: price, commission: commission, time: bar.time) {
            // The state machine has no rejection after a fill: a partly filled order's rest is cancelled.
            let refused = orders[k].filled > 0 ? cancel(&orders[k], time: bar.time, reason: refusal)
                : transition(&orders[k], .reject, time: bar.time, reason: refusal)
            if refused {
                endChildren(of: orders[k].id, symbol: orders[k].symbol, time: bar.time, into: &orders,
                            parentFilled: orders[k].filled, parentComplete: false,
                            reason: orders[k].filled > 0 ? "parent cancelled" : "parent rejected")
            }
            return true
        }
        volumeLeft -= units
        orders[k].filled += units
        orders[k].filledNotional = orders[k].filledNotional.clampedAdding(price.notional(units))
        let complete = orders[k].remaining == 0
        transition(&orders[k], complete ? .fill : .partialFill, time: bar.time)
        let symbol = orders[k].symbol
        if orders[k].leg == .entry {
            protect(units, filledBy: orders[k], at: price, in: &orders)
        }
        if !complete && orders[k].leg != .entry && sink?.reducible(symbol: symbol, by: orders[k].side) == 0 {
            endReduction(&orders, k, time: bar.time)   // it filled what was left of the position
        }
        if orders[k].leg == .stopLoss || orders[k].leg == .takeProfit {
            shrinkSiblings(of: orders[k], by: units, in: &orders, time: bar.time)
            withdrawParent(of: orders[k], in: &orders, time: bar.time)
        }
        if complete {
            endChildren(of: orders[k].id, symbol: symbol, time: bar.time, into: &orders,
                        parentFilled: orders[k].filled, parentComplete: true, reason: "parent filled", anchor: price)
        }
        return true
    }

    /// An exit, stop or target with nothing left to reduce (the position is flat, other exits took it there) is
    /// cancelled; what waited for it goes on as if it had filled: the position is where it was to take it (a
    /// reversal's entry).
    private func endReduction(_ orders: inout [Order], _ k: Int, time: Timestamp) {
        guard cancel(&orders[k], time: time, reason: "nothing left to reduce") else { return }
        endChildren(of: orders[k].id, symbol: orders[k].symbol, time: time, into: &orders,
                    parentFilled: orders[k].filled, parentComplete: true, reason: "parent done")
    }

    private func capProtection(_ orders: inout [Order], units: Quantity, time: Timestamp) {
        for leg in [OrderLeg.stopLoss, .takeProfit] {
            var excess = orders.reduce(0) { $0 + ($1.leg == leg && $1.status.isWorking ? $1.remaining : 0) } - units
            var k = orders.count - 1
            while excess > 0 && k >= 0 {
                if orders[k].leg == leg && orders[k].status.isWorking {
                    let cut = min(excess, orders[k].remaining)
                    orders[k].quantity -= cut
                    excess -= cut
                    if orders[k].remaining == 0 { cancel(&orders[k], time: time, reason: "position reduced") }
                }
                k -= 1
            }
        }
    }

    /// A protective order acted: what its entry has not filled yet is withdrawn (a stopped-out or taken trade
    /// is not added to).
    private func withdrawParent(of order: Order, in orders: inout [Order], time: Timestamp) {
        guard let parent = order.parent,
              let p = orders.firstIndex(where: { $0.id == parent && $0.leg == .entry && $0.status.isWorking }),
              cancel(&orders[p], time: time, reason: order.leg == .stopLoss ? "stopped out" : "target reached")
        else { return }
        endChildren(of: parent, symbol: order.symbol, time: time, into: &orders, parentFilled: orders[p].filled,
                    parentComplete: false, reason: "parent cancelled")
    }

    /// One-cancels-other: the exits of a bracket protect the same units, so what one fills the other no longer
    /// covers.
    private func shrinkSiblings(of order: Order, by units: Quantity, in orders: inout [Order], time: Timestamp) {
        guard let parent = order.parent else { return }
        for j in orders.indices where orders[j].parent == parent && orders[j].id != order.id
            && orders[j].status.isWorking {
            orders[j].quantity -= min(units, orders[j].remaining)
            if orders[j].remaining == 0 { cancel(&orders[j], time: time, reason: "one-cancels-other") }
        }
    }

    /// An entry filled `units` more: its protective children cover what it has filled so far from this fill on,
    /// not once it is done (an entry capped by the bar's volume can hold a position for many bars). Those
    /// waiting start working for the units filled, anchored at this fill's price; those working grow by `units`.
    private func protect(_ units: Quantity, filledBy entry: Order, at price: Price, in orders: inout [Order]) {
        for j in orders.indices where orders[j].parent == entry.id && orders[j].status.isWorking
            && (orders[j].leg == .stopLoss || orders[j].leg == .takeProfit) {
            orders[j].quantity += units
        }
        let symbol = entry.symbol
        guard waiting[symbol].contains(where: { $0.parent == entry.id }) else { return }
        var keep: [Order] = []
        for var child in waiting[symbol] {
            guard child.parent == entry.id, child.leg == .stopLoss || child.leg == .takeProfit else {
                keep.append(child)
                continue
            }
            child.quantity = min(child.quantity, entry.filled)
            child.trailAnchor = price
            orders.append(child)
        }
        waiting[symbol] = keep
    }

    /// The parent is done: protective children activate for what it filled (an entry's are working already,
    /// from its first fill); a contingent child (a reversal's entry) activates only when the parent filled
    /// completely; the rest are cancelled.
    private func endChildren(of parent: ClientOrderID, symbol: Int, time: Timestamp, into orders: inout [Order],
                             parentFilled: Quantity, parentComplete: Bool, reason: String, anchor: Price? = nil) {
        guard !waiting[symbol].isEmpty else { return }
        var keep: [Order] = []
        for var child in waiting[symbol] {
            guard child.parent == parent else { keep.append(child); continue }
            let protective = child.leg == .stopLoss || child.leg == .takeProfit
            if protective && parentFilled > 0 {
                child.quantity = min(child.quantity, parentFilled)
                child.trailAnchor = anchor
                orders.append(child)
            } else if !protective && parentComplete {
                orders.append(child)
            } else {
                cancel(&child, time: time, reason: reason)
            }
        }
        waiting[symbol] = keep
    }

    @discardableResult
    private func cancel(_ order: inout Order, time: Timestamp, reason: String) -> Bool {
        transition(&order, .requestCancel, time: time, reason: reason)
            && transition(&order, .cancel, time: time, reason: reason)
    }

    @discardableResult
    private func transition(_ order: inout Order, _ event: OrderEvent, time: Timestamp, reason: String? = nil) -> Bool {
        let from = order.status
        switch order.apply(event) {
        case .success:
            sink?.orderChanged(order, event: event, from: from, reason: reason, time: time)
            return true
        case .failure(let error):
            sink?.transitionRefused(error, order: order, time: time)
            return false
        }
    }
}

/// The prices a bar must stay strictly inside for none of a symbol's working orders to act: every order rests
/// good till cancelled as a plain stop or limit (sell stops and buy limits act when the low reaches them, buy
/// stops and sell limits when the high does). Other orders (market, stop-limit, trailing, day, ioc) always need
/// the full pass.
struct QuietBand {
    /// The bar's low must be above this.
    var below = Price(raw: .min)
    /// The bar's high must be below this.
    var above = Price(raw: .max)

    init?(_ orders: [Order]) {
        for order in orders {
            guard order.timeInForce == .gtc, order.status.isWorking else { return nil }
            switch (order.type, order.side) {
            case (.stop(let p), .sell), (.limit(let p), .buy): below = max(below, p)
            case (.stop(let p), .buy), (.limit(let p), .sell): above = min(above, p)
            default: return nil
            }
        }
    }
}
