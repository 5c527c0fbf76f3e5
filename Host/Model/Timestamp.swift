/// Time in Quorum: Int64 nanoseconds since 1970-01-01T00:00:00 in the data's own clock. The bundled data has
/// no UTC offset and Quorum does not invent one, so all calendar arithmetic here is proleptic Gregorian
/// without time zones.
public typealias Timestamp = Int64

public let nanosecondsPerSecond: Int64 = 1_000_000_000
public let nanosecondsPerDay: Int64 = 86_400 * nanosecondsPerSecond

/// How a source writes its times, so that results write them back the same way (SPEC §13: "times are written as
/// they appear in the data"): a date, or a date and a time of day — with the character between the two and the
/// digits of the fraction of a second.
public struct TimeFormat: Sendable, Hashable, CustomStringConvertible {
    /// Whether times have a time of day: a file's times all have one or all have none.
    public enum Form: Sendable, Hashable {
        /// `YYYY-MM-DD`
        case date
        /// `YYYY-MM-DDTHH:MM:SS` (or with a space for the `T`, and a fraction of a second)
        case dateTime
    }

    public let form: Form
    /// Between the date and the time of day: `T` or a space (`T` for dates, which have neither).
    public let separator: UInt8
    /// Digits of the fraction of a second, 0 to 9 (0 for dates): a time is written with at least these, and with
    /// as many as its own fraction needs (a time of `.25` in a file of whole seconds is written `.25`; whole
    /// seconds in a file of milliseconds are written `.000`).
    public let fractionDigits: Int

    /// `YYYY-MM-DD`
    public static let date = TimeFormat(form: .date, separator: UInt8(ascii: "T"), fractionDigits: 0)
    /// `YYYY-MM-DDTHH:MM:SS`, with a fraction of a second when a time has one.
    public static let dateTime = TimeFormat(form: .dateTime, separator: UInt8(ascii: "T"), fractionDigits: 0)

    /// Formats come from parsing (``Timestamps/parse(_:)-(UnsafeBufferPointer<UInt8>)``) and from patterns,
    /// which check the separator and the digits.
    fileprivate init(form: Form, separator: UInt8, fractionDigits: Int) {
        self.form = form
        self.separator = separator
        self.fractionDigits = fractionDigits
    }

    /// The format as a pattern: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, `YYYY-MM-DD HH:MM:SS.fff` (one `f` a digit of
    /// the fraction). The journal keeps it in `runs.time_format`.
    public var pattern: String {
        guard form == .dateTime else { return "YYYY-MM-DD" }
        let fraction = fractionDigits > 0 ? "." + String(repeating: "f", count: fractionDigits) : ""
        return "YYYY-MM-DD" + String(UnicodeScalar(separator)) + "HH:MM:SS" + fraction
    }

    /// The format of a ``pattern``; nil for any other text.
    public init?(pattern: String) {
        let bytes = Array(pattern.utf8)
        if pattern == "YYYY-MM-DD" { self = .date; return }
        guard bytes.count >= 19, pattern.hasPrefix("YYYY-MM-DD"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              String(decoding: bytes[11..<19], as: UTF8.self) == "HH:MM:SS" else { return nil }
        let fraction = bytes[19...]
        guard fraction.isEmpty || (fraction.count >= 2 && fraction.count <= 10 && fraction.first == UInt8(ascii: ".")
                                   && fraction.dropFirst().allSatisfy { $0 == UInt8(ascii: "f") }) else { return nil }
        self.init(form: .dateTime, separator: bytes[10], fractionDigits: max(fraction.count - 1, 0))
    }

    public var description: String { pattern }
}

public enum Timestamps {
    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
    @inlinable public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The last date a reader parsed, so that the rows of one day skip the calendar arithmetic: its ten bytes
    /// (`YYYY-MM-DD`) and the time of its midnight.
    public struct DateMemo: Sendable {
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var midnight: Timestamp = 0
        var valid = false

        public init() {}
    }

    /// The forms ``parse(_:)-(UnsafeBufferPointer<UInt8>)`` reads and the dates it accepts, as error messages
    /// state them.
    public static let expectedForms = "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, from 1677-09-22 to 2262-04-10"

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD HH:MM:SS` (optionally with `.fraction`).
    /// Returns nil for anything else, including impossible dates such as 2021-02-30.
    ///
    /// Only dates whose every instant and the next midnight a ``Timestamp`` holds are accepted: 1677-09-22 to
    /// 2262-04-10 (nanoseconds in 64 bits reach from 1677-09-21T00:12:43 to 2262-04-11T23:47:16). So a parsed
    /// time's day, its midnight and the next (what day boundaries and a date-only `--to` use) never overflow.
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (Timestamp, TimeFormat)? {
        var memo = DateMemo()
        return parse(b, memo: &memo)
    }

    /// ``parse(_:)-(UnsafeBufferPointer<UInt8>)``, reusing the date of the last call with the same `memo` when
    /// the text starts with the same ten bytes (a date that parsed, so the same one), and remembering this one.
    public static func parse(_ b: UnsafeBufferPointer<UInt8>, memo: inout DateMemo) -> (Timestamp, TimeFormat)? {
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int? {
            var v = 0
            for k in at..<(at + count) {
                let c = b[k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard b.count >= 10, let base = b.baseAddress else { return nil }
        let head = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
        let tail = UnsafeRawPointer(base + 8).loadUnaligned(as: UInt16.self)
        var t: Timestamp
        if memo.valid && head == memo.head && tail == memo.tail {
            t = memo.midnight
        } else {
            guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                  let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
                  (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
            let (midnight, overflow) = days(year: year, month: month, day: day)
                .multipliedReportingOverflow(by: nanosecondsPerDay)
            guard !overflow, midnight <= Timestamp.max - nanosecondsPerDay else { return nil }
            t = midnight
            memo.head = head
            memo.tail = tail
            memo.midnight = t
            memo.valid = true
        }
        if b.count == 10 { return (t, .date) }
        let separator = b[10]
        guard b.count >= 19, separator == UInt8(ascii: "T") || separator == UInt8(ascii: " "),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let hh = digits(11, 2), let mm = digits(14, 2), let ss = digits(17, 2),
              hh < 24, mm < 60, ss < 60 else { return nil }
        t += Int64(hh * 3600 + mm * 60 + ss) * nanosecondsPerSecond
        if b.count == 19 { return (t, TimeFormat(form: .dateTime, separator: separator, fractionDigits: 0)) }
        guard b[19] == UInt8(ascii: "."), b.count > 20, b.count <= 29 else { return nil }
        var nanos: Int64 = 0
        for k in 20..<b.count {
            let c = b[k]
            guard c >= 48 && c <= 57 else { return nil }
            nanos = nanos * 10 + Int64(c - 48)
        }
        for _ in b.count..<29 { nanos *= 10 }
        return (t + nanos, TimeFormat(form: .dateTime, separator: separator, fractionDigits: b.count - 20))
    }

    /// Parses a String form (command-line `--from`/`--to`).
    public static func parse(_ text: String) -> (Timestamp, TimeFormat)? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ⌊t / unit⌋, rounding toward −∞ so that times before 1970 fall in the right day or second.
    @inlinable public static func floor(_ t: Timestamp, _ unit: Int64) -> Int64 {
        let quotient = t / unit   // toward zero; one less when a negative t leaves a remainder
        return t % unit < 0 ? quotient - 1 : quotient
    }

    /// Nanoseconds from `start` to `end`, for any two Timestamps: exactly their difference where it fits 64 bits,
    /// the difference of the two as Doubles where it does not (spans of more than 292 years).
    @inlinable public static func nanoseconds(from start: Timestamp, to end: Timestamp) -> Double {
        let (difference, overflow) = end.subtractingReportingOverflow(start)
        return overflow ? Double(end) - Double(start) : Double(difference)
    }

    /// Calendar days (fractional) from `start` to `end`, for any two Timestamps (see ``nanoseconds(from:to:)``).
    @inlinable public static func elapsedDays(from start: Timestamp, to end: Timestamp) -> Double {
        nanoseconds(from: start, to: end) / Double(nanosecondsPerDay)
    }

    /// The day (since 1970-01-01) that `t` falls on.
    @inlinable public static func day(of t: Timestamp) -> Int64 { floor(t, nanosecondsPerDay) }

    /// The whole seconds from the midnight before `t` to `t` (0 to 86,399), for any `t` (the midnight itself may
    /// lie below the range a ``Timestamp`` holds, as 1677-09-21's does).
    @inlinable public static func secondOfDay(_ t: Timestamp) -> Int {
        let remainder = t % nanosecondsPerDay
        return Int((remainder < 0 ? remainder + nanosecondsPerDay : remainder) / nanosecondsPerSecond)
    }

    /// The nanoseconds past the whole second of `t` (0 to 999,999,999, for any `t`).
    @inlinable public static func nanosecondOfSecond(_ t: Timestamp) -> Int64 {
        let remainder = t % nanosecondsPerSecond
        return remainder < 0 ? remainder + nanosecondsPerSecond : remainder
    }

    /// The longest text ``write(_:_:to:)`` writes: `YYYY-MM-DDTHH:MM:SS` and nine digits of a second.
    public static let maximumTextLength = 29

    /// Formats a timestamp in `format` (``TimeFormat``): its date, and for times of day the separator, the time
    /// and a fraction of a second with the digits the format gives one, or more when this time's needs more.
    public static func format(_ t: Timestamp, _ format: TimeFormat) -> String {
        String(unsafeUninitializedCapacity: maximumTextLength) { write(t, format, to: $0.baseAddress!) }
    }

    /// Writes ``format(_:_:)``'s text to `text`, which has room for ``maximumTextLength`` bytes; returns the bytes
    /// written. (Every ``Timestamp`` falls in a four-digit year: 1677 to 2262.)
    public static func write(_ t: Timestamp, _ format: TimeFormat, to text: UnsafeMutablePointer<UInt8>) -> Int {
        // Each field fits its width, so each write is exactly `width` digits.
        @inline(__always) func put(_ value: Int, _ width: Int, at offset: Int) {
            _ = DecimalText.write(Int64(value), minimumDigits: width, to: text + offset)
        }
        let (y, m, d) = civil(days: day(of: t))
        put(y, 4, at: 0)
        text[4] = UInt8(ascii: "-")
        put(m, 2, at: 5)
        text[7] = UInt8(ascii: "-")
        put(d, 2, at: 8)
        guard format.form == .dateTime else { return 10 }
        let secs = secondOfDay(t)
        text[10] = format.separator
        put(secs / 3600, 2, at: 11)
        text[13] = UInt8(ascii: ":")
        put(secs / 60 % 60, 2, at: 14)
        text[16] = UInt8(ascii: ":")
        put(secs % 60, 2, at: 17)
        var nanoseconds = nanosecondOfSecond(t), digits = 9
        while digits > format.fractionDigits && nanoseconds % 10 == 0 {
            nanoseconds /= 10
            digits -= 1
        }
        guard digits > 0 else { return 19 }
        text[19] = UInt8(ascii: ".")
        put(Int(nanoseconds), digits, at: 20)
        return 20 + digits
    }
}
