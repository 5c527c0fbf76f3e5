import QuorumModel

/// The top level of `strategies.yaml`.
extension DecodingContext {
    static let topLevelKeys = ["version", "plugins", "data", "starting_cash", "judge", "strategies", "risk",
                               "execution", "journal"]

    /// Decodes every section, collecting all diagnostics. Returns nil when any error was found.
    mutating func decodeRoot(_ root: YAMLNode, environment: [String: String],
                             catalog: StrategyCatalog?) -> QuorumConfig? {
        guard let f = fields(of: root, at: "", keys: Self.topLevelKeys) else { return nil }
        let (plugins, loadable) = decodePlugins(f["plugins"], environment: environment)
        // The plugin folders are known, and the strategies are checked against their catalog, when the `plugins`
        // section says which plugins to load (``decodePlugins(_:environment:)``) — and when it is absent, no
        // unknown top-level key may be the section misspelt (`plugin:`). Another section's error does not hide
        // those checks.
        if loadable && (f.has("plugins") || !Self.mayMisspell(["plugins"], keysOf: root, known: Self.topLevelKeys)) {
            self.plugins = plugins
        }
        if let versionNode = required(f, "version"), versionNode.scalar?.intValue != 1 || versionNode.scalar?.text != "1" {
            error(versionNode.location, "version must be 1 (the only schema version), found \(Self.found(versionNode))")
        }
        let data = decodeData(f["data"])
        let startingCash = money(f, "starting_cash", default: Money(units: 100_000), zeroAllowed: false)
            ?? Money(units: 100_000)
        let judge = decodeJudge(f["judge"])
        var strategies: [StrategyConfig] = []
        if let node = required(f, "strategies") {
            let symbols: Set<String>? = f.has("data") ? Set(data.map(\.symbol)) : nil
            let errorsBefore = errorCount
            strategies = decodeStrategies(node, dataSymbols: symbols, catalog: catalog)
            if catalog != nil { checkedStrategies = strategies }
            // Counted over the entries only when all of them were read (an entry in error is not in the list).
            if judge.mode == .hedge, errorCount == errorsBefore, let catalog, let problem = judge.hedge.boundsProblem(
                voters: Self.votingInstances(strategies, catalog: catalog)) {
                error(problem.location ?? node.location, problem.message)
            }
        }
        if errorCount == 0, let judgeNode = f["judge"] { warnOfAnUnreachableQuorum(judge, node: judgeNode, strategies) }
        let risk = decodeRisk(f["risk"])
        if f.has("data") { checkRiskSymbols(risk, node: f["risk"], dataSymbols: data.map(\.symbol)) }
        let execution = decodeExecution(f["execution"])
        let journal = decodeJournal(f["journal"])
        guard !hasErrors else { return nil }
        return QuorumConfig(version: 1, plugins: plugins, data: data, startingCash: startingCash, judge: judge,
                            strategies: strategies, risk: risk, execution: execution, journal: journal,
                            warnings: ConfigDiagnostic.sortedByPosition(diagnostics), parametersChecked: catalog != nil)
    }

    /// Warns when `judge.quorum` asks for more non-flat stances than a symbol has voting strategies (enabled,
    /// weight above 0): that symbol's verdict is always flat (a review: `quorum: 5` with one strategy validated,
    /// and the run made no trade without a word).
    mutating func warnOfAnUnreachableQuorum(_ judge: JudgeConfig, node: YAMLNode, _ strategies: [StrategyConfig]) {
        guard judge.quorum > 1, let at = node.mapping?.first(where: { $0.key.scalar?.text == "quorum" })?.value.location
        else { return }
        var voters: [String: Int] = [:]
        var order: [String] = []
        for strategy in strategies where strategy.enabled {
            for symbol in strategy.symbols {
                if voters[symbol] == nil { order.append(symbol) }
                voters[symbol, default: 0] += strategy.weight > 0 ? 1 : 0
            }
        }
        let short = order.filter { voters[$0]! < judge.quorum }
        guard !short.isEmpty else { return }
        let counts = short.map { "\($0) \(voters[$0]!)" }.joined(separator: ", ")
        warning(at, "judge.quorum is \(judge.quorum), more than the voting strategies of \(counts): "
                + (short.count == 1 ? "its verdict is" : "their verdicts are") + " always flat")
    }

    /// How many instances of `strategies` vote (enabled, weight above 0): a strategy taking one symbol runs once per
    /// symbol listed.
    static func votingInstances(_ strategies: [StrategyConfig], catalog: StrategyCatalog) -> Int {
        strategies.filter { $0.enabled && $0.weight > 0 }.reduce(0) { count, strategy in
            let single = catalog.schema(forStrategyID: strategy.plugin)?.symbols.upperBound == 1
            return count + (single ? strategy.symbols.count : 1)
        }
    }
}
