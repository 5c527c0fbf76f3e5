#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file with read(2) in fixed-size chunks into one reusable byte buffer and hands out its lines.
///
/// Memory is the chunk size, or the longest line if that is longer (bounded by `maximumLineLength`); it never
/// grows with the length of the file. A line handed out is valid until the next call.
final class ChunkedLineReader {
    /// A line of the file, without its terminator (`\n` or `\r\n`).
    struct Line {
        var bytes: UnsafeBufferPointer<UInt8>
        /// 1-based line number in the file.
        var number: Int
    }

    /// What went wrong while reading; the caller turns it into a ``BarDataError``.
    enum Failure: Error {
        case cannotOpen(errno: Int32)
        /// The path is a pipe, a device or a socket (`kind`): a data file is read more than once.
        case notAFile(kind: String)
        case cannotRead(errno: Int32)
        case lineTooLong(line: Int)
    }

    private let descriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let maximumLineLength: Int
    /// Start of the bytes not yet handed out.
    private var start = 0
    /// End of the bytes read so far.
    private var end = 0
    /// Where to resume looking for the next `\n` (everything in `start..<scanned` has none).
    private var scanned = 0
    private var reachedEndOfFile = false
    private var lineNumber = 0

    init(path: String, chunkSize: Int, maximumLineLength: Int) throws(Failure) {
        // Non-blocking, so that a pipe with no writer is refused rather than waited on (a regular file ignores it).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw Failure.cannotOpen(errno: errno) }
        var info = stat()
        if fstat(fd, &info) == 0, let kind = Self.kindIfNotAFile(info.st_mode) {
            close(fd)
            throw Failure.notAFile(kind: kind)
        }
        descriptor = fd
        capacity = max(chunkSize, 1)
        self.maximumLineLength = maximumLineLength
        buffer = .allocate(capacity: capacity)
    }

    /// "a pipe", "a device" or "a socket" for those kinds of file, nil for a regular file or a folder (reading a
    /// folder fails with its own error).
    private static func kindIfNotAFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a pipe"
        case S_IFSOCK: return "a socket"
        default: return "a device"
        }
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The next line, or nil at the end of the file. A UTF-8 byte order mark at the start of the file is dropped.
    func nextLine() throws(Failure) -> Line? {
        while true {
            if let newline = findNewline() {
                return takeLine(upTo: newline, consumed: newline + 1)
            }
            if reachedEndOfFile {
                guard start < end else { return nil }
                return takeLine(upTo: end, consumed: end)
            }
            try readMore()
        }
    }

    private func findNewline() -> Int? {
        guard scanned < end else { return nil }
        if let hit = memchr(buffer + scanned, 0x0A, end - scanned) {
            return buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        scanned = end
        return nil
    }

    private func takeLine(upTo lineEnd: Int, consumed: Int) -> Line {
        var first = start
        var last = lineEnd
        if last > first && buffer[last - 1] == 0x0D { last -= 1 }
        if lineNumber == 0 && last - first >= 3 && buffer[first] == 0xEF && buffer[first + 1] == 0xBB
            && buffer[first + 2] == 0xBF {
            first += 3
        }
        lineNumber += 1
        start = consumed
        scanned = consumed
        return Line(bytes: UnsafeBufferPointer(start: buffer + first, count: last - first), number: lineNumber)
    }

    /// Moves the unfinished line to the front of the buffer (growing it if the line fills it) and reads a chunk.
    private func readMore() throws(Failure) {
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(buffer, buffer + start, pending) }
            scanned -= start
            end = pending
            start = 0
        }
        if end == capacity {
            guard capacity < maximumLineLength else { throw Failure.lineTooLong(line: lineNumber + 1) }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: min(capacity * 2, maximumLineLength))
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = min(capacity * 2, maximumLineLength)
        }
        while true {
            let count = read(descriptor, buffer + end, capacity - end)
            if count > 0 { end += count; return }
            if count == 0 { reachedEndOfFile = true; return }
            if errno != EINTR { throw Failure.cannotRead(errno: errno) }
        }
    }
}
