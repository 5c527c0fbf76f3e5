/// What is wrong with a data file or one of its rows.
///
/// Row problems (``isRowProblem``) can be skipped under ``BadRowPolicy/skip``; file problems always stop reading.
public enum BarProblem: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    // File problems.
    /// The file cannot be opened or read.
    case unreadableFile = "unreadable file"
    /// The file has no header row.
    case missingHeader = "missing header"
    /// The header lacks a required column, or names one twice.
    case badHeader = "bad header"
    /// A line is longer than ``BarReaderOptions/maximumLineLength``.
    case lineTooLong = "line too long"

    // Row problems.
    case missingFields = "missing fields"
    case extraFields = "extra fields"
    case invalidTimestamp = "invalid timestamp"
    case invalidNumber = "invalid number"
    case notFinite = "not finite"
    case nonPositivePrice = "non-positive price"
    case highBelowLow = "high below low"
    case highBelowOpenOrClose = "high below open or close"
    case lowAboveOpenOrClose = "low above open or close"
    case negativeVolume = "negative volume"
    /// A time written as a date where the file's first bar has a time of day, or the other way round.
    case mixedTimeForm = "mixed time form"
    case unsortedTimestamp = "unsorted timestamp"
    case duplicateTimestamp = "duplicate timestamp"

    /// True when the problem concerns one row only, so that the row can be skipped.
    public var isRowProblem: Bool {
        switch self {
        case .unreadableFile, .missingHeader, .badHeader, .lineTooLong: return false
        default: return true
        }
    }

    public var description: String { rawValue }
}

/// An error in a bar data file, located as `FILE:LINE:COLUMN: message`.
///
/// `line` is 1-based and `column` is the 1-based character column where the offending field starts; for
/// problems of a whole row (missing fields, unsorted or duplicate timestamps) it is the column of the
/// timestamp field. Both are 0 when the error is not about a position (e.g. the file cannot be opened), and the
/// description then reads `FILE: message`.
public struct BarDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var problem: BarProblem
    /// The human-readable explanation, without the location.
    public var message: String

    public init(file: String, line: Int, column: Int, problem: BarProblem, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
