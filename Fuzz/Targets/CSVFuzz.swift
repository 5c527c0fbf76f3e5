import QuorumData
import QuorumModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A bar data file: the input's first byte picks the options, the rest is the file.
///
/// Properties:
/// - reading never traps, whatever the bytes;
/// - the result does not depend on the reader's chunk size (the first byte's chunk, of 1 to 1,000 bytes,
///   against 64 KiB): the same bars, the same error at the same place, the same skipped rows;
/// - every bar delivered is valid: prices positive, low ≤ open, close ≤ high, volume finite and not negative,
///   times strictly increasing;
/// - every error names a place inside the file: a row problem a line of it and a column of that line.
enum CSVFuzz {
    /// The chunk sizes the first byte chooses from (bits 1–3); bit 0 chooses the bad-row policy.
    static let chunkSizes = [1, 2, 3, 5, 8, 13, 64, 1000]

    static func findings(for input: UnsafeBufferPointer<UInt8>, scratch: String) -> [String] {
        guard let selector = input.first else { return [] }
        let content = UnsafeBufferPointer(rebasing: input.dropFirst())
        guard store(content, at: scratch) else { return ["cannot write the scratch file \(scratch)"] }
        var options = BarReaderOptions(badRows: selector & 1 == 1 ? .skip : .error)
        let reference = read(scratch, options)
        options.chunkSize = chunkSizes[Int(selector >> 1) & 7]
        let chunked = read(scratch, options)

        return check(reference, chunked, chunkSize: options.chunkSize, lineLengths: lineLengths(content))
    }

    /// The properties of the reading `reference` (64 KiB chunks) and `chunked` (`chunkSize`) of a file whose
    /// lines have `lineLengths` bytes.
    static func check(_ reference: Outcome, _ chunked: Outcome, chunkSize: Int, lineLengths lines: [Int]) -> [String] {
        var findings = Findings()
        findings.expect(chunked == reference, """
            chunk size \(chunkSize) read \(chunked.summary), 64 KiB read \(reference.summary)
            """)
        var previous: Timestamp?
        for bar in reference.bars {
            findings.expect(bar.open.raw > 0 && bar.high.raw > 0 && bar.low.raw > 0 && bar.close.raw > 0,
                            "a bar with a price that is not positive: \(bar)")
            findings.expect(bar.low <= bar.open && bar.low <= bar.close && bar.open <= bar.high
                                && bar.close <= bar.high, "a bar whose low and high do not hold it: \(bar)")
            findings.expect(bar.volume.isFinite && bar.volume >= 0, "a bar with volume \(bar.volume)")
            if let previous { findings.expect(bar.time > previous, "bar times not increasing: \(bar)") }
            previous = bar.time
        }
        for error in reference.errors {
            if error.problem.isRowProblem || error.problem == .badHeader || error.problem == .lineTooLong {
                findings.expect(error.line >= 1 && error.line <= lines.count,
                                "\(error) names line \(error.line) of a file of \(lines.count) lines")
                let width = error.line >= 1 && error.line <= lines.count ? lines[error.line - 1] : 0
                findings.expect(error.column >= 1 && error.column <= width + 1,
                                "\(error) names column \(error.column) of a line of \(width) bytes")
            }
            findings.expect(!error.message.isEmpty, "an error without a message: \(error)")
        }
        return findings.lines
    }

    /// What one reading of a file gave.
    struct Outcome: Equatable {
        var bars: [Bar] = []
        var error: BarDataError?
        var skipped: SkippedRows?

        /// The error that stopped reading and the skipped rows' kept errors.
        var errors: [BarDataError] { (error.map { [$0] } ?? []) + (skipped?.firstErrors ?? []) }

        var summary: String {
            "\(bars.count) bars, error \(error.map(String.init(describing:)) ?? "none"), \(skipped?.total ?? 0) skipped"
        }
    }

    static func read(_ path: String, _ options: BarReaderOptions) -> Outcome {
        var outcome = Outcome()
        do {
            var reader = try CSVBarReader(path: path, options: options)
            defer { outcome.skipped = reader.skipped }
            while let bar = try reader.next() { outcome.bars.append(bar) }
        } catch let error as BarDataError {
            outcome.error = error
        } catch {
            outcome.error = BarDataError(file: path, line: -1, column: -1, problem: .unreadableFile,
                                         message: "unexpected error \(error)")
        }
        return outcome
    }

    /// The length in bytes of each line, as the reader numbers them (`\n` ends a line; a last line without
    /// one counts).
    static func lineLengths(_ content: UnsafeBufferPointer<UInt8>) -> [Int] {
        var lengths: [Int] = []
        var start = 0
        for (k, byte) in content.enumerated() where byte == UInt8(ascii: "\n") {
            lengths.append(k - start)
            start = k + 1
        }
        if start < content.count { lengths.append(content.count - start) }
        return lengths
    }

    static func store(_ content: UnsafeBufferPointer<UInt8>, at path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        while offset < content.count {
            let written = write(fd, content.baseAddress! + offset, content.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
