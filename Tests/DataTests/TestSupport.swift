import Foundation
import QuorumData
import QuorumModel
import XCTest

/// Temporary files for one test, removed at tear-down.
final class TemporaryFiles {
    let directory: String

    init() {
        directory = NSTemporaryDirectory() + "quorum-data-tests-\(getpid())-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes `text` (as UTF-8, unchanged) to `name` and returns its path.
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = directory + "/" + name
        precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
        return path
    }
}

/// The repository's `data/` folder, found from this file's location.
func bundledDataDirectory(file: StaticString = #filePath) -> String {
    URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data").path
}

/// Reads every bar of `path`.
func readAll(_ path: String, options: BarReaderOptions = .init()) throws -> [Bar] {
    var reader = try CSVBarReader(path: path, options: options)
    var bars: [Bar] = []
    while let bar = try reader.next() { bars.append(bar) }
    return bars
}

/// A timestamp from text, failing the test on bad input.
func time(_ text: String) -> Timestamp {
    Timestamps.parse(text)!.0
}

/// A price from decimal text, exactly.
func price(_ text: String) -> Price {
    Price(raw: try! DecimalParser.parseRaw(text).get())
}

/// A bar from text fields, for expectations.
func bar(_ t: String, _ o: String, _ h: String, _ l: String, _ c: String, _ v: Double) -> Bar {
    Bar(time: time(t), open: price(o), high: price(h), low: price(l), close: price(c), volume: v)
}

/// The description of the error thrown by `body`, or a failure when nothing is thrown.
func errorDescription<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> String? {
    do {
        _ = try body()
        XCTFail("expected an error", file: file, line: line)
        return nil
    } catch {
        return "\(error)"
    }
}
