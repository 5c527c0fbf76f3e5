import QuorumModel

/// `risk.sizing:` — one sizing mode and the keys it needs.
extension DecodingContext {
    static let sizingKeys = ["mode", "fraction", "notional", "quantity", "kelly_cap", "atr_period", "risk_per_trade",
                             "atr_multiple"]
    static let sizingModes = ["fraction_of_equity", "fraction_of_cash", "fixed_notional", "fixed_quantity",
                              "conviction", "kelly", "volatility_target"]

    /// The keys each mode reads; the first one listed for the fraction/notional/quantity modes is required.
    private static func keys(forMode mode: String) -> (required: String?, optional: [String]) {
        switch mode {
        case "fraction_of_equity", "fraction_of_cash", "conviction": return ("fraction", [])
        case "fixed_notional": return ("notional", [])
        case "fixed_quantity": return ("quantity", [])
        case "kelly": return (nil, ["kelly_cap"])
        default: return (nil, ["atr_period", "risk_per_trade", "atr_multiple"])
        }
    }

    mutating func decodeSizing(_ node: YAMLNode?) -> Sizing {
        let fallback = Sizing.fractionOfCash(Ratio(raw: 95_000_000))
        guard let node, let f = fields(of: node, at: "risk.sizing", keys: Self.sizingKeys) else { return fallback }
        guard let modeNode = required(f, "mode") else { return fallback }
        guard let mode = modeNode.scalar?.text, Self.sizingModes.contains(mode), modeNode.scalar?.isNull == false else {
            var message = "risk.sizing.mode must be one of \(Self.sizingModes.joined(separator: ", ")), found \(Self.found(modeNode))"
            if let text = modeNode.scalar?.text { message += Suggestions.didYouMean(text, among: Self.sizingModes) }
            error(modeNode.location, message)
            return fallback
        }
        let (requiredKey, optional) = Self.keys(forMode: mode)
        for key in Self.sizingKeys.dropFirst() where f.has(key) && key != requiredKey && !optional.contains(key) {
            warning(f.keyLocation(key) ?? node.location, "risk.sizing.\(key) is ignored when mode is \(mode)")
        }
        if let requiredKey, f[requiredKey] == nil {
            error(node.location, "missing required key '\(requiredKey)' in 'risk.sizing' (mode \(mode) needs it)")
            return fallback
        }
        switch mode {
        case "fraction_of_equity", "fraction_of_cash", "conviction":
            guard let fraction = ratio(f, "fraction", default: nil) else { return fallback }
            if mode == "conviction" { return .conviction(fraction: fraction) }
            return mode == "fraction_of_cash" ? .fractionOfCash(fraction) : .fractionOfEquity(fraction)
        case "fixed_notional":
            return money(f, "notional", default: nil, zeroAllowed: false).map(Sizing.fixedNotional) ?? fallback
        case "fixed_quantity":
            guard let node = f["quantity"], let q = int(node, f.path("quantity"), "an integer > 0", { $0 > 0 }) else {
                return fallback
            }
            return .fixedQuantity(Int64(q))
        case "kelly":
            return .kelly(cap: ratio(f, "kelly_cap", default: Ratio(raw: 25_000_000)) ?? Ratio(raw: 25_000_000))
        default:
            let period = int(f, "atr_period", default: 14, in: 1...10_000, unit: "(bars)")
            let risk = ratio(f, "risk_per_trade", default: Ratio(raw: 1_000_000)) ?? Ratio(raw: 1_000_000)
            let multiple = double(f, "atr_multiple", default: 2, "a finite number > 0") { $0 > 0 }
            return .volatilityTarget(atrPeriod: period, riskPerTrade: risk, atrMultiple: multiple)
        }
    }
}
