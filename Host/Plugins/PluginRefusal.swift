/// Why a plugin file cannot be used. Each refusal is printed as one line naming the file and the reason
/// (SPEC §5); the host goes on with the other files.
public struct PluginRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Error, Sendable, Equatable {
        case unreadable(String)
        case untrusted(String)
        /// The private-copy cache could be changed by another user (see ``PrivateCopyStore``).
        case unsafeCache(String)
        case pinMismatch(expected: String, actual: String)
        case notSharedLibrary(String)
        case noEntrySymbol
        case entryRefusedHost(major: UInt32, minor: UInt32)
        case abiMajorMismatch(plugin: UInt32, host: UInt32)
        case structTooSmall(name: String, size: UInt32, needed: Int)
        case toolchainMismatch(plugin: String, host: String)
        case invalidEntry(String)
        case initFailed(Int32)
        case noFactory
        case invalidDescriptor(index: Int, problem: String)
        case duplicateStrategyID(id: String, otherFile: String)
    }

    /// The plugin file as the user named it (not the private copy).
    public var file: String
    public var reason: Reason

    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    /// One line: `FILE: refused: REASON`.
    public var description: String { "\(file): refused: \(reasonText)" }

    public var reasonText: String {
        switch reason {
        case .unreadable(let why): return "cannot read the file (\(why))"
        case .untrusted(let why): return "untrusted: \(why) (set plugins.trust: any to allow)"
        case .unsafeCache(let why): return "unsafe private-copy cache: \(why); fix or remove it, or set XDG_CACHE_HOME"
        case .pinMismatch(let expected, let actual):
            return "sha256 \(actual) does not match the pin \(expected) in the configuration"
        case .notSharedLibrary(let why): return "not a shared library (\(why))"
        case .noEntrySymbol: return "no entry symbol '\(pluginEntrySymbol)' (is it built against quorum_plugin.h?)"
        case .entryRefusedHost(let major, let minor):
            return "the plugin's entry refused host ABI \(major).\(minor)"
        case .abiMajorMismatch(let plugin, let host):
            return "ABI major mismatch: plugin \(plugin), host \(host)"
        case .structTooSmall(let name, let size, let needed):
            return "struct too small: \(name) declares \(size) bytes, ABI 1.0 needs \(needed)"
        case .toolchainMismatch(let plugin, let host):
            return "toolchain mismatch: built with \(plugin), the host is \(host); "
                + "rebuild the plugin with the host's Swift toolchain"
        case .invalidEntry(let why): return "invalid entry table: \(why)"
        case .initFailed(let code): return "init failed with status \(code)"
        case .noFactory: return "no strategy factory ('quorum.strategy-factory/1')"
        case .invalidDescriptor(let index, let problem): return "invalid descriptor #\(index): \(problem)"
        case .duplicateStrategyID(let id, let otherFile):
            return "duplicate strategy id '\(id)': also provided by \(otherFile)"
        }
    }
}

/// The name of the one symbol a plugin exports.
public let pluginEntrySymbol = "quorum_plugin_entry"
