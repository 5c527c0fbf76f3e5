import QuorumModel

/// Where a run stands (`runs.status`).
public enum RunStatus: String, Sendable, CaseIterable {
    /// Started and not closed. A run that is not live any more and still says `running` ended without closing
    /// its journal (a crash or a kill): its records are those committed before.
    case running
    /// Ended normally.
    case completed
    /// Ended on an error, or its journal could not be written completely (see `runs.message`).
    case failed
}

/// How a run ended, written to its `runs` row by ``JournalWriter/close(final:)``.
public struct RunOutcome: Sendable, Equatable {
    /// `completed` or `failed`.
    public var status: RunStatus
    /// Wall-clock end, ISO 8601 UTC.
    public var endedAt: String
    public var finalEquity: Money?
    public var finalCash: Money?
    /// Why it failed, if it did.
    public var message: String?

    public init(status: RunStatus, endedAt: String, finalEquity: Money? = nil, finalCash: Money? = nil,
                message: String? = nil) {
        self.status = status
        self.endedAt = endedAt
        self.finalEquity = finalEquity
        self.finalCash = finalCash
        self.message = message
    }
}

/// A run as the journal holds it: what it started with and, once closed, how it ended.
public struct JournalRun: Sendable, Equatable {
    public var info: RunInfo
    public var status: RunStatus
    public var endedAt: String?
    public var finalEquity: Money?
    public var finalCash: Money?
    public var message: String?

    public init(info: RunInfo, status: RunStatus, endedAt: String? = nil, finalEquity: Money? = nil,
                finalCash: Money? = nil, message: String? = nil) {
        self.info = info
        self.status = status
        self.endedAt = endedAt
        self.finalEquity = finalEquity
        self.finalCash = finalCash
        self.message = message
    }
}
