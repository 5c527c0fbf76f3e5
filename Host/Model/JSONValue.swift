/// A JSON value with ordered keys and exact decimal numbers (money is written from its fixed-point value,
/// never through a Double), for `--json` output that scripts read.
public indirect enum JSONValue: Equatable, Sendable {
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
        var out = ""
        write(into: &out, pretty: pretty, depth: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, depth: Int) {
        let newline = pretty ? "\n" + String(repeating: "  ", count: depth + 1) : ""
        let close = pretty ? "\n" + String(repeating: "  ", count: depth) : ""
        switch self {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (k, (key, value)) in members.enumerated() {
                out += (k == 0 ? "" : ",") + newline
                JSONValue.writeString(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(into: &out, pretty: pretty, depth: depth + 1)
            }
            out += close + "}"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (k, item) in items.enumerated() {
                out += (k == 0 ? "" : ",") + newline
                item.write(into: &out, pretty: pretty, depth: depth + 1)
            }
            out += close + "]"
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
