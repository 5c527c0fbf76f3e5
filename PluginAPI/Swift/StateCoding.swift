/// Errors of state save/restore.
public enum StateError: Error, Sendable {
    /// The bytes are not a state this strategy wrote (wrong version, truncated).
    case corrupt
    /// The host's stream failed.
    case stream(Int32)
}

/// Appends plain values to the host's state stream (little-endian, fixed width).
public struct StateWriter {
    let stream: UnsafePointer<quorum_ostream_t>
    init(_ stream: UnsafePointer<quorum_ostream_t>) { self.stream = stream }

    public mutating func write<T: FixedWidthInteger>(_ value: T) throws {
        var v = value.littleEndian
        try withUnsafeBytes(of: &v) { try writeBytes($0) }
    }
    public mutating func write(_ value: Double) throws { try write(value.bitPattern) }
    public mutating func write(_ value: Bool) throws { try write(UInt8(value ? 1 : 0)) }
    public mutating func write(_ values: [Double]) throws {
        try write(UInt64(values.count))
        for v in values { try write(v) }
    }
    /// Writes a length-prefixed block of bytes (UInt32 count, then the bytes); read it with `readBlob`.
    public mutating func writeBlob(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count <= Int(UInt32.max) else { throw StateError.stream(QUORUM_ERR_INVALID_ARGUMENT) }
        try write(UInt32(bytes.count))
        try writeBytes(bytes)
    }
    public mutating func writeBytes(_ bytes: UnsafeRawBufferPointer) throws {
        guard let write = stream.pointee.write else { throw StateError.stream(QUORUM_ERR_UNSUPPORTED) }
        let status = write(stream, bytes.baseAddress, UInt64(bytes.count))
        if status != QUORUM_OK { throw StateError.stream(status) }
    }
}

/// Reads back what ``StateWriter`` wrote. Every read throws ``StateError/corrupt`` at a premature end.
public struct StateReader {
    let stream: UnsafePointer<quorum_istream_t>
    init(_ stream: UnsafePointer<quorum_istream_t>) { self.stream = stream }

    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        var v = T.zero
        try withUnsafeMutableBytes(of: &v) { try readBytes($0) }
        return T(littleEndian: v)
    }
    public mutating func read(_: Double.Type = Double.self) throws -> Double {
        Double(bitPattern: try read(UInt64.self))
    }
    public mutating func read(_: Bool.Type = Bool.self) throws -> Bool { try read(UInt8.self) != 0 }
    public mutating func read(_: [Double].Type = [Double].self, maxCount: Int = 1 << 24) throws -> [Double] {
        let n = try read(UInt64.self)
        guard n <= UInt64(maxCount) else { throw StateError.corrupt }
        return try (0..<Int(n)).map { _ in try read(Double.self) }
    }
    /// Reads a block written by `writeBlob`; throws ``StateError/corrupt`` unless it holds exactly
    /// `expectedCount` bytes.
    public mutating func readBlob(expectedCount: Int) throws -> [UInt8] {
        let n = try read(UInt32.self)
        guard Int(n) == expectedCount else { throw StateError.corrupt }
        var bytes = [UInt8](repeating: 0, count: expectedCount)
        try bytes.withUnsafeMutableBytes { try readBytes($0) }
        return bytes
    }
    public mutating func readBytes(_ buffer: UnsafeMutableRawBufferPointer) throws {
        guard let read = stream.pointee.read else { throw StateError.stream(QUORUM_ERR_UNSUPPORTED) }
        var filled = 0
        while filled < buffer.count {
            let n = read(stream, buffer.baseAddress! + filled, UInt64(buffer.count - filled))
            if n < 0 { throw StateError.stream(Int32(truncatingIfNeeded: n)) }
            if n == 0 { throw StateError.corrupt }
            filled += Int(n)
        }
    }
}
