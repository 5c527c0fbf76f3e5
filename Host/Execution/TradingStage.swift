import QuorumJudge
import QuorumModel

/// The stage after the judge (SPEC §3: Risk → Execution → Portfolio). The engine drives it in this order for
/// every event of a symbol: `barOpened` (orders pending from earlier bars fill against this bar), then
/// `decide` with the judge's verdict at the bar's close; and `endOfStep` once all events of a timestamp are
/// done. The backtest and the daemon drive the same stage; only the broker behind it differs.
public protocol TradingStage: AnyObject {
    /// A bar of `symbol` arrived: fill or expire pending orders against it, and mark the symbol.
    func barOpened(symbol: Int, bar: Bar)
    /// The judge's verdict for `symbol` on market `event`; `bar` is the symbol's latest bar. The event is not
    /// always `bar`'s: when a strategy following several symbols signals for this one on another symbol's
    /// event, the symbol is judged again at the end of that time step, on the step's last event (unless its
    /// own bar of that time comes later in the step and judges it). At most one decision per symbol and event:
    /// orders placed on it take the event's number for their client order ids, which makes them unique, and its
    /// time as their placing time, so they fill only against a later bar.
    func decide(_ verdict: Verdict, symbol: Int, bar: Bar, event: MarketEvent)
    /// Every event at `time` has been processed (mark to market, record equity).
    func endOfStep(time: Timestamp)
    /// Current equity (cash + positions at their marks).
    var equity: Money { get }
}

/// Receives the equity curve, one point per time step, as it is produced (so a run never has to hold it).
public protocol EquityObserver: AnyObject {
    /// `exposure` is the gross value of the positions at their marks.
    func equity(_ equity: Money, cash: Money, exposure: Money, at time: Timestamp)
}
