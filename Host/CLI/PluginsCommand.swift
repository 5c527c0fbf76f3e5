import ArgumentParser
import FoundationEssentials
import Quorum
import QuorumConfig
import QuorumModel
import QuorumPlugins

/// `quorum plugins list | validate PATH`.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "Inspect and check strategy plugins.",
        subcommands: [ListPlugins.self, ValidatePlugin.self])
}

/// `quorum plugins list [--json]`: every strategy of every loadable plugin, and every refusal.
struct ListPlugins: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the strategies of the plugin folders.")

    @Option(name: .long, help: "The configuration whose plugins.dirs (and QUORUM_PLUGIN_PATH) to search.")
    var config: String = "strategies.yaml"

    @Option(name: .long, help: "Search this folder instead of the configuration's (repeatable).")
    var dir: [String] = []

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger()
        let plugins: PluginsConfig
        if dir.isEmpty {
            switch ConfigLoader.load(path: config, environment: processEnvironment, catalog: nil) {
            case .success(let c): plugins = c.plugins
            case .failure(let errors): throw RuntimeError.configuration(errors)
            }
        } else {
            plugins = PluginsConfig(dirs: dir)
        }
        var quiet = logger
        quiet.logLevel = .critical   // refusals are part of the listing itself
        let catalog = Workspace.loadPlugins(plugins, environment: processEnvironment, logger: quiet)
        if json {
            print(PluginListing.json(catalog).serialized(pretty: true))
        } else {
            print(PluginListing.text(catalog))
        }
    }
}

/// Renders a catalog for `plugins list`.
enum PluginListing {
    static func json(_ catalog: PluginCatalog) -> JSONValue {
        .object([
            ("strategies", .array(catalog.plugins.flatMap { plugin in
                plugin.strategies.map { s in
                    .object([
                        ("id", .string(s.id)), ("name", .string(s.name)), ("version", .string(s.version)),
                        ("vendor", .string(s.vendor)), ("language", .string(plugin.language)),
                        ("build_tag", .string(plugin.buildTag)), ("history_bars", .int(s.historyBars)),
                        ("symbols", .array([.int(s.minSymbols), .int(s.maxSymbols)])),
                        ("description", .string(s.description)),
                        ("params", .array(s.parameters.map { p in
                            .object([("id", .int(p.id)), ("key", .string(p.key)), ("type", .string("\(p.kind)")),
                                     ("default", .double(p.defaultValue)), ("min", .double(p.min)),
                                     ("max", .double(p.max)), ("description", .string(p.description))])
                        })),
                        ("file", .string(plugin.file)), ("sha256", .string(plugin.sha256)),
                    ])
                }
            })),
            ("refused", .array(catalog.refusals.map { r in
                .object([("file", .string(r.file)), ("reason", .string(r.reasonText))])
            })),
        ])
    }

    static func text(_ catalog: PluginCatalog) -> String {
        var lines: [String] = []
        for plugin in catalog.plugins {
            for s in plugin.strategies {
                lines.append("\(s.id)  \(s.version)  \(s.name) — \(s.vendor)  [\(plugin.language), \(plugin.buildTag)]")
                lines.append("    file: \(plugin.file)")
                lines.append("    history: \(s.historyBars) bars; symbols: \(s.minSymbols)...\(s.maxSymbols)")
                for p in s.parameters {
                    lines.append("    \(p.key) (\(p.kind)) = \(number(p.defaultValue))  "
                        + "[\(number(p.min)), \(number(p.max))]  \(p.description)")
                }
            }
        }
        if catalog.plugins.isEmpty { lines.append("no plugins found") }
        for refusal in catalog.refusals { lines.append(refusal.description) }
        return lines.joined(separator: "\n")
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
