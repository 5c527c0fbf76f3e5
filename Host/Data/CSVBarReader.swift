import QuorumModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the bars of one CSV file, validating every row.
///
/// The schema is detected from the header row (see ``CSVSchema``). The file is read in fixed-size chunks into
/// one reusable buffer and fields are parsed straight from its bytes, so memory does not grow with the file.
/// Accepts `\n` and `\r\n` line ends, a missing final newline, a UTF-8 byte order mark and blank lines.
///
/// Every time must be written in the form of the file's first good bar's (a date, or a date and time of day),
/// and results write times in that bar's format (``timeFormat``: its separator, its digits of a second), so that
/// they appear as in the data.
///
/// Bars must be in strictly increasing time order; each row is compared with the previous *good* row. Bad rows
/// either stop reading (``BadRowPolicy/error``) or are skipped and counted in ``skipped``; skipping, a row is
/// also compared with the row after it, so that one mis-dated row is skipped rather than every row after it.
/// Bars outside ``BarReaderOptions/timeRange`` are not delivered; reading stops at the second good bar after its
/// end. The first bar past the end is checked against the row after it like any other, so that a mis-dated bar
/// (a year typo) gives the error it gives without a range instead of silently ending the range early.
///
/// A reader is a cursor over an open file: copies share the file position, so use one copy only.
public struct CSVBarReader: BarStream {
    /// The file, as given.
    public let path: String
    public let schema: CSVSchema
    public let options: BarReaderOptions
    /// The rows skipped so far under ``BadRowPolicy/skip``.
    public private(set) var skipped: SkippedRows
    /// How the file writes its times, known once the first good bar has been read.
    public private(set) var timeFormat: TimeFormat?
    /// The form every time must have (a date, or a date and time of day), and the line that set it: the first
    /// good bar's, or while none is known, the row held as one or the form most sampled rows have (skipping).
    /// ``timeFormat`` is the first good bar's alone: a row skipped later does not say how times are written.
    private var timeForm: (form: TimeFormat.Form, line: Int)?

    private let lines: ChunkedLineReader
    private var rowParser: CSVRowParser
    /// The last good row: the next must come after it.
    private var previous: (time: Timestamp, line: Int, format: TimeFormat)?
    /// Under ``BadRowPolicy/skip``, the row read last, good so far, until the row after it is read.
    private var held: HeldRow?
    /// Under ``BadRowPolicy/skip``, a row that came before the first good row (`held`, with no row accepted yet):
    /// a later row tells which of the two is out of order.
    private var contender: HeldRow?

    /// A row waiting to be told good or out of order, with what its error would name.
    private struct HeldRow {
        var bar: Bar
        var line: Int
        var column: Int
        var format: TimeFormat
    }
    private var finished = false
    /// True once a good bar past the end of the time range has been read: the next good row ends the reading.
    private var pastRange = false

    /// Opens `path` and reads its header row.
    /// - Throws: ``BarDataError`` when the file cannot be read or its header lacks a required column.
    public init(path: String, options: BarReaderOptions = .init()) throws {
        self.path = path
        self.options = options
        skipped = SkippedRows(keptErrorLimit: options.keptSkipErrors)
        do {
            lines = try ChunkedLineReader(path: path, chunkSize: options.chunkSize,
                                          maximumLineLength: options.maximumLineLength)
            var header: ChunkedLineReader.Line?
            repeat { header = try lines.nextLine() } while header.map { Self.isBlank($0.bytes) } ?? false
            guard let header else {
                throw BarDataError(file: path, line: 0, column: 0, problem: .missingHeader,
                                   message: "file is empty (no header row)")
            }
            if let carriageReturn = header.bytes.firstIndex(of: 0x0D) {
                // A line end of CR alone (classic Mac OS): the whole file reads as one line.
                throw BarDataError(file: path, line: header.number,
                                   column: CSVRowParser.characterColumn(of: carriageReturn, in: header.bytes),
                                   problem: .badHeader, message: "lines end with a carriage return alone (CR, old "
                                       + "Mac OS line ends): save the file with LF or CRLF line ends")
            }
            let names = header.bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            do {
                schema = try CSVSchema(headerNames: names)
            } catch let rejection as CSVSchema.Rejection {
                let offset = names.prefix(rejection.columnIndex).reduce(0) { $0 + $1.utf8.count + 1 }
                throw BarDataError(file: path, line: header.number,
                                   column: CSVRowParser.characterColumn(of: offset, in: header.bytes),
                                   problem: .badHeader, message: rejection.message)
            }
        } catch let failure as ChunkedLineReader.Failure {
            throw Self.error(failure, file: path, options: options)
        }
        rowParser = CSVRowParser(file: path, columns: schema.columns)
        if options.badRows == .skip { timeForm = prevailingTimeForm() }
    }

    /// Rows read to learn a skipping reader's time form.
    static let timeFormSample = 9

    /// Skipping, the time form most of the first ``timeFormSample`` rows that parse have, with the line of the
    /// first of them; nil on a tie or without rows (the first good row decides then). One stray first row (a
    /// time of day in a file of dates) decided the form, and every later row was skipped as of another form.
    private func prevailingTimeForm() -> (form: TimeFormat.Form, line: Int)? {
        guard let sample = try? ChunkedLineReader(path: path, chunkSize: options.chunkSize,
                                                   maximumLineLength: options.maximumLineLength) else { return nil }
        var parser = rowParser
        var seen: [(form: TimeFormat.Form, line: Int)] = []
        var headerRead = false
        while seen.count < Self.timeFormSample, let line = try? sample.nextLine() {
            if Self.isBlank(line.bytes) { continue }
            guard headerRead else { headerRead = true; continue }
            if let row = try? parser.parse(line.bytes, lineNumber: line.number) {
                seen.append((row.timeFormat.form, line.number))
            }
        }
        let dates = seen.filter { $0.form == .date }.count, dateTimes = seen.count - dates
        guard dates != dateTimes else { return nil }
        let form: TimeFormat.Form = dates > dateTimes ? .date : .dateTime
        return seen.first { $0.form == form }
    }

    /// The next good bar inside the time range, or nil at the end of the file (or of the range).
    /// - Throws: ``BarDataError`` for a bad row under ``BadRowPolicy/error``, or when the file cannot be read.
    ///   After an error the reader is finished.
    public mutating func next() throws -> Bar? {
        guard !finished else { return nil }
        while true {
            // Past the range, the next good row ends the reading; skipping, it is the row already held (reading
            // the row after it would count bad rows after the range).
            if pastRange, held != nil {
                finished = true
                return nil
            }
            let good: (bar: Bar, line: Int)?
            do {
                good = options.badRows == .skip ? try nextSkippingBadRows() : try nextRow()
            } catch {
                finished = true
                throw error
            }
            guard let (bar, _) = good else {
                finished = true
                return nil
            }
            if pastRange {
                finished = true
                return nil
            }
            if let to = options.timeRange.to, bar.time > to {
                pastRange = true
                continue
            }
            if let from = options.timeRange.from, bar.time < from { continue }
            return bar
        }
    }

    /// The next non-blank line's row, stamped and checked for its time's form (not its order); nil at the end of
    /// the file.
    /// - Throws: ``BarDataError``: a problem of the row (``BarDataError/Problem/isRowProblem``), or the file's.
    @inline(never)   // inlined, each caller copied the reader (~300 bytes) per row
    private mutating func nextParsedRow() throws(BarDataError)
        -> (row: CSVRowParser.Row, line: ChunkedLineReader.Line)? {
        while true {
            let line: ChunkedLineReader.Line?
            do {
                line = try lines.nextLine()
            } catch {
                throw Self.error(error, file: path, options: options)
            }
            guard let line else { return nil }
            if Self.isBlank(line.bytes) { continue }
            var row = try rowParser.parse(line.bytes, lineNumber: line.number)
            if options.stampsDatesAtDayEnd, row.timeFormat.form == .date { row.bar.time += nanosecondsPerDay - 1 }
            try checkForm(row, line: line)
            return (row, line)
        }
    }

    /// Under ``BadRowPolicy/error``: the next row, which must come after the previous one.
    private mutating func nextRow() throws -> (bar: Bar, line: Int)? {
        guard let (row, line) = try nextParsedRow() else { return nil }
        try checkOrder(row, line: line, after: previous)
        accept(row.bar.time, line: line.number, format: row.timeFormat)
        return (row.bar, line.number)
    }

    /// Under ``BadRowPolicy/skip``: the next good row in time order. A row is held until the row after it is
    /// read, so that one mis-dated row (a year typo) is told from the rows after it: a held row that the next
    /// row comes before, while the next row still comes after the last accepted one, is the one out of order
    /// and is skipped. (Compared with the previous row alone, the mis-dated row was kept and every later row
    /// was skipped as unsorted.) The first good row has no row before it: when the next row comes before it, a
    /// later row decides (between them: the first row is out of order; from the first row's time on: the second
    /// is; rows not after the second are skipped meanwhile). The last row has no row after it: it stands. Two
    /// mis-dated rows in a row are beyond one row of look-ahead.
    private mutating func nextSkippingBadRows() throws -> (bar: Bar, line: Int)? {
        while true {
            let parsed: (row: CSVRowParser.Row, line: ChunkedLineReader.Line)?
            do {
                parsed = try nextParsedRow()
            } catch {
                guard error.problem.isRowProblem else { throw error }
                skipped.record(error)
                continue
            }
            guard let (row, line) = parsed else {
                if let contender, let held { skipped.record(orderError(contender, after: held)!) }
                contender = nil
                defer { held = nil }
                if let held { accept(held) }   // the last row stands
                return held.map { ($0.bar, $0.line) }
            }
            let current = HeldRow(bar: row.bar, line: line.number,
                                  column: CSVRowParser.characterColumn(of: row.timestampOffset, in: line.bytes),
                                  format: row.timeFormat)
            let time = row.bar.time
            guard let candidate = held else {
                if let error = orderError(current, after: previous) { skipped.record(error) } else { hold(current) }
                continue
            }
            if let first = contender {
                // `candidate` is the first good row and `first` came before it: a row between them decides for
                // `first` (the first row is out of order), a row from the first row's time on for the first row.
                // A row not after `first` is out of order itself and decides nothing.
                if time <= first.bar.time {
                    skipped.record(orderError(current, after: first)!)
                    continue
                }
                contender = nil
                if time < candidate.bar.time {
                    skipped.record(outOfOrder(candidate, before: first, and: current))
                    accept(first)
                    hold(current)
                    return (first.bar, first.line)
                }
                skipped.record(orderError(first, after: candidate)!)
            }
            if time > candidate.bar.time {
                accept(candidate)
                hold(current)
                return (candidate.bar, candidate.line)
            }
            if time < candidate.bar.time {
                if let previous, time > previous.time {
                    skipped.record(outOfOrder(candidate, before: current, and: nil))
                    hold(current)
                    continue
                }
                if previous == nil {   // before the first good row: the next row decides
                    contender = current
                    continue
                }
            }
            skipped.record(orderError(current, after: candidate)!)
        }
    }

    /// `row` is good so far: it waits for the row after it (``nextSkippingBadRows()``).
    private mutating func hold(_ row: HeldRow) {
        if timeForm == nil { timeForm = (row.format.form, row.line) }
        held = row
    }

    /// The error of a held row that the rows after it (`next`, then `then` when given) come before, while they
    /// follow the rows before it.
    private func outOfOrder(_ row: HeldRow, before next: HeldRow, and then: HeldRow?) -> BarDataError {
        let text = Timestamps.format(row.bar.time, row.format)
        let after = then.map { then in
            "\(Timestamps.format(next.bar.time, next.format)) and \(Timestamps.format(then.bar.time, then.format)) "
                + "of the next bars on lines \(next.line) and \(then.line), which follow each other"
        } ?? "\(Timestamps.format(next.bar.time, next.format)) of the next bar on line \(next.line), which follows "
            + "the bars before it"
        return BarDataError(file: path, line: row.line, column: row.column, problem: .unsortedTimestamp,
                            message: "timestamp \(text) is after \(after)")
    }

    /// The row at `line` is good: later rows must come after it.
    private mutating func accept(_ time: Timestamp, line: Int, format: TimeFormat) {
        previous = (time, line, format)
        if timeFormat == nil {
            timeFormat = format
            timeForm = (format.form, line)
        }
    }

    private mutating func accept(_ row: HeldRow) { accept(row.bar.time, line: row.line, format: row.format) }

    private func checkForm(_ row: CSVRowParser.Row, line: ChunkedLineReader.Line) throws(BarDataError) {
        guard let timeForm, row.timeFormat.form != timeForm.form else { return }
        let start = row.timestampOffset
        let field = line.bytes[start...].prefix { $0 != UInt8(ascii: ",") }
        let text = String(decoding: field, as: UTF8.self)
        let message = row.timeFormat.form == .dateTime
            ? "timestamp \(text) has a time of day, but the file's times are dates (as on line \(timeForm.line))"
            : "timestamp \(text) has no time of day, but the file's times have one (as on line \(timeForm.line))"
        throw BarDataError(file: path, line: line.number, column: CSVRowParser.characterColumn(of: start, in: line.bytes),
                           problem: .mixedTimeForm, message: message)
    }

    private func checkOrder(_ row: CSVRowParser.Row, line: ChunkedLineReader.Line,
                            after previous: (time: Timestamp, line: Int, format: TimeFormat)?) throws(BarDataError) {
        guard let previous, row.bar.time <= previous.time else { return }
        let column = CSVRowParser.characterColumn(of: row.timestampOffset, in: line.bytes)
        throw orderError(HeldRow(bar: row.bar, line: line.number, column: column, format: row.timeFormat),
                         after: previous)!
    }

    /// The error of `row` when it does not come after `previous`, else nil.
    private func orderError(_ row: HeldRow, after previous: (time: Timestamp, line: Int, format: TimeFormat)?)
        -> BarDataError? {
        guard let previous, row.bar.time <= previous.time else { return nil }
        let current = Timestamps.format(row.bar.time, row.format)
        if row.bar.time == previous.time {
            return BarDataError(file: path, line: row.line, column: row.column, problem: .duplicateTimestamp,
                                message: "duplicate timestamp \(current) (previous bar on line \(previous.line))")
        }
        return BarDataError(file: path, line: row.line, column: row.column, problem: .unsortedTimestamp,
                            message: "timestamp \(current) is before \(Timestamps.format(previous.time, previous.format)) of the previous bar on line \(previous.line)")
    }

    private func orderError(_ row: HeldRow, after previous: HeldRow) -> BarDataError? {
        orderError(row, after: (previous.bar.time, previous.line, previous.format))
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in bytes where c != UInt8(ascii: " ") && c != UInt8(ascii: "\t") { return false }
        return true
    }

    private static func error(_ failure: ChunkedLineReader.Failure, file: String, options: BarReaderOptions) -> BarDataError {
        switch failure {
        case .cannotOpen(let code):
            return BarDataError(file: file, line: 0, column: 0, problem: .unreadableFile,
                                message: "cannot open: \(String(cString: strerror(code)))")
        case .notAFile(let kind):
            return BarDataError(file: file, line: 0, column: 0, problem: .unreadableFile,
                                message: "is \(kind), not a file: a data file is read more than once (its first bars "
                                    + "tell its time format), so write the bars to a file and give its path")
        case .cannotRead(let code):
            return BarDataError(file: file, line: 0, column: 0, problem: .unreadableFile,
                                message: "cannot read: \(String(cString: strerror(code)))")
        case .lineTooLong(let line):
            return BarDataError(file: file, line: line, column: 1, problem: .lineTooLong,
                                message: "line is longer than the limit of \(options.maximumLineLength) bytes")
        }
    }
}
