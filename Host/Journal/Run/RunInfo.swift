import QuorumModel

/// What the journal records about a run when it starts (table `runs`, and `symbols`).
public struct RunInfo: Sendable, Equatable {
    /// Unique within the file (e.g. `bt-20261122T085037Z-46f2`); a daemon that resumes (once one is built) will
    /// start a new run with a new id and name the earlier one in ``resumedFrom``.
    public var id: String
    /// `backtest` or `daemon`.
    public var kind: String
    /// Wall-clock start, ISO 8601 UTC (e.g. `2025-01-01T12:00:00Z`).
    public var startedAt: String
    public var configPath: String?
    public var configSHA256: String?
    /// How much this run journals.
    public var level: JournalLevel
    public var startingCash: Money
    /// How the data writes its times; every `time` column of the run is written this way.
    public var timeFormat: TimeFormat
    public var quorumVersion: String
    /// The run's symbols; records refer to them by index.
    public var symbols: [String]
    /// The id of the run this one continues (a daemon restarted on the same journal), if any.
    public var resumedFrom: String?

    public init(id: String, kind: String, startedAt: String, configPath: String? = nil, configSHA256: String? = nil,
                level: JournalLevel, startingCash: Money, timeFormat: TimeFormat, quorumVersion: String,
                symbols: [String], resumedFrom: String? = nil) {
        self.id = id
        self.kind = kind
        self.startedAt = startedAt
        self.configPath = configPath
        self.configSHA256 = configSHA256
        self.level = level
        self.startingCash = startingCash
        self.timeFormat = timeFormat
        self.quorumVersion = quorumVersion
        self.symbols = symbols
        self.resumedFrom = resumedFrom
    }
}

extension TimeFormat {
    /// The text in `runs.time_format`: the format's ``TimeFormat/pattern`` (`YYYY-MM-DD HH:MM:SS.fff`).
    var journalName: String { pattern }

    /// The format of a `runs.time_format` text: a pattern, or `date` and `datetime` as versions 1 to 6 wrote them.
    init?(journalName: String) {
        switch journalName {
        case "date": self = .date
        case "datetime": self = .dateTime
        default: self.init(pattern: journalName)
        }
    }
}
