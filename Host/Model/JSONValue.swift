/// A JSON value with ordered keys and exact decimal numbers (money is written from its fixed-point value,
/// never through a Double), for `--json` output that scripts read.
public enum JSONValue: Equatable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number already formatted as JSON text.
    case number(String)
    case bool(Bool)
    case null

    /// An exact decimal amount of money.
    public static func money(_ m: Money) -> JSONValue { .number(FixedPoint.format(m.raw)) }
    /// An exact decimal price.
    public static func price(_ p: Price) -> JSONValue { .number(FixedPoint.format(p.raw)) }
    /// An integer.
    public static func int<I: BinaryInteger>(_ i: I) -> JSONValue { .number(String(i)) }
    /// The shortest text that reads back as the same double; `null` for NaN and ±infinity, which JSON lacks.
    public static func double(_ d: Double) -> JSONValue { d.isFinite ? .number(String(d)) : .null }

    /// Values are equal when they serialize to the same text.
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Compact JSON text, or indented by two spaces per level when `pretty`.
    public func serialized(pretty: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out, pretty: pretty, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the text to `out` as UTF-8 bytes.
    private func write(into out: inout [UInt8], pretty: Bool, depth: Int) {
        switch self {
        case .object(let members):
            JSONValue.writeList(members.count, "{", "}", pretty: pretty, depth: depth, into: &out) { k, out in
                JSONValue.writeString(members[k].0, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                members[k].1.write(into: &out, pretty: pretty, depth: depth + 1)
            }
        case .array(let items):
            JSONValue.writeList(items.count, "[", "]", pretty: pretty, depth: depth, into: &out) { k, out in
                items[k].write(into: &out, pretty: pretty, depth: depth + 1)
            }
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .number(let n): JSONValue.append(n, to: &out)
        case .bool(let b): JSONValue.append(b ? "true" : "false", to: &out)
        case .null: JSONValue.append("null", to: &out)
        }
    }

    /// `open`, then `count` elements separated by commas (each on its own line, indented one level deeper, when
    /// `pretty`), then `close`; an empty list is `open` and `close` alone.
    private static func writeList(_ count: Int, _ open: Unicode.Scalar, _ close: Unicode.Scalar, pretty: Bool,
                                  depth: Int, into out: inout [UInt8], element: (Int, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: open))
        if count > 0 {
            for k in 0..<count {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(indent: depth + 1, into: &out) }
                element(k, &out)
            }
            if pretty { newline(indent: depth, into: &out) }
        }
        out.append(UInt8(ascii: close))
    }

    private static func newline(indent level: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// Appends the UTF-8 bytes of `text` in one copy.
    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// `s` quoted and escaped (``JSONStringEscaping``).
    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in JSONStringEscaping.escape(bytes) { out.append(contentsOf: $0) } }
        out.append(UInt8(ascii: "\""))
    }
}
