import QuorumPluginAPI

/// A plugin library that passed every check and is initialised: each LoadedPlugin stands for one successful
/// `init()`, and releasing it calls the matching `deinit()` — after every instance of it was destroyed, since
/// each ``StrategyInstance`` holds its plugin. Release it on the main thread (the header's thread for deinit).
/// Its code stays mapped for the life of the process (the host never calls dlclose), so the raw tables it holds
/// stay valid.
public final class LoadedPlugin: @unchecked Sendable {
    /// The file as found in a plugin folder.
    public let file: String
    /// The private, content-addressed copy that was dlopen'ed.
    public let loadedFrom: String
    public let sha256: String
    /// The toolchain build tag: "c", "c++" or "swift-X.Y.Z".
    public let buildTag: String
    public let strategies: [StrategyDescriptor]

    let entry: UnsafePointer<quorum_plugin_entry_t>
    let factory: UnsafePointer<quorum_strategy_factory_t>

    init(file: String, loadedFrom: String, sha256: String, buildTag: String, strategies: [StrategyDescriptor],
         entry: UnsafePointer<quorum_plugin_entry_t>, factory: UnsafePointer<quorum_strategy_factory_t>) {
        self.file = file
        self.loadedFrom = loadedFrom
        self.sha256 = sha256
        self.buildTag = buildTag
        self.strategies = strategies
        self.entry = entry
        self.factory = factory
    }

    deinit {
        entry.pointee.deinit!()   // checked non-null at load
    }

    /// The language the build tag names.
    public var language: String { Self.language(ofBuildTag: buildTag) }

    /// The language a build tag names: C, C++, Swift (`swift-X.Y.Z`), else the tag itself, capitalized (the
    /// header asks other languages for their lowercase name: `rust` is Rust).
    public static func language(ofBuildTag tag: String) -> String {
        switch tag {
        case QUORUM_BUILD_TAG_C: return "C"
        case QUORUM_BUILD_TAG_CXX: return "C++"
        default: return tag.hasPrefix("swift-") ? "Swift" : tag.prefix(1).uppercased() + tag.dropFirst()
        }
    }
}

/// Every usable strategy found, and every file that was refused.
public struct PluginCatalog: Sendable {
    public var plugins: [LoadedPlugin]
    public var refusals: [PluginRefusal]

    public init(plugins: [LoadedPlugin] = [], refusals: [PluginRefusal] = []) {
        self.plugins = plugins
        self.refusals = refusals
    }

    /// The plugin providing strategy `id`, and its descriptor.
    public func strategy(_ id: String) -> (plugin: LoadedPlugin, descriptor: StrategyDescriptor)? {
        for plugin in plugins {
            if let d = plugin.strategies.first(where: { $0.id == id }) { return (plugin, d) }
        }
        return nil
    }

    /// Every strategy id, in load order.
    public var strategyIDs: [String] { plugins.flatMap { $0.strategies.map(\.id) } }
}
