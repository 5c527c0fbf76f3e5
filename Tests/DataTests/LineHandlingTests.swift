import QuorumData
import QuorumModel
import XCTest

final class LineHandlingTests: XCTestCase {
    let files = TemporaryFiles()
    let expected = [bar("2020-01-02", "10", "11", "9", "10.5", 100), bar("2020-01-03", "10.5", "12", "10", "11", 7)]

    func testCRLFLineEnds() throws {
        let path = files.write("crlf.csv",
                               "timestamp,open,high,low,close,volume\r\n2020-01-02,10,11,9,10.5,100\r\n2020-01-03,10.5,12,10,11,7\r\n")
        XCTAssertEqual(try readAll(path), expected)
    }

    /// Line ends of CR alone make the file one line: the header says so, at the first CR (a review: "header has
    /// no volume column", showing the raw CRs).
    func testCarriageReturnsAloneAreSaidToBeTheLineEnds() {
        let path = files.write("cr.csv", "timestamp,open,high,low,close,volume\r2020-01-02,10,11,9,10.5,100\r")
        XCTAssertEqual(errorDescription { try readAll(path) },
                       "\(path):1:37: lines end with a carriage return alone (CR, old Mac OS line ends): save the file "
                           + "with LF or CRLF line ends")
    }

    /// Quoted fields (RFC 4180), as some exports quote every field: a row's values are read between their quotes,
    /// a comma or a doubled quote inside an unused column is part of it; a field unclosed, or with text after its
    /// quote, is read as written and fails as such (a review: every row of a quoted export was "invalid
    /// timestamp", while its quoted header was read).
    func testQuotedFieldsAreReadBetweenTheirQuotes() throws {
        let path = files.write("q.csv", """
        "Date","Open","High","Low","Close","Name","Volume"
        "2020-01-02","10","11","9","10.5","Alphabet, Inc.","100"
        2020-01-03,"10.5",12,10,11,"say ""hi"", then",7

        """)
        XCTAssertEqual(try readAll(path), expected)
        let bad = files.write("b.csv", "timestamp,open,high,low,close,volume\n2020-01-02,\"10\"x,11,9,10.5,100\n")
        XCTAssertEqual(errorDescription { try readAll(bad) }, "\(bad):2:12: invalid number '\"10\"x' for open")
        let open = files.write("o.csv", "timestamp,open,high,low,close,volume\n2020-01-02,10,11,9,10.5,\"100\n")
        XCTAssertEqual(errorDescription { try readAll(open) }, "\(open):2:25: invalid number '\"100' for volume")
    }

    func testNoTrailingNewline() throws {
        let path = files.write("n.csv", "timestamp,open,high,low,close,volume\n2020-01-02,10,11,9,10.5,100\n2020-01-03,10.5,12,10,11,7")
        XCTAssertEqual(try readAll(path), expected)
        let crlf = files.write("c.csv", "timestamp,open,high,low,close,volume\r\n2020-01-02,10,11,9,10.5,100\r\n2020-01-03,10.5,12,10,11,7")
        XCTAssertEqual(try readAll(crlf), expected)
    }

    func testByteOrderMark() throws {
        let path = files.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(
            "timestamp,open,high,low,close,volume\r\n2020-01-02,10,11,9,10.5,100\r\n2020-01-03,10.5,12,10,11,7\r\n".utf8))
        XCTAssertEqual(try readAll(path), expected)
    }

    func testBlankLinesAreIgnoredButCountInLineNumbers() throws {
        let path = files.write("b.csv", "\ntimestamp,open,high,low,close,volume\n\n2020-01-02,10,11,9,10.5,100\n   \n\r\n2020-01-03,10.5,12,10,11,7\n\n2020-01-04,1,2,3,4,5\n")
        XCTAssertEqual(errorDescription { try readAll(path) }, "\(path):9:14: high 2 is below low 3")
    }

    func testRowsStraddlingChunkBoundaries() throws {
        var text = "\u{FEFF}Date,Open,High,Low,Close,Adj Close,Volume\r\n"
        var expected: [Bar] = []
        var bars = SyntheticBars(seed: 7, count: 60, start: time("2021-03-01T09:00:00"), step: 300 * nanosecondsPerSecond)
        while let b = bars.next() {
            let t = Timestamps.format(b.time, .dateTime)
            text += "\(t),\(b.open),\(b.high),\(b.low),\(b.close),0.5,\(Int(b.volume))\(expected.count % 3 == 0 ? "\r\n" : "\n")"
            if expected.count % 10 == 4 { text += "\n" }
            expected.append(b)
        }
        text.removeLast()   // no final newline
        let path = files.write("chunks.csv", text)
        for chunkSize in [1, 2, 3, 5, 7, 16, 31, 64, 100, 4096] {
            XCTAssertEqual(try readAll(path, options: BarReaderOptions(chunkSize: chunkSize)), expected, "chunk \(chunkSize)")
        }
    }

    func testLineLongerThanTheLimit() {
        let path = files.write("long.csv", "timestamp,open,high,low,close,volume\n2020-01-02,10,11,9,10.5,100" + String(repeating: "0", count: 100) + "\n")
        XCTAssertEqual(errorDescription { try readAll(path, options: BarReaderOptions(chunkSize: 8, maximumLineLength: 64)) },
                       "\(path):2:1: line is longer than the limit of 64 bytes")
    }

    /// The row parser finds commas eight bytes at a time: fields padded with leading zeros put each comma at
    /// every offset within a word and at the end of the line, and the values and error columns stay exact.
    func testFieldsOfEveryLengthAcrossTheEightByteWords() throws {
        for pad in 0..<18 {
            let zeros = { (column: Int) in String(repeating: "0", count: (pad + 5 * column) % 18) }
            let rows = (0..<3).map { day in
                "2020-01-0\(day + 2),\(zeros(1))10.5,\(zeros(2))11,\(zeros(3))9.25,\(zeros(4))10,\(zeros(5))\(day + 7)"
            }
            let path = files.write("pad\(pad).csv", "timestamp,open,high,low,close,volume\n" + rows.joined(separator: "\n"))
            XCTAssertEqual(try readAll(path), (0..<3).map { day in
                bar("2020-01-0\(day + 2)", "10.5", "11", "9.25", "10", Double(day + 7))
            }, "pad \(pad)")
            let bad = "2020-01-02,\(zeros(1))10.5,\(zeros(2))1x,9,10,7"
            let badPath = files.write("bad\(pad).csv", "timestamp,open,high,low,close,volume\n\(bad)\n")
            let column = bad.utf8.count - "\(zeros(2))1x,9,10,7".utf8.count + 1
            XCTAssertEqual(errorDescription { try readAll(badPath) },
                           "\(badPath):2:\(column): invalid number '\(zeros(2))1x' for high", "pad \(pad)")
        }
    }
}
