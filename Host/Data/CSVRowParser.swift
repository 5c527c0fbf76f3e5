import QuorumModel

/// Parses and validates one data row of a bar CSV straight from its bytes (no String per field).
///
/// Checks, in this order: the number of fields; each field's syntax in column order; positive prices;
/// high ≥ low; high ≥ max(open, close); low ≤ min(open, close); volume ≥ 0. Time order is the reader's job.
struct CSVRowParser {
    /// One parsed, internally consistent row.
    struct Row {
        var bar: Bar
        var timeFormat: TimeFormat
        /// Byte offset of the timestamp field in the line.
        var timestampOffset: Int
    }

    let file: String
    let columns: [BarColumn]
    /// The date of the previous row, so that the rows of one day parse only their time of day.
    private var dateMemo = Timestamps.DateMemo()

    init(file: String, columns: [BarColumn]) {
        self.file = file
        self.columns = columns
    }

    /// The first field that failed to parse; reported only once the field count is known to be right.
    private struct FieldFailure {
        var column: BarColumn
        var start: Int
        var end: Int
        var reason: Reason
        enum Reason { case timestamp, decimal(DecimalParser.Failure), double, notFinite }
    }

    /// Byte offsets of the fields of one row, by meaning.
    private struct FieldOffsets {
        var timestamp = 0, open = 0, high = 0, low = 0, close = 0, volume = 0
    }

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(BarDataError) -> Row {
        let base = line.baseAddress!
        let count = line.count
        let expected = columns.count
        var time: Timestamp = 0
        var format = TimeFormat.date
        var open: Int64 = 0, high: Int64 = 0, low: Int64 = 0, close: Int64 = 0
        var volume = 0.0
        var offsets = FieldOffsets()
        var failure: FieldFailure?
        var sawTimestamp = false
        var fieldIndex = 0
        var firstExtraField = -1
        var start = 0
        while true {
            // The field ends at `end` (a comma or the line's end); its text is `fieldStart..<fieldEnd`.
            let end: Int, fieldStart: Int, fieldEnd: Int
            if start < count && base[start] == UInt8(ascii: "\"") {
                // A quoted field (RFC 4180): its text is between the quotes, and a comma inside is part of it.
                // Unclosed, or with text after its closing quote, it is taken as written (and fails as such).
                let close = Self.closingQuote(in: base, after: start, count: count)
                end = close < count ? Self.comma(in: base, from: close + 1, count: count) : count
                (fieldStart, fieldEnd) = end == close + 1 ? (start + 1, close) : (start, end)
            } else {
                end = Self.comma(in: base, from: start, count: count)
                (fieldStart, fieldEnd) = (start, end)
            }
            if fieldIndex < expected {
                let field = UnsafeBufferPointer(start: base + fieldStart, count: fieldEnd - fieldStart)
                switch columns[fieldIndex] {
                case .timestamp:
                    offsets.timestamp = start
                    sawTimestamp = true
                    if let (t, f) = Timestamps.parse(field, memo: &dateMemo) {
                        time = t; format = f
                    } else if failure == nil {
                        failure = FieldFailure(column: .timestamp, start: fieldStart, end: fieldEnd, reason: .timestamp)
                    }
                case .open:
                    offsets.open = start
                    open = Self.price(field, .open, fieldStart, fieldEnd, &failure)
                case .high:
                    offsets.high = start
                    high = Self.price(field, .high, fieldStart, fieldEnd, &failure)
                case .low:
                    offsets.low = start
                    low = Self.price(field, .low, fieldStart, fieldEnd, &failure)
                case .close:
                    offsets.close = start
                    close = Self.price(field, .close, fieldStart, fieldEnd, &failure)
                case .volume:
                    offsets.volume = start
                    switch NumberText.parseDouble(field) {
                    case .value(let v): volume = v
                    case .notFinite:
                        if failure == nil { failure = FieldFailure(column: .volume, start: fieldStart, end: fieldEnd, reason: .notFinite) }
                    case .invalid:
                        if failure == nil { failure = FieldFailure(column: .volume, start: fieldStart, end: fieldEnd, reason: .double) }
                    }
                case .ignored:
                    break
                }
            } else if fieldIndex == expected {
                firstExtraField = start
            }
            fieldIndex += 1
            if end >= count { break }
            start = end + 1
        }

        func error(_ problem: BarProblem, at offset: Int, _ message: String) -> BarDataError {
            BarDataError(file: file, line: lineNumber, column: Self.characterColumn(of: offset, in: line),
                         problem: problem, message: message)
        }
        if fieldIndex < expected {
            throw error(.missingFields, at: sawTimestamp ? offsets.timestamp : 0,
                        "expected \(expected) fields, found \(fieldIndex)")
        }
        if fieldIndex > expected {
            throw error(.extraFields, at: firstExtraField, "expected \(expected) fields, found \(fieldIndex)")
        }
        if let failure {
            let text = String(decoding: UnsafeBufferPointer(rebasing: line[failure.start..<failure.end]), as: UTF8.self)
            let name = failure.column.name
            let (problem, message): (BarProblem, String)
            switch failure.reason {
            case .timestamp:
                (problem, message) = (.invalidTimestamp,
                                      "invalid timestamp '\(text)' (expected \(Timestamps.expectedForms))")
            case .notFinite:
                (problem, message) = (.notFinite, "\(name) is not a finite number: '\(text)'")
            case .double, .decimal(.invalidCharacter):
                (problem, message) = text.isEmpty ? (.invalidNumber, "\(name) is empty")
                                                  : (.invalidNumber, "invalid number '\(text)' for \(name)")
            case .decimal(.empty):   // no digit: '' is empty, '.', '+', '-' are no number
                (problem, message) = text.isEmpty ? (.invalidNumber, "\(name) is empty")
                                                  : (.invalidNumber, "invalid number '\(text)' for \(name)")
            case .decimal(.tooPrecise):
                (problem, message) = (.invalidNumber, "\(name) '\(text)' has more than 8 decimal places")
            case .decimal(.outOfRange):
                (problem, message) = (.invalidNumber, "\(name) '\(text)' is out of range")
            }
            throw error(problem, at: failure.start, message)
        }

        if open <= 0 || high <= 0 || low <= 0 || close <= 0 {
            for (value, name, offset) in [(open, "open", offsets.open), (high, "high", offsets.high),
                                          (low, "low", offsets.low), (close, "close", offsets.close)] where value <= 0 {
                throw error(.nonPositivePrice, at: offset, "\(name) must be positive, got \(FixedPoint.format(value))")
            }
        }
        if high < low {
            throw error(.highBelowLow, at: offsets.high,
                        "high \(FixedPoint.format(high)) is below low \(FixedPoint.format(low))")
        }
        if high < open || high < close {
            let (name, value) = open >= close ? ("open", open) : ("close", close)
            throw error(.highBelowOpenOrClose, at: offsets.high,
                        "high \(FixedPoint.format(high)) is below \(name) \(FixedPoint.format(value))")
        }
        if low > open || low > close {
            let (name, value) = open <= close ? ("open", open) : ("close", close)
            throw error(.lowAboveOpenOrClose, at: offsets.low,
                        "low \(FixedPoint.format(low)) is above \(name) \(FixedPoint.format(value))")
        }
        if volume < 0 {
            throw error(.negativeVolume, at: offsets.volume, "volume must not be negative, got \(volume)")
        }
        let bar = Bar(time: time, open: Price(raw: open), high: Price(raw: high), low: Price(raw: low),
                      close: Price(raw: close), volume: volume)
        return Row(bar: bar, timeFormat: format, timestampOffset: offsets.timestamp)
    }

    @inline(__always)
    private static func price(_ field: UnsafeBufferPointer<UInt8>, _ column: BarColumn, _ start: Int, _ end: Int,
                              _ failure: inout FieldFailure?) -> Int64 {
        if let raw = DecimalParser.parsePlainRaw(field) { return raw }
        switch DecimalParser.parseRaw(field) {
        case .success(let raw):
            return raw
        case .failure(let reason):
            if failure == nil {
                let nonFinite = NumberText.isNonFiniteWord(field)
                failure = FieldFailure(column: column, start: start, end: end,
                                       reason: nonFinite ? .notFinite : .decimal(reason))
            }
            return 0
        }
    }

    /// The offset of the first comma at or after `start` in the line of `count` bytes at `base`, or `count` when
    /// there is none: eight bytes at a time while eight remain, never reading past the line.
    @inline(__always)
    private static func comma(in base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var i = start
        while i &+ 8 <= count {
            let marks = ByteWords.bytes(equalTo: UInt8(ascii: ","), in: ByteWords.load(base + i))
            if marks != 0 { return i &+ ByteWords.firstMarked(marks) }
            i &+= 8
        }
        while i < count && base[i] != UInt8(ascii: ",") { i &+= 1 }
        return i
    }

    /// The offset of the quote that closes the quoted field opening at `open` (a doubled quote inside is part
    /// of the field), or `count` when the line ends inside the field.
    private static func closingQuote(in base: UnsafePointer<UInt8>, after open: Int, count: Int) -> Int {
        var i = open + 1
        while i < count {
            if base[i] == UInt8(ascii: "\"") {
                guard i + 1 < count, base[i + 1] == UInt8(ascii: "\"") else { return i }
                i += 2
            } else {
                i += 1
            }
        }
        return count
    }

    /// The 1-based character column of byte `offset` in a UTF-8 line.
    static func characterColumn(of offset: Int, in line: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        for k in 0..<min(offset, line.count) where line[k] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}
