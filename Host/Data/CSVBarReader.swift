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
/// so that times are written back as they appear in the data.
///
/// Bars must be in strictly increasing time order; each row is compared with the previous *good* row. Bad rows
/// either stop reading (``BadRowPolicy/error``) or are skipped and counted in ``skipped``. Bars outside
/// ``BarReaderOptions/timeRange`` are not delivered; reading stops at the second good bar after its end. The
/// first bar past the end is checked against the row after it like any other, so that a mis-dated bar (a year
/// typo) gives the error it gives without a range instead of silently ending the range early.
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
    /// The line of the first good bar, which set ``timeFormat``.
    private var timeFormatLine = 0

    private let lines: ChunkedLineReader
    private var rowParser: CSVRowParser
    private var previous: (time: Timestamp, line: Int, format: TimeFormat)?
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
    }

    /// The next good bar inside the time range, or nil at the end of the file (or of the range).
    /// - Throws: ``BarDataError`` for a bad row under ``BadRowPolicy/error``, or when the file cannot be read.
    ///   After an error the reader is finished.
    public mutating func next() throws -> Bar? {
        guard !finished else { return nil }
        while true {
            let line: ChunkedLineReader.Line?
            do {
                line = try lines.nextLine()
            } catch let failure as ChunkedLineReader.Failure {
                finished = true
                throw Self.error(failure, file: path, options: options)
            }
            guard let line else {
                finished = true
                return nil
            }
            if Self.isBlank(line.bytes) { continue }
            var row: CSVRowParser.Row
            do {
                row = try rowParser.parse(line.bytes, lineNumber: line.number)
                if options.stampsDatesAtDayEnd, row.timeFormat == .date { row.bar.time += nanosecondsPerDay - 1 }
                try checkForm(row, line: line)
                try checkOrder(row, line: line)
            } catch {
                if options.badRows == .skip {
                    skipped.record(error)
                    continue
                }
                finished = true
                throw error
            }
            previous = (row.bar.time, line.number, row.timeFormat)
            if timeFormat == nil { (timeFormat, timeFormatLine) = (row.timeFormat, line.number) }
            if pastRange {
                finished = true
                return nil
            }
            if let to = options.timeRange.to, row.bar.time > to {
                pastRange = true
                continue
            }
            if let from = options.timeRange.from, row.bar.time < from { continue }
            return row.bar
        }
    }

    private func checkForm(_ row: CSVRowParser.Row, line: ChunkedLineReader.Line) throws(BarDataError) {
        guard let timeFormat, row.timeFormat != timeFormat else { return }
        let start = row.timestampOffset
        let field = line.bytes[start...].prefix { $0 != UInt8(ascii: ",") }
        let text = String(decoding: field, as: UTF8.self)
        let message = row.timeFormat == .dateTime
            ? "timestamp \(text) has a time of day, but the file's times are dates (as on line \(timeFormatLine))"
            : "timestamp \(text) has no time of day, but the file's times have one (as on line \(timeFormatLine))"
        throw BarDataError(file: path, line: line.number, column: CSVRowParser.characterColumn(of: start, in: line.bytes),
                           problem: .mixedTimeForm, message: message)
    }

    private func checkOrder(_ row: CSVRowParser.Row, line: ChunkedLineReader.Line) throws(BarDataError) {
        guard let previous, row.bar.time <= previous.time else { return }
        let column = CSVRowParser.characterColumn(of: row.timestampOffset, in: line.bytes)
        let current = Timestamps.format(row.bar.time, row.timeFormat)
        if row.bar.time == previous.time {
            throw BarDataError(file: path, line: line.number, column: column, problem: .duplicateTimestamp,
                               message: "duplicate timestamp \(current) (previous bar on line \(previous.line))")
        }
        throw BarDataError(file: path, line: line.number, column: column, problem: .unsortedTimestamp,
                           message: "timestamp \(current) is before \(Timestamps.format(previous.time, previous.format)) of the previous bar on line \(previous.line)")
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
        case .cannotRead(let code):
            return BarDataError(file: file, line: 0, column: 0, problem: .unreadableFile,
                                message: "cannot read: \(String(cString: strerror(code)))")
        case .lineTooLong(let line):
            return BarDataError(file: file, line: line, column: 1, problem: .lineTooLong,
                                message: "line is longer than the limit of \(options.maximumLineLength) bytes")
        }
    }
}
