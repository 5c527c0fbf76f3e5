/// The meaning of one CSV column.
public enum BarColumn: Sendable, Equatable {
    case timestamp, open, high, low, close, volume
    /// A column the reader does not use (e.g. Yahoo's `Adj Close`).
    case ignored

    /// The column a header name denotes, compared case-insensitively after trimming spaces and quotes.
    /// `timestamp`, `date`, `datetime` and `time` all denote the timestamp.
    public init(headerName: some StringProtocol) {
        var name = String(headerName).lowercased()
        while name.first == " " || name.first == "\"" { name.removeFirst() }
        while name.last == " " || name.last == "\"" { name.removeLast() }
        switch name {
        case "timestamp", "date", "datetime", "time": self = .timestamp
        case "open": self = .open
        case "high": self = .high
        case "low": self = .low
        case "close": self = .close
        case "volume": self = .volume
        default: self = .ignored
        }
    }

    var name: String {
        switch self {
        case .timestamp: return "timestamp"
        case .open: return "open"
        case .high: return "high"
        case .low: return "low"
        case .close: return "close"
        case .volume: return "volume"
        case .ignored: return "ignored"
        }
    }

    static let required: [BarColumn] = [.timestamp, .open, .high, .low, .close, .volume]
}

/// The layout of a bar CSV file, detected from its header row: which column holds what.
///
/// Accepts Quorum's own schema (`timestamp,open,high,low,close,volume`), Yahoo's export
/// (`Date,Open,High,Low,Close,Adj Close,Volume`) and any other order or extra columns, as long as each required
/// column appears exactly once.
public struct CSVSchema: Sendable, Equatable {
    /// The meaning of each column, in file order.
    public let columns: [BarColumn]
    /// The header names as written.
    public let headerNames: [String]

    /// Why a header row was rejected.
    public struct Rejection: Error, Sendable, Equatable {
        public var message: String
        /// 0-based index of the column the problem is at (0 when the header lacks a column).
        public var columnIndex: Int
    }

    /// Detects the schema from a header row's fields.
    public init(headerNames: [String]) throws {
        let columns = headerNames.map { BarColumn(headerName: $0) }
        for column in BarColumn.required {
            let indices = columns.indices.filter { columns[$0] == column }
            if indices.isEmpty {
                throw Rejection(message: "header has no \(column.name) column (found: \(headerNames.joined(separator: ",")))",
                                columnIndex: 0)
            }
            if indices.count > 1 {
                throw Rejection(message: "header names the \(column.name) column twice ('\(headerNames[indices[0]])' and '\(headerNames[indices[1]])')",
                                columnIndex: indices[1])
            }
        }
        self.columns = columns
        self.headerNames = headerNames
    }

    /// 0-based index of a required column.
    public func index(of column: BarColumn) -> Int {
        columns.firstIndex(of: column)!
    }
}
