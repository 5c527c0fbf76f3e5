import QuorumModel

/// A strategy instance's output counted as absent, and why (table `faults`).
public struct FaultRecord: Sendable, Equatable {
    public var time: Timestamp
    public var instance: Int
    public var message: String

    public init(time: Timestamp, instance: Int, message: String) {
        self.time = time
        self.instance = instance
        self.message = message
    }
}

/// A strategy instance stopped voting after repeated faults (table `quarantines`).
public struct QuarantineRecord: Sendable, Equatable {
    public var time: Timestamp
    public var instance: Int

    public init(time: Timestamp, instance: Int) {
        self.time = time
        self.instance = instance
    }
}

/// A state machine was given an event its current state does not accept (table `transition_errors`).
public struct TransitionErrorRecord: Sendable, Equatable {
    public var time: Timestamp
    /// `order` or `trade`.
    public var machine: String
    /// The order's or trade's id.
    public var id: String
    /// The state it was in.
    public var from: String
    /// The event it refused.
    public var event: String
    public var message: String

    public init(time: Timestamp, machine: String, id: String, from: String, event: String, message: String) {
        self.time = time
        self.machine = machine
        self.id = id
        self.from = from
        self.event = event
        self.message = message
    }
}
