/// How every JSON writer of the host escapes a string (``JSONValue`` and the journal's packed records):
/// quotes, backslashes and control characters become escape sequences; every other byte of the UTF-8 is kept
/// as it is (JSON text is UTF-8, so no other character needs escaping).
public enum JSONStringEscaping {
    /// Feeds `sink` the escaped form of `utf8` (without the surrounding quotes), in order: the runs of bytes that
    /// need no escaping, as slices of `utf8`, and the escape sequence of each byte that does.
    @inlinable
    public static func escape(_ utf8: UnsafeBufferPointer<UInt8>, into sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        for i in 0..<utf8.count {
            let byte = utf8[i]
            guard needsEscaping(byte) else { continue }
            if i > start { sink(UnsafeBufferPointer(rebasing: utf8[start..<i])) }
            start = i + 1
            sequence(escaping: byte, into: sink)
        }
        if start < utf8.count { sink(UnsafeBufferPointer(rebasing: utf8[start..<utf8.count])) }
    }

    /// Whether `utf8` holds a byte that ``escape(_:into:)`` escapes (a control character, `"` or `\`); eight
    /// bytes at a time.
    public static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        /// Whether a byte of `word` is below 0x20, is `"` or is `\`.
        func special(_ word: UInt64) -> Bool {
            ByteWords.bytes(below: 0x20, in: word) | ByteWords.bytes(equalTo: UInt8(ascii: "\""), in: word)
                | ByteWords.bytes(equalTo: UInt8(ascii: "\\"), in: word) != 0
        }
        var i = 0
        while i &+ 8 <= utf8.count {
            if special(ByteWords.load(base + i)) { return true }
            i &+= 8
        }
        while i < utf8.count {
            if needsEscaping(base[i]) { return true }
            i &+= 1
        }
        return false
    }

    /// Whether ``escape(_:into:)`` escapes `byte`: a control character, `"` or `\`.
    @inlinable
    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// `\"`, `\\`, `\n`, `\r`, `\t`, or `\u00XX` (lowercase hex) for the other control characters.
    @usableFromInline
    static func sequence(escaping byte: UInt8, into sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
        let backslash = UInt8(ascii: "\\")
        var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (backslash, 0, 0, 0, 0, 0)
        var length = 2
        switch byte {
        case UInt8(ascii: "\""), backslash: bytes.1 = byte
        case UInt8(ascii: "\n"): bytes.1 = UInt8(ascii: "n")
        case UInt8(ascii: "\r"): bytes.1 = UInt8(ascii: "r")
        case UInt8(ascii: "\t"): bytes.1 = UInt8(ascii: "t")
        default:
            bytes = (backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex(byte >> 4), hex(byte & 0xF))
            length = 6
        }
        withUnsafeBytes(of: &bytes) { raw in
            sink(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: length))
        }
    }
}
