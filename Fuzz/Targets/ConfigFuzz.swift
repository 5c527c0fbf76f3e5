import QuorumConfig

/// A `strategies.yaml`: the input is the file's text (invalid UTF-8 repaired, as text from a terminal would be).
///
/// Properties:
/// - loading never traps, whatever the text;
/// - a configuration that fails says why: at least one error;
/// - every diagnostic, error or warning, names a place in the text: a line of it, as YAML counts lines (or the
///   one after the last, for what is missing at the end), and a column from 1, and says something.
enum ConfigFuzz {
    /// Two strategies' parameter schemas, so that `params` are checked as with loaded plugins.
    static let catalog = FixedStrategyCatalog([
        StrategySchema(id: "org.quorum.sma-cross", params: [
            ParamSpec(id: 1, key: "fast", type: .int, defaultValue: 10, min: 2, max: 1000),
            ParamSpec(id: 2, key: "slow", type: .int, defaultValue: 30, min: 2, max: 5000),
        ]),
        StrategySchema(id: "org.quorum.rsi-reversion", params: [
            ParamSpec(id: 1, key: "period", type: .int, defaultValue: 14, min: 2, max: 200),
            ParamSpec(id: 2, key: "oversold", type: .float, defaultValue: 30, min: 0, max: 100),
            ParamSpec(id: 3, key: "allow_short", type: .bool, defaultValue: 1, min: 0, max: 1),
        ]),
    ])

    static func findings(for input: UnsafeBufferPointer<UInt8>) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        let lineCount = yamlLineCount(text)
        switch ConfigLoader.load(text: text, fileName: "fuzz.yaml", baseDirectory: "/nonexistent", catalog: catalog) {
        case .success(let config): return check(config.warnings, failed: false, lineCount: lineCount)
        case .failure(let errors): return check(errors.diagnostics, failed: true, lineCount: lineCount)
        }
    }

    /// The lines of `text` as YAML (and so libyaml's positions) count them: a line ends at LF, CR LF, a CR alone,
    /// NEL (U+0085), LS (U+2028) or PS (U+2029).
    static func yamlLineCount(_ text: String) -> Int {
        var count = 1
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": if !afterCR { count += 1 }
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1
            default: break
            }
            afterCR = scalar == "\r"
        }
        return count
    }

    /// The properties of the `diagnostics` of a text of `lineCount` lines that `failed` to load, or loaded.
    static func check(_ diagnostics: [ConfigDiagnostic], failed: Bool, lineCount: Int) -> [String] {
        var findings = Findings()
        let errors = diagnostics.filter { $0.severity == .error }
        if failed {
            findings.expect(!errors.isEmpty, "loading failed without an error")
        } else {
            findings.expect(errors.isEmpty, "a loaded configuration carries an error: \(errors[0])")
        }
        for d in diagnostics {
            findings.expect(d.line >= 1 && d.line <= lineCount + 1, "\(d) names line \(d.line) of \(lineCount)")
            findings.expect(d.column >= 1, "\(d) names column \(d.column)")
            findings.expect(!d.message.isEmpty, "a diagnostic without a message at \(d.line):\(d.column)")
        }
        return findings.lines
    }
}
