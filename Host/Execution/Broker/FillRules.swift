import QuorumModel

/// Whether and at what price an order fills against one bar (SPEC §10). Prices before slippage.
///
/// - market: the open.
/// - limit buy at L: when low ≤ L, at min(open, L); limit sell: when high ≥ L, at max(open, L).
/// - stop buy at S: when high ≥ S, at max(open, S) (a gap through the stop fills at the open); stop sell mirrors.
/// - stop-limit: the stop triggers as above at price T; the order fills at T when T is within the limit, else
///   at the limit if the bar reaches it; a triggered order that did not fill works as a limit order afterwards.
/// - trailing stop: the stop level trails the best price since activation (`trailAnchor`); the bar is checked
///   against the level set by earlier prices before its own high (or low) moves the anchor — conservative.
enum FillRules {
    /// Whether the fill comes from a resting price (limit) rather than the market (slippage applies to market,
    /// stop and trailing fills only).
    enum Kind { case market, limit }

    static func fill(_ order: inout Order, bar: Bar) -> (price: Price, kind: Kind)? {
        let buy = order.side == .buy
        switch order.type {
        case .market:
            return (bar.open, .market)
        case .limit(let limit):
            return limitFill(buy: buy, limit: limit, bar: bar).map { ($0, .limit) }
        case .stop(let stop):
            return stopFill(buy: buy, stop: stop, bar: bar).map { ($0, .market) }
        case .stopLimit(let stop, let limit):
            if order.triggered { return limitFill(buy: buy, limit: limit, bar: bar).map { ($0, .limit) } }
            guard let trigger = stopFill(buy: buy, stop: stop, bar: bar) else { return nil }
            order.triggered = true
            if buy ? trigger <= limit : trigger >= limit { return (trigger, .limit) }
            if buy ? bar.low <= limit : bar.high >= limit { return (limit, .limit) }
            return nil
        case .trailingStop(let trail):
            let anchor = order.trailAnchor ?? bar.open
            let level = trailLevel(anchor: anchor, trail: trail, buy: buy)
            if let price = stopFill(buy: buy, stop: level, bar: bar) { return (price, .market) }
            order.trailAnchor = buy ? min(anchor, bar.low) : max(anchor, bar.high)
            return nil
        }
    }

    /// The stop level of a trailing stop whose best price so far is `anchor`.
    static func trailLevel(anchor: Price, trail: Trail, buy: Bool) -> Price {
        let move: Int128
        switch trail {
        case .amount(let distance): move = Int128(distance.raw)
        case .percent(let ratio): move = Int128(anchor.raw) * Int128(ratio.raw) / Int128(fixedPointScale)
        }
        // In 128 bits: a stop above a price near the end of the range saturates rather than overflowing.
        return Price(raw: FixedPoint.clamp(buy ? Int128(anchor.raw) + move : max(Int128(anchor.raw) - move, 1)))
    }

    private static func limitFill(buy: Bool, limit: Price, bar: Bar) -> Price? {
        buy ? (bar.low <= limit ? min(bar.open, limit) : nil) : (bar.high >= limit ? max(bar.open, limit) : nil)
    }

    private static func stopFill(buy: Bool, stop: Price, bar: Bar) -> Price? {
        buy ? (bar.high >= stop ? max(bar.open, stop) : nil) : (bar.low <= stop ? min(bar.open, stop) : nil)
    }
}
