/// Checks `params:` against a plugin's schema and fills in defaults.
extension DecodingContext {
    /// Every schema parameter in schema order, with the written value or the default. Reports unknown keys
    /// (with a suggestion) at the key, and wrong types or out-of-range values at the value; when the mapping is
    /// an alias (`params: *p`), at the alias, naming the line of the anchored mapping, since whether they fit
    /// depends on the strategy that uses them. Nil on any error.
    mutating func resolveParams(_ params: [ParamSetting], keyLocations paramsNode: YAMLNode?, schema: StrategySchema,
                                path: String) -> [ResolvedParam]? {
        let keys = schema.params.map(\.key)
        var ok = true
        let alias = paramsNode.flatMap { node in node.anchoredAt.map { (use: node.location, anchored: $0) } }
        let anchored = alias.map { " (in the parameters anchored at line \($0.anchored.line))" } ?? ""
        // Every key written, with a value of the right kind or not (a key's value of the wrong kind is not among
        // `params`, and its name may be wrong too).
        let written = paramsNode?.mapping?.compactMap { pair in pair.key.scalar.map { ($0.text, pair.key.location) } }
            ?? params.map { ($0.key, $0.location) }
        for (key, at) in written where !keys.contains(key) {
            let known = keys.isEmpty ? " (it takes no parameters)" : Suggestions.didYouMean(key, among: keys)
            error(alias?.use ?? at, "unknown parameter '\(key)' for '\(schema.id)'" + known + anchored)
            ok = false
        }
        var resolved: [ResolvedParam] = []
        for spec in schema.params {
            guard let setting = params.first(where: { $0.key == spec.key }) else {
                resolved.append(ResolvedParam(id: spec.id, key: spec.key, value: spec.defaultValue))
                continue
            }
            if let problem = Self.problem(with: setting.value, for: spec) {
                error(alias?.use ?? setting.location,
                      "\(path).\(spec.key) must be \(problem), found \(Self.describe(setting.value))" + anchored)
                ok = false
                continue
            }
            resolved.append(ResolvedParam(id: spec.id, key: spec.key, value: setting.value.doubleValue))
        }
        return ok ? resolved : nil
    }

    /// What the value should have been, or nil when it fits the spec.
    private static func problem(with value: ParamSetting.Value, for spec: ParamSpec) -> String? {
        let range = "between \(format(spec.min)) and \(format(spec.max))"
        switch (spec.type, value) {
        case (.bool, .bool(let b)):
            // A schema may pin a bool (min = max); its bounds are 0 or 1 (the loader refuses others).
            let v: Double = b ? 1 : 0
            guard v < spec.min || v > spec.max else { return nil }
            return v == 0 ? "true" : "false"
        case (.bool, .number):
            return "true or false"
        case (_, .bool):
            return spec.type == .int ? "an integer \(range)" : "a number \(range)"
        case (.int, .number(let v, let isInteger)):
            guard isInteger || v == v.rounded() else { return "an integer \(range)" }
            return v >= spec.min && v <= spec.max ? nil : "an integer \(range)"
        case (.float, .number(let v, _)):
            return v >= spec.min && v <= spec.max ? nil : "a number \(range)"
        }
    }

    private static func describe(_ value: ParamSetting.Value) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .number(let v, _): return format(v)
        }
    }

    /// `10` for whole numbers, `2.5` otherwise.
    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
