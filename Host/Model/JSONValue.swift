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

    /// Compact JSON text, or indented by two spaces per level when `pretty` (``JSONWriter``).
    public func serialized(pretty: Bool = false) -> String {
        var writer = JSONWriter(into: TextBuilder(capacity: 1024), pretty: pretty)
        writer.value(self)
        return writer.out.text
    }
}
