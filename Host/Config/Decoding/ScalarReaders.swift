import QuorumModel

/// Typed readers: each reports a wrong type or out-of-range value at the value and returns the default (or nil)
/// so decoding goes on and every problem is reported at once.
extension DecodingContext {
    /// How a value was found, for messages: numbers bare, other scalars quoted, collections described.
    static func found(_ node: YAMLNode) -> String {
        if let s = node.scalar, s.isNumeric || s.boolValue != nil { return s.text }
        return node.kindDescription
    }

    mutating func mismatch(_ node: YAMLNode, _ path: String, _ requirement: String) {
        error(node.location, "\(path) must be \(requirement), found \(Self.found(node))")
    }

    /// An integer satisfying `valid`; `requirement` describes it ("an integer ≥ 1").
    mutating func int(_ node: YAMLNode, _ path: String, _ requirement: String, _ valid: (Int) -> Bool) -> Int? {
        guard let value = node.scalar?.intValue, valid(value) else {
            if let scalar = node.scalar, scalar.intValue == nil, scalar.isNumeric, Self.isWholeNumber(scalar.text) {
                let text = scalar.text
                // A whole number that no integer holds: "found 9223372036854775808" read as if it broke the rule.
                error(node.location, "\(path) must be \(requirement), found \(text), beyond the largest integer "
                      + "(\(Int.max))")
            } else {
                mismatch(node, path, requirement)
            }
            return nil
        }
        return value
    }

    /// Digits, after an optional sign.
    private static func isWholeNumber(_ text: String) -> Bool {
        let digits = text.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        return !digits.isEmpty && text.utf8.count - digits.count <= 1 && digits.allSatisfy { (48...57).contains($0) }
    }

    mutating func int(_ f: Fields, _ key: String, default value: Int, _ requirement: String,
                      _ valid: (Int) -> Bool) -> Int {
        guard let node = f[key] else { return value }
        return int(node, f.path(key), requirement, valid) ?? value
    }

    /// An integer in `range` ("an integer from 1 to 60000", with `unit` after it when given). The bound keeps
    /// what the value sizes (a buffer, a time in nanoseconds) from overflowing or exhausting memory.
    mutating func int(_ f: Fields, _ key: String, default value: Int, in range: ClosedRange<Int>,
                      unit: String? = nil) -> Int {
        let requirement = "an integer from \(range.lowerBound) to \(range.upperBound)" + (unit.map { " \($0)" } ?? "")
        return int(f, key, default: value, requirement) { range.contains($0) }
    }

    /// A finite double satisfying `valid`.
    mutating func double(_ f: Fields, _ key: String, default value: Double, _ requirement: String,
                         _ valid: (Double) -> Bool) -> Double {
        guard let node = f[key] else { return value }
        guard let v = node.scalar?.doubleValue, v.isFinite, valid(v) else {
            mismatch(node, f.path(key), requirement)
            return value
        }
        return v
    }

    /// An exact decimal (10⁻⁸ units) satisfying `valid`, parsed with ``DecimalParser``.
    mutating func decimal(_ node: YAMLNode, _ path: String, _ requirement: String, _ valid: (Int64) -> Bool) -> Int64? {
        guard let scalar = node.scalar, scalar.isNumeric else {
            mismatch(node, path, requirement)
            return nil
        }
        switch DecimalParser.parseRaw(scalar.text) {
        case .success(let raw) where valid(raw):
            return raw
        case .failure(.tooPrecise):
            error(node.location, "\(path) must have at most 8 decimal places, found \(scalar.text)")
            return nil
        case .failure(.outOfRange) where !scalar.text.hasPrefix("-"):
            // Valid or not, a number past the fixed-point range is refused for its size.
            error(node.location, "\(path) is beyond the largest number it can hold, \(FixedPoint.format(.max)), "
                  + "found \(scalar.text)")
            return nil
        default:
            mismatch(node, path, requirement)
            return nil
        }
    }

    /// A ratio in (0, 1] (`openUnit`), or in [0, 1].
    mutating func ratio(_ f: Fields, _ key: String, default value: Ratio?, zeroAllowed: Bool = false) -> Ratio? {
        guard let node = f[key] else { return value }
        let requirement = zeroAllowed ? "a number in [0, 1]" : "a fraction in (0, 1]"
        let raw = decimal(node, f.path(key), requirement) { raw in
            (zeroAllowed ? raw >= 0 : raw > 0) && raw <= fixedPointScale
        }
        return raw.map(Ratio.init(raw:)) ?? value
    }

    /// An exact non-negative decimal as a ratio (basis points and the like).
    mutating func nonNegativeDecimal(_ f: Fields, _ key: String) -> Ratio {
        guard let node = f[key] else { return Ratio(raw: 0) }
        return decimal(node, f.path(key), "a number ≥ 0") { $0 >= 0 }.map(Ratio.init(raw:)) ?? Ratio(raw: 0)
    }

    /// Money, > 0 or ≥ 0.
    mutating func money(_ f: Fields, _ key: String, default value: Money?, zeroAllowed: Bool) -> Money? {
        guard let node = f[key] else { return value }
        let raw = decimal(node, f.path(key), zeroAllowed ? "an amount ≥ 0" : "an amount > 0") {
            zeroAllowed ? $0 >= 0 : $0 > 0
        }
        return raw.map(Money.init(raw:)) ?? value
    }

    mutating func bool(_ f: Fields, _ key: String, default value: Bool) -> Bool {
        guard let node = f[key] else { return value }
        guard let b = node.scalar?.boolValue else {
            mismatch(node, f.path(key), "true or false")
            return value
        }
        return b
    }

    /// One of an enumeration's raw values, with a suggestion when misspelt.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ f: Fields, _ key: String, default value: E) -> E
    where E.RawValue == String {
        guard let node = f[key] else { return value }
        return choice(node, f.path(key), E.self) ?? value
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ path: String, _ type: E.Type) -> E?
    where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        if let text = node.scalar?.text, !(node.scalar?.isNull ?? true), let e = E(rawValue: text) { return e }
        var message = "\(path) must be one of \(names.joined(separator: ", ")), found \(Self.found(node))"
        if let text = node.scalar?.text { message += Suggestions.didYouMean(text, among: names) }
        error(node.location, message)
        return nil
    }

    /// A string: any non-null scalar (plain numbers read as their text).
    mutating func string(_ node: YAMLNode, _ path: String, nonEmpty: Bool = true) -> String? {
        guard let scalar = node.scalar, !scalar.isNull, !(nonEmpty && scalar.text.isEmpty) else {
            mismatch(node, path, nonEmpty ? "a non-empty string" : "a string")
            return nil
        }
        return scalar.text
    }

    /// A list of strings with their locations; a single scalar is not accepted as a list.
    mutating func stringList(_ node: YAMLNode, _ path: String) -> [(text: String, location: SourceLocation)]? {
        guard let items = node.sequence else {
            mismatch(node, path, "a list")
            return nil
        }
        var result: [(text: String, location: SourceLocation)] = []
        for (i, item) in items.enumerated() {
            if let text = string(item, "\(path)[\(i)]") { result.append((text, item.location)) }
        }
        return result
    }
}
