import QuorumModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bars to a CSV file in Quorum's schema (`timestamp,open,high,low,close,volume`), formatting straight
/// into a reusable byte buffer that is flushed with write(2).
///
/// Prices are written as exact decimals with trailing zeros trimmed; integral volumes as integers, other volumes
/// in Swift's shortest round-trip form. Call ``finish()`` to flush and close; a writer that is not finished
/// closes its file without flushing the last buffer.
public final class BarCSVWriter {
    /// Why writing failed.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public let path: String
    public let timeFormat: TimeFormat
    private var descriptor: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 16
    private var used = 0
    /// Room one row can need (timestamp, five numbers, separators), flushed before it could overflow.
    private let maximumRowLength = 256

    /// Creates (or truncates) `path` and writes the header row.
    public init(path: String, timeFormat: TimeFormat) throws {
        self.path = path
        self.timeFormat = timeFormat
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        buffer = .allocate(capacity: capacity)
        guard descriptor >= 0 else {
            throw Failure(path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        append("timestamp,open,high,low,close,volume\n")
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
    }

    /// Appends one row.
    public func write(_ bar: Bar) throws {
        if capacity - used < maximumRowLength { try flush() }
        appendTimestamp(bar.time)
        append(UInt8(ascii: ","))
        appendDecimal(bar.open.raw)
        append(UInt8(ascii: ","))
        appendDecimal(bar.high.raw)
        append(UInt8(ascii: ","))
        appendDecimal(bar.low.raw)
        append(UInt8(ascii: ","))
        appendDecimal(bar.close.raw)
        append(UInt8(ascii: ","))
        appendVolume(bar.volume)
        append(UInt8(ascii: "\n"))
    }

    /// Writes every bar of `stream` and returns how many were written.
    @discardableResult
    public func write<S: BarStream>(all stream: inout S) throws -> Int {
        var written = 0
        while let bar = try stream.next() {
            try write(bar)
            written += 1
        }
        return written
    }

    /// Flushes the buffer and closes the file.
    public func finish() throws {
        try flush()
        let result = close(descriptor)
        descriptor = -1
        if result != 0 { throw Failure(path: path, reason: "cannot close: \(String(cString: strerror(errno)))") }
    }

    private func flush() throws {
        var offset = 0
        while offset < used {
            let count = Self.systemWrite(descriptor, buffer + offset, used - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += count
        }
        used = 0
    }

    private static func systemWrite(_ fd: Int32, _ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, bytes, count)
        #elseif canImport(Musl)
        return Musl.write(fd, bytes, count)
        #else
        return Darwin.write(fd, bytes, count)
        #endif
    }

    @inline(__always) private func append(_ byte: UInt8) {
        buffer[used] = byte
        used += 1
    }

    private func append(_ text: String) {
        for byte in text.utf8 { append(byte) }
    }

    /// `value` in decimal, with at least `width` digits.
    private func appendDigits(_ value: Int64, width: Int = 1) {
        used += DecimalText.write(value, minimumDigits: width, to: buffer + used)
    }

    private func appendTimestamp(_ time: Timestamp) {
        used += Timestamps.write(time, timeFormat, to: buffer + used)
    }

    /// A fixed-point amount, trailing fractional zeros trimmed (as ``FixedPoint/format(_:)``).
    private func appendDecimal(_ raw: Int64) {
        if raw < 0 { append(UInt8(ascii: "-")) }
        let magnitude = raw.magnitude
        appendDigits(Int64(magnitude / UInt64(fixedPointScale)))
        var fraction = magnitude % UInt64(fixedPointScale)
        guard fraction != 0 else { return }
        var digits = fixedPointDecimals
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        append(UInt8(ascii: "."))
        appendDigits(Int64(fraction), width: digits)
    }

    private func appendVolume(_ volume: Double) {
        if volume == volume.rounded(), volume.magnitude < 1e15 {
            appendDigits(Int64(volume))
        } else {
            append(volume.description)
        }
    }
}
