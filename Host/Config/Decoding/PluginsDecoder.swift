/// `plugins:` and `QUORUM_PLUGIN_PATH`.
extension DecodingContext {
    static let pluginKeys = ["dirs", "trust", "pins"]

    /// Decodes `plugins:` (absent → defaults); `QUORUM_PLUGIN_PATH` from `environment` adds folders after the
    /// file's own.
    mutating func decodePlugins(_ node: YAMLNode?, environment: [String: String]) -> PluginsConfig {
        var config = PluginsConfig(dirs: [resolve("plugins")])
        if let node, let f = fields(of: node, at: "plugins", keys: Self.pluginKeys) {
            if let dirsNode = f["dirs"], let dirs = stringList(dirsNode, f.path("dirs")) {
                config.dirs = dirs.map { resolve($0.text) }
                config.listedDirs = config.dirs
            }
            config.trust = choice(f, "trust", default: .strict)
            if let pinsNode = f["pins"] { config.pins = decodePins(pinsNode, f.path("pins")) }
        }
        if let extra = environment["QUORUM_PLUGIN_PATH"] {
            for dir in extra.split(separator: ":").map(String.init) where !dir.isEmpty && !config.dirs.contains(dir) {
                config.dirs.append(dir)
            }
        }
        return config
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
