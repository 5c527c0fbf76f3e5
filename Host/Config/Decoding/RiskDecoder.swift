import QuorumModel

/// `risk:` — sizing, hard limits and sectors.
extension DecodingContext {
    static let riskKeys = ["sizing", "limits", "sectors"]
    static let limitKeys = ["max_position", "max_sector_exposure", "max_positions", "max_order_value",
                            "min_cash_reserve", "daily_loss_limit", "max_drawdown", "stop_loss_required",
                            "default_stop", "max_orders_per_minute", "min_order_interval_ms", "restricted_symbols",
                            "market_hours", "auto_resume"]

    mutating func decodeRisk(_ node: YAMLNode?) -> RiskConfig {
        var risk = RiskConfig()
        guard let node, let f = fields(of: node, at: "risk", keys: Self.riskKeys) else { return risk }
        risk.sizing = decodeSizing(f["sizing"])
        if let limits = f["limits"] {
            if let scalar = limits.scalar, scalar.text == "none", !scalar.isExplicitString {
                warning(limits.location, "risk limits are off (research only)")
                risk.limits = nil
            } else {
                risk.limits = decodeLimits(limits)
            }
        }
        if let sectors = f["sectors"] { risk.sectors = decodeSectors(sectors) }
        return risk
    }

    private mutating func decodeLimits(_ node: YAMLNode) -> RiskLimits {
        var limits = RiskLimits()
        guard node.mapping != nil else {
            mismatch(node, "risk.limits", "a mapping of limits or none")
            return limits
        }
        guard let f = fields(of: node, at: "risk.limits", keys: Self.limitKeys) else { return limits }
        let d = RiskLimits()
        limits.maxPosition = ratio(f, "max_position", default: d.maxPosition) ?? d.maxPosition
        limits.maxSectorExposure = ratio(f, "max_sector_exposure", default: d.maxSectorExposure) ?? d.maxSectorExposure
        limits.maxPositions = int(f, "max_positions", default: d.maxPositions, "an integer ≥ 1") { $0 >= 1 }
        limits.maxOrderValue = money(f, "max_order_value", default: d.maxOrderValue, zeroAllowed: false) ?? d.maxOrderValue
        limits.minCashReserve = ratio(f, "min_cash_reserve", default: d.minCashReserve, zeroAllowed: true) ?? d.minCashReserve
        limits.dailyLossLimit = ratio(f, "daily_loss_limit", default: d.dailyLossLimit) ?? d.dailyLossLimit
        limits.maxDrawdown = ratio(f, "max_drawdown", default: d.maxDrawdown) ?? d.maxDrawdown
        limits.stopLossRequired = bool(f, "stop_loss_required", default: true)
        limits.defaultStop = ratio(f, "default_stop", default: d.defaultStop) ?? d.defaultStop
        limits.maxOrdersPerMinute = int(f, "max_orders_per_minute", default: 10, in: 1...100_000)
        limits.minOrderIntervalMs = int(f, "min_order_interval_ms", default: 100, in: 0...86_400_000)
        if let restricted = f["restricted_symbols"] {
            limits.restrictedSymbols = stringList(restricted, f.path("restricted_symbols"))?.map(\.text) ?? []
        }
        if let hours = f["market_hours"] {
            if hours.scalar?.text == "none", hours.scalar?.isExplicitString == false {
                limits.marketHours = nil
            } else {
                limits.marketHours = decodeMarketHours(hours)
            }
        }
        if let resume = f["auto_resume"], let rf = fields(of: resume, at: "risk.limits.auto_resume", keys: ["after_days"]),
           let daysNode = required(rf, "after_days"),
           let days = int(daysNode, rf.path("after_days"), "an integer ≥ 1", { $0 >= 1 }) {
            limits.autoResume = AutoResume(afterDays: days)
        }
        return limits
    }

    private mutating func decodeMarketHours(_ node: YAMLNode) -> MarketHours {
        var hours = MarketHours()
        guard let f = fields(of: node, at: "risk.limits.market_hours", keys: ["open", "close", "time_zone"]) else {
            return hours
        }
        if let open = f["open"], let minute = timeOfDay(open, f.path("open")) { hours.openMinute = minute }
        if let close = f["close"], let minute = timeOfDay(close, f.path("close")) { hours.closeMinute = minute }
        if let zone = f["time_zone"], let text = string(zone, f.path("time_zone")) { hours.timeZone = text }
        if hours.openMinute >= hours.closeMinute {
            error(node.location, "risk.limits.market_hours: open must be before close")
        }
        return hours
    }

    /// `"HH:MM"` → minutes after midnight.
    private mutating func timeOfDay(_ node: YAMLNode, _ path: String) -> Int? {
        let parts = node.scalar?.text.split(separator: ":", omittingEmptySubsequences: false) ?? []
        if parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
           (0...23).contains(h), (0...59).contains(m) {
            return h * 60 + m
        }
        if let text = node.scalar?.text, !node.scalar!.isNull {
            error(node.location, "\(path) must be a time HH:MM (24-hour), found '\(text)'")
        } else {
            mismatch(node, path, "a time HH:MM (24-hour)")
        }
        return nil
    }

    /// Warns of a symbol of `risk.sectors` or `risk.limits.restricted_symbols` that is not in the data but reads
    /// as a misspelling of a data symbol the list leaves out: that symbol then has no sector, or is not
    /// restricted (a review: `restricted_symbols: [GOGL]` beside data of GOOG validated, and GOOG traded). A
    /// list of a wider universe, naming each data symbol as it is, says nothing.
    mutating func checkRiskSymbols(_ risk: RiskConfig, node: YAMLNode?, dataSymbols: [String]) {
        guard let node, let pairs = node.mapping else { return }
        func check(_ entries: [YAMLNode], listed: Set<String>, what: String) {
            for entry in entries {
                guard let symbol = entry.scalar?.text, !dataSymbols.contains(symbol),
                      let meant = Suggestions.closest(to: symbol, among: dataSymbols), !listed.contains(meant)
                else { continue }
                warning(entry.location, "'\(symbol)' is not a symbol of the data; did you mean '\(meant)'? (\(meant) \(what))")
            }
        }
        for pair in pairs {
            switch pair.key.scalar?.text {
            case "sectors":
                check(pair.value.mapping?.map(\.key) ?? [], listed: Set(risk.sectors.keys), what: "has no sector")
            case "limits":
                let restricted = pair.value.mapping?.first { $0.key.scalar?.text == "restricted_symbols" }?.value
                check(restricted?.sequence ?? [], listed: Set(risk.limits?.restrictedSymbols ?? []),
                      what: "is not restricted")
            default:
                break
            }
        }
    }

    private mutating func decodeSectors(_ node: YAMLNode) -> [String: String] {
        guard let pairs = node.mapping else {
            mismatch(node, "risk.sectors", "a mapping of symbol to sector name")
            return [:]
        }
        var sectors: [String: String] = [:]
        for pair in pairs {
            guard let symbol = pair.key.scalar?.text else { continue }
            if let sector = string(pair.value, "risk.sectors.\(symbol)") { sectors[symbol] = sector }
        }
        return sectors
    }
}
