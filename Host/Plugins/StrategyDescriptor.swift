import QuorumPluginAPI

/// A parameter of a strategy's schema, copied out of the plugin's descriptor.
public struct ParameterInfo: Sendable, Equatable {
    public enum Kind: UInt32, Sendable { case float = 0, int = 1, bool = 2 }
    public var id: UInt32
    public var key: String
    public var kind: Kind
    public var description: String
    public var defaultValue: Double
    public var min: Double
    public var max: Double
}

/// A strategy as its plugin describes it (SPEC §4 rule 8), validated and copied into Swift values.
public struct StrategyDescriptor: Sendable, Equatable {
    public var id: String
    public var name: String
    public var vendor: String
    public var version: String
    public var description: String
    public var historyBars: Int
    public var features: UInt64
    public var minSymbols: Int
    public var maxSymbols: Int
    public var parameters: [ParameterInfo]

    public var isMultiSymbol: Bool { features & QUORUM_FEATURE_MULTI_SYMBOL != 0 }
}

/// A descriptor the loader cannot accept; `text` says why.
struct DescriptorProblem: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// Checks a plugin-provided descriptor and copies it into Swift values.
enum DescriptorReader {
    static func read(_ d: UnsafePointer<quorum_strategy_descriptor_t>?) throws(DescriptorProblem) -> StrategyDescriptor {
        guard let d else { throw DescriptorProblem("null descriptor") }
        let needed = MemoryLayout<quorum_strategy_descriptor_t>.size
        guard Int(d.pointee.struct_size) >= needed else {
            throw DescriptorProblem("struct too small: \(d.pointee.struct_size) bytes, ABI 1.0 needs \(needed)")
        }
        guard d.pointee.abi_major == QUORUM_ABI_VERSION_MAJOR else {
            throw DescriptorProblem("ABI major \(d.pointee.abi_major), host \(QUORUM_ABI_VERSION_MAJOR)")
        }
        guard let idPointer = d.pointee.id else { throw DescriptorProblem("null id") }
        let id = String(cString: idPointer)
        guard isValidStrategyID(id) else {
            throw DescriptorProblem("invalid id '\(id)' (want reverse-DNS like org.example.my-strategy)")
        }
        func text(_ p: UnsafePointer<CChar>?, _ field: String, required: Bool = true) throws(DescriptorProblem) -> String {
            guard let p else {
                if required { throw DescriptorProblem("\(id): null \(field)") }
                return ""
            }
            let s = String(cString: p)
            if required && s.isEmpty { throw DescriptorProblem("\(id): empty \(field)") }
            return s
        }
        let name = try text(d.pointee.name, "name")
        let vendor = try text(d.pointee.vendor, "vendor")
        let version = try text(d.pointee.version, "version")
        let description = try text(d.pointee.description, "description", required: false)
        guard d.pointee.history_bars >= 1, d.pointee.history_bars <= QUORUM_HISTORY_BARS_MAX else {
            throw DescriptorProblem("\(id): history_bars \(d.pointee.history_bars) is outside [1, \(QUORUM_HISTORY_BARS_MAX)]")
        }
        guard d.pointee.min_symbols >= 1, d.pointee.max_symbols >= d.pointee.min_symbols else {
            throw DescriptorProblem(
                "\(id): symbols range [\(d.pointee.min_symbols), \(d.pointee.max_symbols)] is invalid")
        }
        let count = Int(d.pointee.param_count)
        guard count == 0 || d.pointee.params != nil else { throw DescriptorProblem("\(id): null params") }
        var params: [ParameterInfo] = []
        for k in 0..<count { params.append(try readParameter(d.pointee.params[k], id: id)) }
        if let dup = duplicate(params.map(\.key)) { throw DescriptorProblem("\(id): duplicate parameter key '\(dup)'") }
        if let dup = duplicate(params.map(\.id)) { throw DescriptorProblem("\(id): duplicate parameter id \(dup)") }
        return StrategyDescriptor(
            id: id, name: name, vendor: vendor, version: version, description: description,
            historyBars: Int(d.pointee.history_bars), features: d.pointee.features,
            minSymbols: Int(d.pointee.min_symbols), maxSymbols: Int(d.pointee.max_symbols), parameters: params)
    }

    private static func readParameter(_ p: quorum_param_info_t, id: String) throws(DescriptorProblem) -> ParameterInfo {
        guard let keyPointer = p.key else { throw DescriptorProblem("\(id): parameter with null key") }
        let key = String(cString: keyPointer)
        guard isValidParameterKey(key) else { throw DescriptorProblem("\(id): invalid parameter key '\(key)'") }
        guard let kind = ParameterInfo.Kind(rawValue: p.type) else {
            throw DescriptorProblem("\(id): parameter '\(key)' has unknown type \(p.type)")
        }
        guard p.min_value.isFinite, p.max_value.isFinite, p.default_value.isFinite,
              p.min_value <= p.default_value, p.default_value <= p.max_value else {
            throw DescriptorProblem("\(id): parameter '\(key)' needs finite min <= default <= max "
                + "(got \(p.min_value), \(p.default_value), \(p.max_value))")
        }
        if kind != .float, [p.min_value, p.default_value, p.max_value].contains(where: { $0 != $0.rounded() }) {
            throw DescriptorProblem("\(id): parameter '\(key)' is integral but has a fractional bound or default")
        }
        if kind == .bool, [p.min_value, p.default_value, p.max_value].contains(where: { $0 != 0 && $0 != 1 }) {
            throw DescriptorProblem("\(id): parameter '\(key)' is a bool but has a bound or default outside {0, 1} "
                + "(got \(p.min_value), \(p.default_value), \(p.max_value))")
        }
        let description = p.description.map { String(cString: $0) } ?? ""
        return ParameterInfo(id: p.id, key: key, kind: kind, description: description,
                             defaultValue: p.default_value, min: p.min_value, max: p.max_value)
    }

    private static func duplicate<T: Hashable>(_ values: [T]) -> T? {
        var seen = Set<T>()
        return values.first { !seen.insert($0).inserted }
    }
}

/// Reverse-DNS: at least two labels of [a-z0-9-] joined by '.', labels not starting or ending with '-'.
public func isValidStrategyID(_ id: String) -> Bool {
    let labels = id.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, id.utf8.count <= 255 else { return false }
    return labels.allSatisfy { label in
        guard let first = label.first, let last = label.last, first != "-", last != "-" else { return false }
        return label.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Parameter keys users write in strategies.yaml: [a-z][a-z0-9_]*.
public func isValidParameterKey(_ key: String) -> Bool {
    guard let first = key.first, ("a"..."z").contains(first) else { return false }
    return key.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
}
