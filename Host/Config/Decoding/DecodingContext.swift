/// Collects every diagnostic of one load. Local to one load call: there is no shared mutable state.
struct DecodingContext {
    /// File name used in diagnostics.
    let file: String
    /// Folder relative paths are resolved against ("" = as written, i.e. relative to the working directory).
    let baseDirectory: String
    private(set) var diagnostics: [ConfigDiagnostic] = []
    /// The `plugins:` section, when it and the top level decoded without errors (even if other sections have
    /// errors): what a host needs to load the plugins and check the strategies against them.
    var plugins: PluginsConfig?
    /// The strategy entries read without error, once they were checked against a catalog (else empty).
    var checkedStrategies: [StrategyConfig] = []

    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    var hasErrors: Bool { errorCount > 0 }
    /// The errors found so far.
    var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }

    mutating func append(_ diagnostics: [ConfigDiagnostic]) { self.diagnostics += diagnostics }

    mutating func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(ConfigDiagnostic(file: file, location: location, message: message))
    }

    mutating func warning(_ location: SourceLocation, _ message: String) {
        diagnostics.append(ConfigDiagnostic(file: file, location: location, message: message, severity: .warning))
    }

    /// Opens `node` as a mapping with the given known keys. Reports a node that is not a mapping, and every
    /// unknown key (with a suggestion). Nil when `node` is not a mapping.
    mutating func fields(of node: YAMLNode, at path: String, keys: [String]) -> Fields? {
        guard let pairs = node.mapping else {
            error(node.location, "\(path.isEmpty ? "the configuration" : path) must be a mapping, found \(node.kindDescription)")
            return nil
        }
        var byKey: [String: YAMLPair] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            if keys.contains(key) {
                byKey[key] = pair
            } else {
                let place = path.isEmpty ? "unknown top-level key '\(key)'" : "unknown key '\(key)' in '\(path)'"
                error(pair.key.location, place + Suggestions.didYouMean(key, among: keys))
            }
        }
        return Fields(node: node, path: path, pairs: byKey)
    }

    /// Reports `key` missing from `fields` (at the mapping's position) and returns nil, or returns its value.
    /// A null value counts as present here; typed readers report it.
    mutating func required(_ fields: Fields, _ key: String, note: String = "") -> YAMLNode? {
        if let node = fields.pairs[key]?.value { return node }
        let place = fields.path.isEmpty ? "" : " in '\(fields.path)'"
        error(fields.node.location, "missing required key '\(key)'\(place)\(note)")
        return nil
    }

    /// Resolves `path` against the config file's folder (absolute paths stay as they are).
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || baseDirectory.isEmpty { return path }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return baseDirectory.hasSuffix("/") ? baseDirectory + relative : baseDirectory + "/" + relative
    }
}

/// The known keys present in one mapping.
struct Fields {
    /// The mapping node.
    let node: YAMLNode
    /// Dotted path of the mapping (`judge`, `strategies[0]`; "" at top level).
    let path: String
    let pairs: [String: YAMLPair]

    /// The value of `key`, or nil when absent or null (null means "use the default").
    subscript(key: String) -> YAMLNode? {
        guard let value = pairs[key]?.value else { return nil }
        if value.scalar?.isNull == true { return nil }
        return value
    }

    /// True when `key` is written (even with a null value).
    func has(_ key: String) -> Bool { pairs[key] != nil }

    /// Where `key` itself is written.
    func keyLocation(_ key: String) -> SourceLocation? { pairs[key]?.key.location }

    /// The dotted path of `key` (`judge.quorum`).
    func path(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
}
