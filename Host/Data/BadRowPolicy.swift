/// What a reader does with a row that fails validation.
public enum BadRowPolicy: Sendable, Equatable {
    /// Stop at the first bad row by throwing its ``BarDataError`` (the default).
    case error
    /// Skip the row, count it by ``BarProblem`` in ``SkippedRows`` and keep going.
    case skip
}

/// The rows a reader skipped under ``BadRowPolicy/skip``: counts by reason and the first few errors, for a summary.
public struct SkippedRows: Sendable, Equatable {
    /// Number of rows skipped.
    public private(set) var total = 0
    /// Number of rows skipped, by the problem that made them bad.
    public private(set) var countsByProblem: [BarProblem: Int] = [:]
    /// The first ``keptErrorLimit`` errors, in file order.
    public private(set) var firstErrors: [BarDataError] = []
    /// How many errors ``firstErrors`` keeps.
    public let keptErrorLimit: Int

    public init(keptErrorLimit: Int = 5) {
        self.keptErrorLimit = keptErrorLimit
    }

    /// Counts one skipped row. Errors may come out of line order (a row held for the row after it is found bad
    /// after rows behind it): the kept ones are the first by line.
    public mutating func record(_ error: BarDataError) {
        total += 1
        countsByProblem[error.problem, default: 0] += 1
        let at = firstErrors.lastIndex { $0.line <= error.line }.map { $0 + 1 } ?? 0
        guard at < keptErrorLimit else { return }
        firstErrors.insert(error, at: at)
        if firstErrors.count > keptErrorLimit { firstErrors.removeLast() }
    }

    /// A one-line summary, e.g. `skipped 3 bad rows (2 high below low, 1 invalid number)`; empty when none.
    public var summary: String {
        guard total > 0 else { return "" }
        let parts = BarProblem.allCases.compactMap { problem in
            countsByProblem[problem].map { "\($0) \(problem)" }
        }
        return "skipped \(total) bad row\(total == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
    }

    /// The ``summary``, then each kept error as `FILE:LINE:COL: message` indented by two spaces, then how many
    /// more were skipped than kept; no line when none.
    public var summaryLines: [String] {
        guard total > 0 else { return [] }
        var lines = [summary] + firstErrors.map { "  \($0)" }
        if total > firstErrors.count { lines.append("  … and \(total - firstErrors.count) more") }
        return lines
    }
}
