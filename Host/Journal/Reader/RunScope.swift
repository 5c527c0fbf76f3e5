import QuorumModel

/// One run of a file, as the reader decodes its rows: its number and its symbols.
struct RunScope {
    let path: String
    /// `runs.run_id`.
    let runID: Int64
    let symbols: [String]
    private let symbolIndex: [String: Int]

    init(path: String, runID: Int64, symbols: [String]) {
        self.path = path
        self.runID = runID
        self.symbols = symbols
        symbolIndex = Dictionary(symbols.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The index of a symbol stored by name.
    func symbol(_ name: String) throws(JournalError) -> Int {
        guard let index = symbolIndex[name] else {
            throw .invalidData(path: path, message: "symbol '\(name)' is not one of the run's symbols")
        }
        return index
    }

    /// A direction stored as 1, 0 or -1.
    func direction(_ value: Int64) throws(JournalError) -> Direction {
        guard let direction = Int32(exactly: value).flatMap(Direction.init(rawValue:)) else {
            throw .invalidData(path: path, message: "invalid direction \(value)")
        }
        return direction
    }
}
