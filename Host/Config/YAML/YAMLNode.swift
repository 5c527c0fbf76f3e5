/// A position in a source file: 1-based line and column.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column number (in characters).
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written. Only `plain` scalars are resolved to numbers, booleans or null:
/// `"10"` is the string 10, `10` is the number 10.
public enum YAMLScalarStyle: Sendable, Equatable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// A scalar exactly as written, with its style and explicit tag (if any).
public struct YAMLScalar: Sendable, Equatable {
    /// The scalar's text after YAML unescaping and folding.
    public var text: String
    /// How the scalar was written.
    public var style: YAMLScalarStyle
    /// The explicit tag (e.g. `tag:yaml.org,2002:str` for `!!str`), if one was written.
    public var tag: String?

    public init(text: String, style: YAMLScalarStyle = .plain, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// True when the scalar is a string whatever its text: quoted, block, or tagged `!!str` / `!`.
    public var isExplicitString: Bool {
        style != .plain || tag == "tag:yaml.org,2002:str" || tag == "!"
    }

    /// True for a plain `null`, `Null`, `NULL`, `~` or empty scalar.
    public var isNull: Bool {
        guard !isExplicitString else { return false }
        if tag == "tag:yaml.org,2002:null" { return true }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The boolean a plain `true`/`false` (any of the YAML 1.2 core spellings) stands for.
    public var boolValue: Bool? {
        guard !isExplicitString else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// True when a plain scalar looks like a number (decimal, with optional sign, fraction, exponent,
    /// or `.inf` / `.nan` spellings).
    public var isNumeric: Bool {
        guard !isExplicitString else { return false }
        return Self.looksNumeric(text)
    }

    /// The number a plain numeric scalar stands for, including `±.inf` and `.nan`.
    public var doubleValue: Double? {
        guard isNumeric else { return nil }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: return Double(text)
        }
    }

    /// The integer a plain scalar of digits (with optional sign) stands for.
    public var intValue: Int? {
        guard isNumeric else { return nil }
        return Int(text)
    }

    static func looksNumeric(_ text: String) -> Bool {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return true
        default: break
        }
        var bytes = Array(text.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var digits = 0, sawPoint = false, sawExponent = false, exponentDigits = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                if sawExponent { exponentDigits += 1 } else { digits += 1 }
            } else if c == UInt8(ascii: ".") && !sawPoint && !sawExponent {
                sawPoint = true
            } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && !sawExponent && digits > 0 {
                sawExponent = true
                let next = bytes.index(after: i)
                if next < bytes.endIndex, bytes[next] == UInt8(ascii: "+") || bytes[next] == UInt8(ascii: "-") { i = next }
            } else {
                return false
            }
            i = bytes.index(after: i)
        }
        return digits > 0 && (!sawExponent || exponentDigits > 0)
    }
}

/// One key/value pair of a mapping, in document order.
public struct YAMLPair: Sendable, Equatable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A node of a YAML document with aliases already resolved: an alias is a copy of its anchored node, placed at
/// the alias (``location``) and remembering where the anchored node is (``anchoredAt``); the nodes inside the
/// copy keep their own places, in the anchored node.
public struct YAMLNode: Sendable, Equatable {
    /// The node's content.
    public indirect enum Content: Sendable, Equatable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    /// Where the node starts in the source (1-based); for a copy made by an alias, where the alias is.
    public var location: SourceLocation
    /// For a copy made by an alias: where the anchored node starts. Nil for other nodes.
    public var anchoredAt: SourceLocation?

    public init(_ content: Content, at location: SourceLocation, anchoredAt: SourceLocation? = nil) {
        self.content = content
        self.location = location
        self.anchoredAt = anchoredAt
    }

    /// The scalar, when this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The items, when this node is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The pairs, when this node is a mapping.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value for scalar key `key` of a mapping node.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key.scalar?.text == key })?.value
    }

    /// A short description of what the node is, for error messages: `'abc'`, `"10" (a quoted string)`,
    /// `a mapping`, `a list`, `null`.
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let s):
            if s.isNull { return "null" }
            if s.isExplicitString { return "\"\(s.text)\" (a quoted string)" }
            return "'\(s.text)'"
        }
    }
}
