import QuorumModel

/// A validated `strategies.yaml` (schema version 1). Every value is checked and every default filled in.
///
/// Obtain one from ``ConfigLoader``. It is a plain value: reloading builds a new one and, when the new file
/// fails validation, the caller simply keeps the one it has — a failed reload changes nothing.
public struct QuorumConfig: Sendable, Equatable {
    /// The schema version; always 1.
    public var version: Int
    /// Where plugins come from and how far to trust them.
    public var plugins: PluginsConfig
    /// Bar files to load (backtest and paper), one symbol each. When the file has a `data:` section, every
    /// symbol a strategy lists must be provided by one of its entries; without one, symbols are not checked here
    /// (they come from `--data/--symbol` or a live feed, and the caller checks them).
    public var data: [DataSource]
    /// Cash at the start of a run (default 100000).
    public var startingCash: Money
    /// How signals are combined into a verdict.
    public var judge: JudgeConfig
    /// Strategy instances, in file order.
    public var strategies: [StrategyConfig]
    /// Sizing, hard limits and sectors.
    public var risk: RiskConfig
    /// Broker, costs and order defaults.
    public var execution: ExecutionConfig
    /// Where and how much to journal.
    public var journal: JournalConfig
    /// Warnings found while loading (e.g. `limits: none`). Errors never reach a `QuorumConfig`.
    public var warnings: [ConfigDiagnostic]
    /// True when strategy parameters were checked against plugin schemas (a catalog was given). When false,
    /// ``StrategyConfig/resolvedParams`` is nil and parameter names, types and ranges were not checked.
    public var parametersChecked: Bool
}

/// `plugins:` — plugin folders and trust.
public struct PluginsConfig: Sendable, Equatable {
    /// How plugin files are trusted (SPEC §5).
    public enum Trust: String, Sendable, CaseIterable {
        /// Refuse files or folders writable by group/others or owned by another user.
        case strict
        /// Load whatever is found.
        case any
    }

    /// Plugin folders: the file's `dirs` (resolved against the config file's folder, default `plugins`), then
    /// the entries of `QUORUM_PLUGIN_PATH` (colon-separated, as given), without duplicates.
    public var dirs: [String]
    public var trust: Trust
    /// Optional SHA-256 pins: plugin file name → 64 lowercase hex digits.
    public var pins: [String: String]
    /// The folders the file lists in `dirs` itself (resolved), which should exist; not the default `plugins` or
    /// `QUORUM_PLUGIN_PATH`'s.
    public var listedDirs: [String] = []

    public init(dirs: [String], trust: Trust = .strict, pins: [String: String] = [:]) {
        self.dirs = dirs
        self.trust = trust
        self.pins = pins
    }
}

/// One `data:` entry: a bar file and the symbol it provides.
public struct DataSource: Sendable, Equatable {
    /// What to do with a row that cannot be parsed.
    public enum BadRowPolicy: String, Sendable, CaseIterable {
        case error
        case skip
    }

    /// The file, resolved against the config file's folder.
    public var path: String
    /// The symbol; defaults to the file name before its first `_` (`GOOG_1d.csv` → `GOOG`).
    public var symbol: String
    public var onBadRow: BadRowPolicy
    /// Where the entry is written in the file.
    public var location: SourceLocation

    public init(path: String, symbol: String, onBadRow: BadRowPolicy = .error, location: SourceLocation) {
        self.path = path
        self.symbol = symbol
        self.onBadRow = onBadRow
        self.location = location
    }
}

/// `journal:` — the SQLite journal.
public struct JournalConfig: Sendable, Equatable {
    /// How much is journaled (SPEC §11).
    public enum Level: String, Sendable, CaseIterable {
        /// Every signal, plus everything below.
        case full
        /// Verdicts, orders and fills.
        case decisions
        /// Run summary only.
        case summary
    }

    /// Database path, resolved against the config file's folder (default `runs/quorum.sqlite`).
    public var path: String
    public var level: Level

    public init(path: String, level: Level = .decisions) {
        self.path = path
        self.level = level
    }
}
