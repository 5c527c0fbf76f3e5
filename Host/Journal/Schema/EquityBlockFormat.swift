import QuorumModel

/// How the points of an `equity_blocks` row are packed in its `data` column (its `format` column; the
/// `equity` view and ``EquityBlockDecoder`` read both). `data` is a JSON array with one array of integers
/// per point, in the order the points were appended: `[seq, ts, equity, cash, exposure]`, money in 10⁻⁸ units.
enum EquityBlockFormat: Int64, Sendable {
    /// Written by schema version 3: every entry has all five values, each the difference from the block's
    /// first point (`base_seq`, `first_ts`, `first_equity_raw`, …); `ts` in nanoseconds.
    case fromFirst = 0
    /// Written since schema version 4: each value is the difference from the previous point (the first
    /// point's entry is `[0,0]`), `ts` in units of the block's `ts_unit` nanoseconds, and trailing values may
    /// be left out, read as: equity 0, cash 0, exposure the same difference as equity (what a held position
    /// does between fills). Four times fewer bytes than ``fromFirst``.
    case fromPrevious = 1
}

/// One point unpacked from an `equity_blocks` row.
struct PackedEquityPoint: Equatable {
    var seq: Int64
    var ts: Timestamp
    var equity: Int64
    var cash: Int64
    var exposure: Int64
}

/// Unpacks the points of `equity_blocks` rows, for ``JournalReader`` (the `equity` view does the same in SQL
/// for the `sqlite3` shell; a test holds the two to the same answers).
struct EquityBlockDecoder {
    let path: String

    /// The points of one block, whose first point is `first` (`seq` = `base_seq`), appended to `points`.
    /// Throws ``JournalError/invalidData(path:message:)`` naming the block when `data` is not what `format`
    /// describes.
    func decode(block: Int64, format rawFormat: Int64, timeUnit: Int64, first: PackedEquityPoint,
                data: UnsafeBufferPointer<UInt8>, into points: inout [PackedEquityPoint]) throws(JournalError) {
        guard let format = EquityBlockFormat(rawValue: rawFormat) else {
            throw invalid(block, "unknown format \(rawFormat)")
        }
        var reader = IntegerArrays(bytes: data)
        var current = first
        var entry: [Int64] = []
        entry.reserveCapacity(5)
        guard reader.open() else { throw invalid(block, "data is not a JSON array") }
        while try next(&reader, into: &entry, block: block) {
            let moved: PackedEquityPoint?
            switch format {
            case .fromFirst:
                guard entry.count == 5 else { throw invalid(block, "an entry has \(entry.count) values, not 5") }
                moved = Self.offset(first, seq: entry[0], time: entry[1], timeUnit: 1, equity: entry[2],
                                    cash: entry[3], exposure: entry[4])
            case .fromPrevious:
                guard (2...5).contains(entry.count) else {
                    throw invalid(block, "an entry has \(entry.count) values, not 2 to 5")
                }
                let equity = entry.count > 2 ? entry[2] : 0
                moved = Self.offset(current, seq: entry[0], time: entry[1], timeUnit: timeUnit, equity: equity,
                                    cash: entry.count > 3 ? entry[3] : 0,
                                    exposure: entry.count > 4 ? entry[4] : equity)
            }
            guard let moved else { throw invalid(block, "a value overflows 64 bits") }
            current = moved
            points.append(current)
        }
    }

    private func next(_ reader: inout IntegerArrays, into entry: inout [Int64], block: Int64)
        throws(JournalError) -> Bool {
        do { return try reader.nextArray(into: &entry) } catch { throw invalid(block, error.message) }
    }

    /// `origin` moved by the given differences (the time difference in units of `timeUnit`); nil on
    /// overflow.
    private static func offset(_ origin: PackedEquityPoint, seq: Int64, time: Int64, timeUnit: Int64,
                               equity: Int64, cash: Int64, exposure: Int64) -> PackedEquityPoint? {
        let (nanoseconds, o1) = time.multipliedReportingOverflow(by: timeUnit)
        let (seq, o2) = origin.seq.addingReportingOverflow(seq)
        let (ts, o3) = origin.ts.addingReportingOverflow(nanoseconds)
        let (equity, o4) = origin.equity.addingReportingOverflow(equity)
        let (cash, o5) = origin.cash.addingReportingOverflow(cash)
        let (exposure, o6) = origin.exposure.addingReportingOverflow(exposure)
        if o1 || o2 || o3 || o4 || o5 || o6 { return nil }
        return PackedEquityPoint(seq: seq, ts: ts, equity: equity, cash: cash, exposure: exposure)
    }

    private func invalid(_ block: Int64, _ message: String) -> JournalError {
        .invalidData(path: path, message: "equity_blocks row \(block): \(message)")
    }
}

/// Reads a JSON array of arrays of integers (`[[1,2],[3,-4]]`, whitespace allowed), one inner array at a time.
private struct IntegerArrays {
    struct Malformed: Error {
        let message: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var started = false

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Consumes the outer `[`.
    mutating func open() -> Bool { skipSpace() && take(UInt8(ascii: "[")) }

    /// Reads the next inner array into `values`: true when one was read, false at the outer `]` (the end).
    mutating func nextArray(into values: inout [Int64]) throws(Malformed) -> Bool {
        values.removeAll(keepingCapacity: true)
        guard skipSpace() else { throw Malformed(message: "data ends inside the array") }
        if take(UInt8(ascii: "]")) {
            guard !skipSpace() else { throw Malformed(message: "text after the array") }
            return false
        }
        if started {
            guard take(UInt8(ascii: ",")), skipSpace() else { throw malformed("',' between entries") }
        }
        started = true
        guard take(UInt8(ascii: "[")) else { throw malformed("an entry '['") }
        while true {
            guard skipSpace() else { throw Malformed(message: "data ends inside an entry") }
            if values.isEmpty, take(UInt8(ascii: "]")) { return true }
            values.append(try integer())
            guard skipSpace() else { throw Malformed(message: "data ends inside an entry") }
            if take(UInt8(ascii: "]")) { return true }
            guard take(UInt8(ascii: ",")) else { throw malformed("',' or ']' in an entry") }
        }
    }

    private mutating func integer() throws(Malformed) -> Int64 {
        let negative = take(UInt8(ascii: "-"))
        var magnitude: UInt64 = 0
        let start = index
        while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !(o1 || o2) else { throw Malformed(message: "a number overflows 64 bits") }
            magnitude = sum
            index += 1
        }
        guard index > start else { throw malformed("a number") }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw Malformed(message: "a number overflows 64 bits") }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw Malformed(message: "a number overflows 64 bits") }
        return Int64(magnitude)
    }

    /// Skips whitespace; false at the end of the data.
    private mutating func skipSpace() -> Bool {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return true
            }
        }
        return false
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private func malformed(_ expected: String) -> Malformed {
        Malformed(message: "expected \(expected) at byte \(index)")
    }
}
