/// One problem found in a configuration file, at a place in it.
///
/// Printed as `FILE:LINE:COL: message` for errors and `FILE:LINE:COL: warning: message` for warnings,
/// the form compilers use, so editors and terminals can jump to it.
public struct ConfigDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is. Errors make loading fail; warnings do not.
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    /// The file name as given to the loader (e.g. `strategies.yaml`).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// What is wrong, in one line.
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, column: Int, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    public init(file: String, location: SourceLocation, message: String, severity: Severity = .error) {
        self.init(file: file, line: location.line, column: location.column, message: message, severity: severity)
    }

    /// Where the diagnostic points.
    public var location: SourceLocation { SourceLocation(line: line, column: column) }

    public var description: String {
        "\(file):\(line):\(column): " + (severity == .warning ? "warning: " : "") + message
    }

    /// Orders diagnostics by line, then column, then errors before warnings, then message.
    static func sortedByPosition(_ diagnostics: [ConfigDiagnostic]) -> [ConfigDiagnostic] {
        diagnostics.sorted {
            ($0.line, $0.column, $0.severity == .error ? 0 : 1, $0.message) <
                ($1.line, $1.column, $1.severity == .error ? 0 : 1, $1.message)
        }
    }
}

/// Why a configuration was refused: every diagnostic found (errors and warnings), sorted by line and column.
///
/// `description` has one diagnostic per line, ready to print to standard error.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    /// All diagnostics, sorted by position. At least one is an error.
    public var diagnostics: [ConfigDiagnostic]
    /// The file's `plugins:` section when it (and the file's syntax and top level) has no error, though other
    /// sections do: a host can load those plugins and check the file again with their catalog, so that errors
    /// in strategy ids and parameters are reported together with the rest.
    public var plugins: PluginsConfig?
    /// The strategy entries read without error, when the file was checked against a plugin catalog: a host can
    /// ask their plugins whether they accept the entries' parameters, and report their refusals with the rest.
    public var strategies: [StrategyConfig]

    public init(diagnostics: [ConfigDiagnostic], plugins: PluginsConfig? = nil, strategies: [StrategyConfig] = []) {
        self.diagnostics = ConfigDiagnostic.sortedByPosition(diagnostics)
        self.plugins = plugins
        self.strategies = strategies
    }

    /// Only the errors.
    public var errors: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .error } }
    /// Only the warnings.
    public var warnings: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .warning } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
