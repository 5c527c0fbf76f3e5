/// A growable UTF-8 buffer written in place: appending a literal or a number is a few stores, with no
/// intermediate `String` and no uniqueness check per append. It builds the texts written for every order
/// (risk explanations) and the journal's packed blocks; ``text`` makes a `String` of it at the end.
///
/// A reference type, used by one thread at a time (no dynamic exclusivity checks).
public final class TextBuilder {
    @usableFromInline @exclusivity(unchecked) var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline @exclusivity(unchecked) var capacity: Int
    @usableFromInline @exclusivity(unchecked) var written = 0

    public init(capacity: Int = 128) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Bytes written so far.
    @inlinable public var count: Int { written }

    /// The bytes written so far (valid until the next append or ``removeAll()``).
    @inlinable public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: written) }

    /// The text built so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Empties the buffer, keeping its storage.
    @inlinable public func removeAll() { written = 0 }

    @inlinable public func append(_ byte: UInt8) {
        reserve(1)
        storage[written] = byte
        written &+= 1
    }

    /// Appends the bytes of a literal.
    @inlinable public func append(_ literal: StaticString) {
        reserve(literal.utf8CodeUnitCount)
        (storage + written).update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        written &+= literal.utf8CodeUnitCount
    }

    /// Appends `bytes` as they are.
    @inlinable public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (storage + written).update(from: base, count: bytes.count)
        written &+= bytes.count
    }

    /// Appends `string`'s UTF-8 bytes as they are. (Not an `append(_:)` overload: a string literal would pick
    /// it over the `StaticString` one, `String` being the literals' default type.)
    public func append(contentsOf string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// `value` in decimal.
    @inlinable public func append(_ value: Int64) {
        write(maxLength: DecimalText.maxLength) { $0.putDecimal(value) }
    }

    @inlinable public func append(_ value: Int) { append(Int64(value)) }

    /// A raw 10⁻⁸ amount as ``FixedPoint/format(_:)`` writes it.
    public func append(fixed raw: Int64) {
        write(maxLength: FixedPoint.maxTextLength) { $0.next += FixedPoint.write(raw, to: $0.next) }
    }

    public func append(_ price: Price) { append(fixed: price.raw) }
    public func append(_ money: Money) { append(fixed: money.raw) }
    public func append(_ ratio: Ratio) { append(fixed: ratio.raw) }

    /// Makes room for `maxLength` bytes and lets `body` write at most that many through a cursor, with no
    /// bounds check per byte: for entries of several values.
    @inlinable public func write(maxLength: Int, _ body: (inout ByteCursor) -> Void) {
        reserve(maxLength)
        var cursor = ByteCursor(next: storage + written)
        body(&cursor)
        written = cursor.next - storage
    }

    @inlinable func reserve(_ extra: Int) {
        if written &+ extra > capacity { grow(extra) }
    }

    @usableFromInline func grow(_ extra: Int) {
        RawStorage.grow(&storage, count: written, capacity: &capacity, toFit: extra)
    }
}

/// Writes bytes into room made by ``TextBuilder/write(maxLength:_:)``.
public struct ByteCursor {
    /// Where the next byte goes.
    public var next: UnsafeMutablePointer<UInt8>

    @inlinable init(next: UnsafeMutablePointer<UInt8>) { self.next = next }

    @inlinable public mutating func put(_ byte: UInt8) {
        next.pointee = byte
        next += 1
    }

    /// `bytes` as they are.
    @inlinable public mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        next.update(from: base, count: bytes.count)
        next += bytes.count
    }

    /// `value` in decimal. Most values a journal writes are a digit or two (a step of seq or time), so those
    /// are written here and only longer ones go through ``DecimalText``.
    @inlinable public mutating func putDecimal(_ value: Int64) {
        if UInt64(bitPattern: value) < 10 {
            put(UInt8(truncatingIfNeeded: value) &+ UInt8(ascii: "0"))
        } else if UInt64(bitPattern: value) < 100 {
            let value = UInt8(truncatingIfNeeded: value)
            put(value / 10 &+ UInt8(ascii: "0"))
            put(value % 10 &+ UInt8(ascii: "0"))
        } else {
            next += DecimalText.write(value, to: next)
        }
    }
}

extension TextBuilder {
    /// Appends `string` as a JSON string: quoted and escaped (``JSONStringEscaping``).
    public func appendJSONString(_ string: String) {
        var string = string
        string.withUTF8 { appendJSONString(utf8: $0) }
    }

    /// Appends the UTF-8 text `utf8` as a JSON string: quoted and escaped (``JSONStringEscaping``). Text
    /// with nothing to escape (names, states, ids: nearly all of it) is copied whole.
    @inlinable public func appendJSONString(utf8: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        if JSONStringEscaping.needsEscaping(utf8) {
            JSONStringEscaping.escape(utf8) { append($0) }
        } else {
            append(utf8)
        }
        append(UInt8(ascii: "\""))
    }

    /// Appends `value` as a JSON number, in the shortest form that reads back as the same double; a value
    /// that is not finite (JSON has no such number) as `null`.
    public func appendJSON(_ value: Double) {
        guard value.isFinite else { return append("null") }
        var text = value.description
        text.withUTF8 { append($0) }
    }
}
