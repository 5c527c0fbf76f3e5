/// Writes JSON text straight into a ``TextBuilder``, one token at a time: compact, or indented by two spaces per
/// level when `pretty`. Every JSON text the host prints goes through here (``JSONValue/serialized(pretty:)``
/// too), so there is one layout; large outputs — a backtest's trades — are streamed with no tree in between.
///
/// Call ``key(_:)`` (or ``key(named:)``) before each member of an object, then one value or container; the
/// writer places the commas, line breaks and indentation. Containers nest at most 64 deep.
public struct JSONWriter {
    /// Where the text goes.
    public let out: TextBuilder
    public let pretty: Bool
    /// Open containers.
    private var depth = 0
    /// Bit d set: the container opened at depth d + 1 holds an element already.
    private var filled: UInt64 = 0
    /// A key was just written: the next value follows it on the same line.
    private var afterKey = false
    /// Bit d set: the container opened at depth d + 1 is an object (checked by assertions only).
    private var objects: UInt64 = 0

    public init(into out: TextBuilder, pretty: Bool = false) {
        self.out = out
        self.pretty = pretty
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// The name of the next member of the current object (a literal: written as it is, so it must need no
    /// escaping).
    public mutating func key(_ literal: StaticString) {
        assertKeyAllowed()
        element()
        out.append(UInt8(ascii: "\""))
        out.append(literal)
        out.append(UInt8(ascii: "\""))
        colon()
    }

    /// The name of the next member of the current object, escaped.
    public mutating func key(named name: String) {
        assertKeyAllowed()
        element()
        out.appendJSONString(name)
        colon()
    }

    public mutating func string(_ value: String) {
        element()
        out.appendJSONString(value)
    }

    /// A number already formatted as JSON text.
    public mutating func number(text: String) {
        element()
        out.append(contentsOf: text)
    }

    public mutating func int(_ value: Int64) {
        element()
        out.append(value)
    }

    /// An exact decimal amount (money is written from its fixed-point value, never through a Double).
    public mutating func money(_ value: Money) {
        element()
        out.append(value)
    }

    /// An exact decimal price.
    public mutating func price(_ value: Price) {
        element()
        out.append(value)
    }

    public mutating func bool(_ value: Bool) {
        element()
        out.append(value ? "true" : "false")
    }

    public mutating func null() {
        element()
        out.append("null")
    }

    /// A member of the current object: `key` and its value.
    @inlinable public mutating func member(_ key: StaticString, _ value: some JSONScalar) {
        self.key(key)
        value.write(to: &self)
    }

    /// A member of the current object whose value is an array of objects, one per element of `elements`, each
    /// with the members `writeMembers` writes.
    public mutating func objects<Elements: Sequence>(_ key: StaticString, _ elements: Elements,
                                                     _ writeMembers: (inout JSONWriter, Elements.Element) -> Void) {
        self.key(key)
        beginArray()
        for element in elements {
            beginObject()
            writeMembers(&self, element)
            endObject()
        }
        endArray()
    }

    /// A whole ``JSONValue`` tree, at this place.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .object(let members):
            beginObject()
            for (name, member) in members {
                key(named: name)
                self.value(member)
            }
            endObject()
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .string(let s): string(s)
        case .number(let n): number(text: n)
        case .bool(let b): bool(b)
        case .null: null()
        }
    }

    private mutating func open(_ bracket: UInt8) {
        element()
        out.append(bracket)
        precondition(depth < 64, "JSON nested more than 64 deep")
        depth += 1
        filled &= ~innermost
        if bracket == UInt8(ascii: "{") { objects |= innermost } else { objects &= ~innermost }
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(depth > 0, "no open JSON container to close")
        assert(!afterKey, "a JSON object closed after a key, before its value")
        assert((objects & innermost != 0) == (bracket == UInt8(ascii: "}")),
               "a JSON container closed with the other kind of bracket")
        let hadElements = filled & innermost != 0
        depth -= 1
        if pretty && hadElements { newline() }
        out.append(bracket)
    }

    /// Before a key, or a value that is not a member's: the comma after the previous element and, when
    /// pretty, a new line indented to the current depth.
    private mutating func element() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if filled & innermost != 0 { out.append(UInt8(ascii: ",")) } else { filled |= innermost }
        if pretty { newline() }
    }

    /// The bit of the innermost open container in `filled` and `objects` (while one is open).
    private var innermost: UInt64 { 1 << UInt64(depth - 1) }

    /// A key belongs in an object, and only where a member may begin.
    private func assertKeyAllowed() {
        assert(!afterKey, "a JSON key after a key, before its value")
        assert(depth > 0 && objects & innermost != 0, "a JSON key outside an object")
    }

    private mutating func colon() {
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    private func newline() {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<(2 * depth) { out.append(UInt8(ascii: " ")) }
    }
}

/// A value that ``JSONWriter`` writes as one JSON scalar (``JSONWriter/member(_:_:)``).
public protocol JSONScalar {
    func write(to writer: inout JSONWriter)
}

extension String: JSONScalar {
    public func write(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int64: JSONScalar {
    public func write(to writer: inout JSONWriter) { writer.int(self) }
}

extension Bool: JSONScalar {
    public func write(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Money: JSONScalar {
    public func write(to writer: inout JSONWriter) { writer.money(self) }
}

extension Price: JSONScalar {
    public func write(to writer: inout JSONWriter) { writer.price(self) }
}
