import QuorumModel

/// `strategies:` — instances, their symbols and parameters.
extension DecodingContext {
    static let strategyKeys = ["name", "plugin", "weight", "symbols", "params", "enabled"]

    /// Decodes the list. `dataSymbols` (nil when the file has no `data:`) is what strategies may subscribe to;
    /// with a `catalog`, plugin ids and parameters are checked against the plugins' schemas.
    mutating func decodeStrategies(_ node: YAMLNode, dataSymbols: Set<String>?,
                                   catalog: StrategyCatalog?) -> [StrategyConfig] {
        guard let items = node.sequence else {
            mismatch(node, "strategies", "a list of strategy entries")
            return []
        }
        if items.isEmpty { warning(node.location, "no strategies are configured") }
        var result: [StrategyConfig] = []
        var names: [String: SourceLocation] = [:]
        var weightSum = 0.0
        for (i, item) in items.enumerated() {
            let path = "strategies[\(i)]"
            guard let f = fields(of: item, at: path, keys: Self.strategyKeys) else { continue }
            var ok = true
            var name = ""
            if let nameNode = required(f, "name"), let text = string(nameNode, f.path("name")) {
                if text.contains("/") {
                    error(nameNode.location, "strategy name '\(text)' must not contain '/' (a strategy listed on "
                          + "several symbols runs one copy per symbol, named NAME/SYMBOL)")
                    ok = false
                } else if text == ensembleBookName {
                    error(nameNode.location, "strategy name '\(text)' is the ensemble's (its row in compare and report)")
                    ok = false
                } else if let first = names[text] {
                    // An alias repeating a whole entry is the duplicate: the name inside it is the anchored one's.
                    let repeated = item.anchoredAt.map { "; this alias repeats the entry at line \($0.line)" } ?? ""
                    error(repeated.isEmpty ? nameNode.location : item.location,
                          "duplicate strategy name '\(text)' (first used at line \(first.line)\(repeated))")
                    ok = false
                } else {
                    names[text] = nameNode.location
                }
                name = text
            } else { ok = false }
            let plugin = decodePluginID(f, catalog: catalog)
            let weight = double(f, "weight", default: 1, "a finite number ≥ 0") { $0 >= 0 }
            if let w = f["weight"]?.scalar?.doubleValue, !w.isFinite || w < 0 { ok = false }
            let symbols = decodeSymbols(f, dataSymbols: dataSymbols)
            let enabled = bool(f, "enabled", default: true)
            if enabled, weightSum.isFinite, let node = f["weight"] {
                // The judge divides by the sum of the weights (SPEC §7): each finite, their sum must be too.
                weightSum += weight
                if !weightSum.isFinite {
                    error(node.location, "the strategies' weights add up to more than the largest number (~1.8e308): "
                          + "scale them down (only their ratios count)")
                    ok = false
                }
            }
            let decoded = decodeParams(f["params"], f.path("params"))
            var resolved: [ResolvedParam]?
            if let catalog, let plugin, let schema = catalog.schema(forStrategyID: plugin) {
                // The values that are numbers or booleans are checked even when another is not (every error at
                // once: one value of the wrong type hid the others' range and name errors).
                if let decoded {
                    resolved = resolveParams(decoded.settings, keyLocations: f["params"], schema: schema,
                                             path: f.path("params"))
                }
                if let symbols, let node = f["symbols"], let problem = schema.symbolCountProblem(symbols.count) {
                    error(node.location, "\(f.path("symbols")): \(problem)")
                    ok = false
                }
            }
            guard ok, let plugin, let symbols, let decoded, decoded.complete else { continue }
            let params = decoded.settings
            result.append(StrategyConfig(name: name, plugin: plugin, weight: weight, symbols: symbols, params: params,
                                         enabled: enabled, resolvedParams: resolved, location: item.location))
        }
        return result
    }

    /// `plugin:` — a reverse-DNS id; with a catalog, one that some loaded plugin provides.
    private mutating func decodePluginID(_ f: Fields, catalog: StrategyCatalog?) -> String? {
        guard let node = required(f, "plugin"), let id = string(node, f.path("plugin")) else { return nil }
        if let catalog {
            guard catalog.schema(forStrategyID: id) != nil else {
                error(node.location, "unknown strategy id '\(id)'" + Suggestions.didYouMean(id, among: catalog.strategyIDs))
                return nil
            }
            return id
        }
        guard Self.isReverseDNS(id) else {
            mismatch(node, f.path("plugin"), "a reverse-DNS strategy id such as 'org.quorum.sma-cross'")
            return nil
        }
        return id
    }

    /// `symbols:` — required, non-empty, no duplicates, each provided by a data entry when there are any.
    private mutating func decodeSymbols(_ f: Fields, dataSymbols: Set<String>?) -> [String]? {
        guard let node = required(f, "symbols"), let list = stringList(node, f.path("symbols")) else { return nil }
        if list.isEmpty, node.sequence != nil {
            error(node.location, "\(f.path("symbols")) must list at least one symbol")
            return nil
        }
        var symbols: [String] = []
        var ok = true
        for entry in list {
            if symbols.contains(entry.text) {
                error(entry.location, "symbol '\(entry.text)' is listed twice in \(f.path("symbols"))")
                ok = false
            } else if let dataSymbols, !dataSymbols.contains(entry.text) {
                error(entry.location, "no data entry provides symbol '\(entry.text)'"
                      + Suggestions.didYouMean(entry.text, among: dataSymbols.sorted()))
                ok = false
            }
            symbols.append(entry.text)
        }
        return ok && list.count == node.sequence?.count ? symbols : nil
    }

    /// `params:` — a mapping of numbers and booleans (absent → empty): the settings whose values are either, and
    /// whether every value was; nil when `params` is not a mapping.
    private mutating func decodeParams(_ node: YAMLNode?, _ path: String)
        -> (settings: [ParamSetting], complete: Bool)? {
        guard let node else { return ([], true) }
        guard let pairs = node.mapping else {
            mismatch(node, path, "a mapping of parameter names to values")
            return nil
        }
        var params: [ParamSetting] = []
        var ok = true
        for pair in pairs {
            guard let key = pair.key.scalar?.text else { continue }
            let value = pair.value
            if let b = value.scalar?.boolValue {
                params.append(ParamSetting(key: key, value: .bool(b), location: value.location))
            } else if let scalar = value.scalar, let d = scalar.doubleValue, d.isFinite {
                params.append(ParamSetting(key: key, value: .number(d, isInteger: scalar.intValue != nil),
                                           location: value.location))
            } else {
                mismatch(value, "\(path).\(key)", "a finite number or true/false")
                ok = false
            }
        }
        return (params, ok)
    }

    /// True for `org.quorum.sma-cross`-like ids: two or more dot-separated labels of letters, digits, `-`, `_`.
    static func isReverseDNS(_ id: String) -> Bool {
        let labels = id.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.allSatisfy { c in
                (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c == 45 || c == 95
            }
        }
    }
}
