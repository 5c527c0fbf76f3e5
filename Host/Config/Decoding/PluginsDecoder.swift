/// `plugins:` and `QUORUM_PLUGIN_PATH`.
extension DecodingContext {
    static let pluginKeys = ["dirs", "trust", "pins"]

    /// Decodes `plugins:` (absent → defaults); `QUORUM_PLUGIN_PATH` from `environment` adds folders after the
    /// file's own. `loadable` is false when the section leaves in doubt which files to load or how to check
    /// them: it is not a mapping, `dirs` or `pins` has an error, or an unknown key may be one of them misspelt.
    /// An invalid `trust` is read as `strict`, the default and the stricter rule, so the plugins can still be
    /// loaded to check the strategies against them.
    mutating func decodePlugins(_ node: YAMLNode?, environment: [String: String])
        -> (config: PluginsConfig, loadable: Bool) {
        var config = PluginsConfig(dirs: [resolve("plugins")])
        var loadable = true
        if let node {
            guard let f = fields(of: node, at: "plugins", keys: Self.pluginKeys) else { return (config, false) }
            let errorsBeforeDirs = errorCount
            if let dirsNode = f["dirs"], let dirs = stringList(dirsNode, f.path("dirs")) {
                config.dirs = dirs.map { resolve($0.text) }
                config.listedDirs = config.dirs
            }
            let dirsSound = errorCount == errorsBeforeDirs
            config.trust = choice(f, "trust", default: .strict)
            let errorsBeforePins = errorCount
            if let pinsNode = f["pins"] { config.pins = decodePins(pinsNode, f.path("pins")) }
            loadable = dirsSound && errorCount == errorsBeforePins
                && !Self.mayMisspell(["dirs", "pins"], keysOf: node, known: Self.pluginKeys)
        }
        if let extra = environment["QUORUM_PLUGIN_PATH"] {
            for dir in extra.split(separator: ":").map(String.init) where !dir.isEmpty && !config.dirs.contains(dir) {
                config.dirs.append(dir)
            }
        }
        return (config, loadable)
    }

    private mutating func decodePins(_ node: YAMLNode, _ path: String) -> [String: String] {
        guard let pairs = node.mapping else {
            mismatch(node, path, "a mapping of plugin file name to sha256")
            return [:]
        }
        var pins: [String: String] = [:]
        for pair in pairs {
            guard let file = pair.key.scalar?.text else { continue }
            let isHex = pair.value.scalar.map { s in
                s.text.utf8.count == 64 && s.text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            } ?? false
            if isHex, let digest = pair.value.scalar?.text {
                pins[file] = digest
            } else {
                mismatch(pair.value, "\(path).\(file)", "a sha256 digest (64 lowercase hex digits)")
            }
        }
        return pins
    }
}

extension DecodingContext {
    /// Whether an unknown key of mapping `node` (whose known keys are `known`) reads as a misspelling of one of
    /// `keys`: the key it is closest to, as the "did you mean" of its error says.
    static func mayMisspell(_ keys: [String], keysOf node: YAMLNode, known: [String]) -> Bool {
        (node.mapping ?? []).contains { pair in
            guard let key = pair.key.scalar?.text, !known.contains(key),
                  let closest = Suggestions.closest(to: key, among: known) else { return false }
            return keys.contains(closest)
        }
    }
}
