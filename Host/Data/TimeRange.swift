import QuorumModel

/// An inclusive time window (`--from`/`--to`); either end may be open.
public struct TimeRange: Sendable, Equatable {
    /// The earliest time kept, inclusive; nil for no lower bound.
    public var from: Timestamp?
    /// The latest time kept, inclusive; nil for no upper bound.
    public var to: Timestamp?

    /// Every time.
    public static let all = TimeRange()

    public init(from: Timestamp? = nil, to: Timestamp? = nil) {
        self.from = from
        self.to = to
    }

    /// Parses command-line bounds in the data's formats (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`).
    ///
    /// A date-only `to` covers that whole day, so `--to 2006-01-02` keeps the intraday bars of 2006-01-02.
    /// - Throws: ``InvalidTimeBound`` for a text that is not a time, ``ReversedTimeRange`` when `from` is later
    ///   than `to`.
    public init(from fromText: String?, to toText: String?) throws {
        func parse(_ text: String?, _ name: String) throws -> (Timestamp, TimeFormat)? {
            guard let text else { return nil }
            guard let parsed = Timestamps.parse(text) else { throw InvalidTimeBound(name: name, text: text) }
            return parsed
        }
        from = try parse(fromText, "from")?.0
        if let (end, format) = try parse(toText, "to") {
            to = format.form == .date ? end + nanosecondsPerDay - 1 : end   // parsed dates have a next midnight
        }
        if let from, let to, from > to, let fromText, let toText {
            throw ReversedTimeRange(from: fromText, to: toText)
        }
    }

    /// True when `time` lies inside the window.
    @inlinable public func contains(_ time: Timestamp) -> Bool {
        (from.map { time >= $0 } ?? true) && (to.map { time <= $0 } ?? true)
    }

    /// The bounds as command-line options (`--from 2030-01-01 --to 2030-12-31`): a bound on a day's first or
    /// last instant as its date; empty for every time.
    public var options: String {
        func day(_ t: Timestamp, at instant: (second: Int, nanosecond: Int64)) -> String {
            let onIt = Timestamps.secondOfDay(t) == instant.second
                && Timestamps.nanosecondOfSecond(t) == instant.nanosecond
            return Timestamps.format(t, onIt ? .date : .dateTime)
        }
        return [from.map { "--from " + day($0, at: (0, 0)) }, to.map { "--to " + day($0, at: (86_399, 999_999_999)) }]
            .compactMap { $0 }.joined(separator: " ")
    }
}

/// A `--from`/`--to` value that is not a date or date-time.
public struct InvalidTimeBound: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var text: String
    public var description: String {
        "invalid --\(name) '\(text)' (expected \(Timestamps.expectedForms))"
    }
}

/// A `--from` later than its `--to`: the range would hold no time.
public struct ReversedTimeRange: Error, Sendable, Equatable, CustomStringConvertible {
    public var from: String
    public var to: String
    public var description: String {
        "--from \(from) is later than --to \(to): the range holds no time"
    }
}
