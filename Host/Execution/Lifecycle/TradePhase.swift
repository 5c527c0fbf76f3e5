/// The life of one trade of one symbol (SPEC §9): scanning → setup_detected → entry_approved → order_placed →
/// filled → holding → exit_triggered → order_closing → closed.
public enum TradePhase: String, Sendable, CaseIterable, CustomStringConvertible {
    case scanning
    case setupDetected = "setup_detected"
    case entryApproved = "entry_approved"
    case orderPlaced = "order_placed"
    case filled
    case holding
    case exitTriggered = "exit_triggered"
    case orderClosing = "order_closing"
    case closed

    public var description: String { rawValue }
}

/// What moves a trade on.
public enum TradeEvent: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The verdict asks for a position.
    case detect
    /// Risk approved the entry (possibly resized).
    case approve
    /// Risk refused the entry, or the setup lapsed before an order was placed.
    case abandon
    /// The entry order was sent.
    case place
    /// The entry order filled (wholly or partly).
    case entryFilled = "entry_filled"
    /// The entry order ended without any fill (rejected, cancelled, expired).
    case entryFailed = "entry_failed"
    /// The entry order is done and the position is protected as the rules require.
    case hold
    /// A verdict, a stop, a target or the kill switch calls for the exit.
    case triggerExit = "trigger_exit"
    /// The closing order was sent (or a resting protective order is filling).
    case placeExit = "place_exit"
    /// The closing order ended without flattening the position: the trade is held again.
    case exitFailed = "exit_failed"
    /// The position is flat.
    case exitFilled = "exit_filled"

    public var description: String { rawValue }
}

extension TradePhase {
    /// The phase after `event`, or a ``TransitionError`` when the event is not allowed here.
    public func after(_ event: TradeEvent) -> Result<TradePhase, TransitionError> {
        let next: TradePhase?
        switch (self, event) {
        case (.scanning, .detect): next = .setupDetected
        case (.setupDetected, .approve): next = .entryApproved
        case (.setupDetected, .abandon), (.entryApproved, .abandon): next = .scanning
        case (.entryApproved, .place): next = .orderPlaced
        case (.orderPlaced, .entryFilled): next = .filled
        case (.orderPlaced, .entryFailed): next = .scanning
        case (.filled, .entryFilled): next = .filled
        case (.filled, .hold): next = .holding
        case (.filled, .triggerExit), (.holding, .triggerExit): next = .exitTriggered
        case (.exitTriggered, .placeExit): next = .orderClosing
        case (.orderClosing, .exitFailed): next = .holding
        case (.orderClosing, .exitFilled): next = .closed
        default: next = nil
        }
        guard let next else { return .failure(TransitionError(machine: "trade", from: rawValue, event: event.rawValue)) }
        return .success(next)
    }
}
