/// Where an order is in its life (SPEC §9). The names are the journal's and Alpaca's.
public enum OrderStatus: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Created by the core, not yet sent.
    case new
    /// Sent to the broker, not yet acknowledged.
    case submitted
    /// Acknowledged and working.
    case accepted
    case partiallyFilled = "partially_filled"
    case filled
    case canceled
    case rejected
    case expired
    /// A cancel was requested and is not confirmed yet.
    case pendingCancel = "pending_cancel"
    /// A replace was requested and is not confirmed yet.
    case pendingReplace = "pending_replace"

    /// No event moves an order out of a terminal status.
    public var isTerminal: Bool {
        switch self {
        case .filled, .canceled, .rejected, .expired: return true
        default: return false
        }
    }

    /// Still able to fill.
    public var isWorking: Bool {
        switch self {
        case .accepted, .partiallyFilled, .pendingCancel, .pendingReplace: return true
        default: return false
        }
    }

    public var description: String { rawValue }
}

/// What can happen to an order.
public enum OrderEvent: String, Sendable, CaseIterable, CustomStringConvertible {
    case submit
    case accept
    case reject
    case partialFill = "partial_fill"
    case fill
    case requestCancel = "request_cancel"
    case cancelRejected = "cancel_rejected"
    case cancel
    case requestReplace = "request_replace"
    case replaceRejected = "replace_rejected"
    case replaced
    case expire

    public var description: String { rawValue }
}

/// An event that is not allowed in the current state: an error that is journaled and never applied (SPEC §9).
public struct TransitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `order` or `trade`.
    public var machine: String
    public var from: String
    public var event: String

    public init(machine: String, from: String, event: String) {
        self.machine = machine
        self.from = from
        self.event = event
    }

    public var description: String { "\(machine): \(event) is not allowed in state \(from)" }
}

extension OrderStatus {
    /// The status after `event`, or a ``TransitionError`` when the event is not allowed here. `hasFills` tells
    /// whether some quantity has filled already (a refused cancel or replace returns to partially_filled then).
    public func after(_ event: OrderEvent, hasFills: Bool) -> Result<OrderStatus, TransitionError> {
        let working: OrderStatus = hasFills ? .partiallyFilled : .accepted
        let next: OrderStatus?
        switch (self, event) {
        case (.new, .submit): next = .submitted
        case (.new, .reject), (.submitted, .reject), (.accepted, .reject): next = .rejected
        case (.new, .cancel): next = .canceled
        case (.submitted, .accept): next = .accepted
        case (.submitted, .requestCancel): next = .pendingCancel
        case (.accepted, .partialFill), (.partiallyFilled, .partialFill): next = .partiallyFilled
        case (.pendingCancel, .partialFill): next = .pendingCancel
        case (.pendingReplace, .partialFill): next = .pendingReplace
        case (.accepted, .fill), (.partiallyFilled, .fill), (.pendingCancel, .fill), (.pendingReplace, .fill):
            next = .filled
        case (.accepted, .requestCancel), (.partiallyFilled, .requestCancel), (.pendingReplace, .requestCancel):
            next = .pendingCancel
        case (.accepted, .requestReplace), (.partiallyFilled, .requestReplace): next = .pendingReplace
        case (.pendingCancel, .cancelRejected): next = working
        case (.pendingReplace, .replaceRejected), (.pendingReplace, .replaced): next = working
        case (.accepted, .cancel), (.partiallyFilled, .cancel), (.pendingCancel, .cancel), (.pendingReplace, .cancel):
            next = .canceled
        case (.accepted, .expire), (.partiallyFilled, .expire), (.pendingCancel, .expire), (.pendingReplace, .expire):
            next = .expired
        default: next = nil
        }
        guard let next else { return .failure(TransitionError(machine: "order", from: rawValue, event: event.rawValue)) }
        return .success(next)
    }
}
