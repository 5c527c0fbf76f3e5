/// Eight bytes of text at a time in one `UInt64` (SWAR): finds given bytes without a branch per byte. Used by
/// the scanners that run on every row or record (the CSV field splitter, the JSON escaping check).
public enum ByteWords {
    /// 0x01 in every byte.
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    /// The high bit of every byte.
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `pointer` (any alignment), the first in the lowest byte.
    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of the bytes of `word` below `limit` (at most 0x80). Exact for the lowest such byte; a
    /// higher byte's bit may also be set after one (the borrow), so read it as yes or no, or as the first.
    @inlinable @inline(__always)
    public static func bytes(below limit: UInt8, in word: UInt64) -> UInt64 {
        (word &- UInt64(limit) &* ones) & ~word & highs
    }

    /// The high bit of the bytes of `word` equal to `byte`, with the same precision as ``bytes(below:in:)``.
    @inlinable @inline(__always)
    public static func bytes(equalTo byte: UInt8, in word: UInt64) -> UInt64 {
        bytes(below: 1, in: word ^ (UInt64(byte) &* ones))
    }

    /// The index (0–7) of the first byte marked in `marks` (non-zero, from ``bytes(below:in:)`` or
    /// ``bytes(equalTo:in:)`` on a word from ``load(_:)``).
    @inlinable @inline(__always)
    public static func firstMarked(_ marks: UInt64) -> Int {
        marks.trailingZeroBitCount &>> 3
    }
}
