import QuorumModel

/// A growable UTF-8 buffer written in place: appending a number is a few stores, not an array append. Used
/// by one thread at a time (no dynamic exclusivity checks).
final class TextBytes {
    @exclusivity(unchecked) fileprivate var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// The bytes written so far (valid until the next append or removeAll).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    func removeAll() { count = 0 }

    func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count &+= 1
    }

    /// Appends the bytes of a short literal.
    @inline(__always) func append(bytes literal: StaticString) {
        reserve(literal.utf8CodeUnitCount)
        (storage + count).update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        count &+= literal.utf8CodeUnitCount
    }

    /// Appends `value` in decimal.
    func appendDecimal(_ value: Int64) {
        reserve(DecimalText.maxLength)
        count &+= DecimalText.write(value, to: storage + count)
    }

    @inline(__always) fileprivate func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(extra) }
    }

    private func grow(_ extra: Int) {
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + extra))
        grown.update(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = max(capacity * 2, count + extra)
    }
}

extension TextBytes {
    /// Appends `string` as a JSON string: quoted and escaped (``JSONStringEscaping``).
    func appendJSONString(_ string: String) {
        append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in JSONStringEscaping.escape(utf8) { append($0) } }
        append(UInt8(ascii: "\""))
    }

    /// Appends `value` as a JSON number, in the shortest form that reads back as the same double; a value
    /// that is not finite (JSON has no such number) as `null`.
    func appendJSON(_ value: Double) {
        guard value.isFinite else { return append(bytes: "null") }
        var text = value.description
        text.withUTF8 { append($0) }
    }

    /// Appends `bytes` as they are.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (storage + count).update(from: base, count: bytes.count)
        count &+= bytes.count
    }
}
