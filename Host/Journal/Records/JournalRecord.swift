import QuorumModel

/// The book of the ensemble in ``TradeRecord/book`` and ``EquityRecord/book``; any other book is the shadow
/// book of the strategy instance with that index.
public let ensembleBook = -1

/// One thing that happened in a run, in the order the engine produced it. Each record is numbered (`seq`) and
/// stored in the table of its kind — equity points packed in `equity_blocks` — and the `events` view lists
/// them all in order (docs/journal.md).
public enum JournalRecord: Sendable, Equatable {
    /// A strategy's valid signal (level `full`).
    case signal(SignalRecord)
    /// The judge's verdict for a symbol (level `decisions`).
    case verdict(VerdictRecord)
    /// What risk did with an order it was asked to place (level `decisions`).
    case riskDecision(RiskDecisionRecord)
    /// The trading state changed (every level).
    case tradingState(TradingStateRecord)
    /// An order was submitted (level `decisions`).
    case order(OrderRecord)
    /// An order changed state (level `decisions`).
    case orderEvent(OrderEventRecord)
    /// An order was (partly) filled (level `decisions`).
    case fill(FillRecord)
    /// A position after a fill (level `decisions`).
    case position(PositionRecord)
    /// A round trip closed (every level).
    case trade(TradeRecord)
    /// A book's equity at the end of a time step (every level).
    case equity(EquityRecord)
    /// The judge's weights changed (every level).
    case weights(WeightsRecord)
    /// A strategy's output counted as absent (every level).
    case fault(FaultRecord)
    /// A strategy stopped voting after repeated faults (every level).
    case quarantine(QuarantineRecord)
    /// A state machine refused an event (every level).
    case transitionError(TransitionErrorRecord)

    /// The kinds of record; `rawValue` is the `events.kind` text.
    public enum Kind: String, Sendable, CaseIterable {
        case signal
        case verdict
        case riskDecision = "risk_decision"
        case tradingState = "trading_state"
        case order
        case orderEvent = "order_event"
        case fill
        case position
        case trade
        case equity
        case weights
        case fault
        case quarantine
        case transitionError = "transition_error"

        /// The lowest level that writes this kind.
        @inlinable public var level: JournalLevel {
            switch self {
            case .signal: return .full
            case .verdict, .riskDecision, .order, .orderEvent, .fill, .position: return .decisions
            case .tradingState, .trade, .equity, .weights, .fault, .quarantine, .transitionError: return .summary
            }
        }
    }

    /// This record's kind.
    @inlinable public var kind: Kind {
        switch self {
        case .signal: return .signal
        case .verdict: return .verdict
        case .riskDecision: return .riskDecision
        case .tradingState: return .tradingState
        case .order: return .order
        case .orderEvent: return .orderEvent
        case .fill: return .fill
        case .position: return .position
        case .trade: return .trade
        case .equity: return .equity
        case .weights: return .weights
        case .fault: return .fault
        case .quarantine: return .quarantine
        case .transitionError: return .transitionError
        }
    }

    /// When it happened, in the data's clock (a round trip: its exit).
    public var time: Timestamp {
        switch self {
        case .signal(let r): return r.time
        case .verdict(let r): return r.time
        case .riskDecision(let r): return r.time
        case .tradingState(let r): return r.time
        case .order(let r): return r.time
        case .orderEvent(let r): return r.time
        case .fill(let r): return r.time
        case .position(let r): return r.time
        case .trade(let r): return r.exitTime
        case .equity(let r): return r.time
        case .weights(let r): return r.time
        case .fault(let r): return r.time
        case .quarantine(let r): return r.time
        case .transitionError(let r): return r.time
        }
    }

    /// The record's value (e.g. a ``FillRecord``), for code that wants one kind: `$0.payload as? FillRecord`.
    var payload: any Sendable {
        switch self {
        case .signal(let r): return r
        case .verdict(let r): return r
        case .riskDecision(let r): return r
        case .tradingState(let r): return r
        case .order(let r): return r
        case .orderEvent(let r): return r
        case .fill(let r): return r
        case .position(let r): return r
        case .trade(let r): return r
        case .equity(let r): return r
        case .weights(let r): return r
        case .fault(let r): return r
        case .quarantine(let r): return r
        case .transitionError(let r): return r
        }
    }
}
