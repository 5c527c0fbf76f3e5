import QuorumModel
import QuorumPerformance

/// Everything the HTML report shows, gathered by the caller (from the journal or a finished run).
public struct ReportInput: Sendable {
    /// The report's heading.
    public var title: String
    /// Facts about the run shown under the title (configuration, data, judge mode, …), in order.
    public var runInfo: [(key: String, value: String)]
    /// The statistics of the ensemble and every strategy.
    public var table: ComparisonTable
    /// The equity curve of every book, the ensemble first; drawn as equity and drawdown charts.
    public var curves: [BookCurve]
    /// The hedge judge's weights over time, when the run used them.
    public var weights: WeightHistory?
    /// Faults raised during the run, in time order.
    public var faults: [FaultRecord]
    /// The strategies quarantined during the run, with when (shown above the faults, whatever their number).
    public var quarantines: [(strategy: String, time: Timestamp)]
    /// How times are written (as in the data).
    public var timeFormat: TimeFormat

    /// A report input; only the title and the table are required.
    public init(title: String, runInfo: [(key: String, value: String)] = [], table: ComparisonTable,
                curves: [BookCurve] = [], weights: WeightHistory? = nil, faults: [FaultRecord] = [],
                quarantines: [(strategy: String, time: Timestamp)] = [], timeFormat: TimeFormat = .date) {
        self.title = title
        self.runInfo = runInfo
        self.table = table
        self.curves = curves
        self.weights = weights
        self.faults = faults
        self.quarantines = quarantines
        self.timeFormat = timeFormat
    }
}

/// The equity curve of one book.
public struct BookCurve: Sendable, Equatable {
    /// `ensemble` or the strategy's name (matching its row in the table).
    public var name: String
    /// One point per time step (each time of the data), in time order.
    public var points: [EquityPoint]

    /// The curve of the book called `name`.
    public init(name: String, points: [EquityPoint]) {
        self.name = name
        self.points = points
    }
}

/// The hedge judge's weights over time (SPEC §7).
public struct WeightHistory: Sendable, Equatable {
    /// One weight vector, taken when the weights changed.
    public struct Sample: Sendable, Equatable {
        /// When the weights took effect.
        public var time: Timestamp
        /// One weight per strategy, in the order of ``WeightHistory/names``.
        public var weights: [Double]

        /// The weights in force from `time`.
        public init(time: Timestamp, weights: [Double]) {
            self.time = time
            self.weights = weights
        }
    }

    /// The strategies, in the order of each sample's weights.
    public var names: [String]
    /// In time order.
    public var samples: [Sample]

    /// Weights of `names` over time.
    public init(names: [String], samples: [Sample]) {
        self.names = names
        self.samples = samples
    }
}

/// A fault raised by a strategy (a plugin error, a rejected signal, a quarantine).
public struct FaultRecord: Sendable, Equatable {
    /// When the fault happened.
    public var time: Timestamp
    /// The strategy's name.
    public var strategy: String
    /// What happened, as reported (plugin text: escaped before display).
    public var message: String

    /// A fault of `strategy` at `time`.
    public init(time: Timestamp, strategy: String, message: String) {
        self.time = time
        self.strategy = strategy
        self.message = message
    }
}
