import FoundationEssentials

/// The bytes of a whole SQLite file in a compact text form, for ``JournalTemplate``: the file's runs of zero
/// bytes (most of an empty database: every table's page is nearly empty) are kept as their lengths, then the
/// result is base64.
///
/// Packed form, before base64: groups of `zeros`, `count` (each a LEB128 varint), then `count` bytes as they
/// are; the file is the groups one after another.
enum JournalFileImage {
    /// The largest file ``decode(_:)`` builds.
    static let maxSize = 16 << 20

    static func encode(_ bytes: [UInt8]) -> String {
        var packed: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let literal = i + zeroRun(bytes, from: i)
            // The literal part ends where 8 or more zeros start, or where the zeros run to the end of the file
            // (shorter runs cost more as a group of their own than as literal bytes).
            var end = literal
            while end < bytes.count {
                guard bytes[end] == 0 else { end += 1; continue }
                let zeros = zeroRun(bytes, from: end)
                if zeros >= 8 || end + zeros == bytes.count { break }
                end += zeros
            }
            putVarint(literal - i, into: &packed)
            putVarint(end - literal, into: &packed)
            packed.append(contentsOf: bytes[literal..<end])
            i = end
        }
        return Data(packed).base64EncodedString()
    }

    private static func zeroRun(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count && bytes[end] == 0 { end += 1 }
        return end - start
    }

    /// The file `text` encodes, or nil when it is not valid base64 of well-formed groups, or the file would be
    /// larger than ``maxSize`` or not an SQLite file.
    static func decode(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        let packed = [UInt8](data)
        var bytes: [UInt8] = []
        var i = 0
        while i < packed.count {
            guard let zeros = varint(packed, &i), let count = varint(packed, &i),
                  count <= packed.count - i, bytes.count + zeros + count <= maxSize else { return nil }
            bytes.append(contentsOf: repeatElement(0, count: zeros))
            bytes.append(contentsOf: packed[i..<(i + count)])
            i += count
        }
        guard bytes.starts(with: Array("SQLite format 3\0".utf8)) else { return nil }
        return bytes
    }

    private static func putVarint(_ value: Int, into out: inout [UInt8]) {
        var v = UInt(value)
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// The varint at `i` (advancing past it), or nil when it runs off the end or exceeds ``maxSize``.
    private static func varint(_ bytes: [UInt8], _ i: inout Int) -> Int? {
        var value = 0
        var shift = 0
        while i < bytes.count, shift < 28 {
            let byte = bytes[i]
            i += 1
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value <= maxSize ? value : nil }
            shift += 7
        }
        return nil
    }
}
