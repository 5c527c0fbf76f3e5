/// The build tag of Swift code compiled by this compiler, e.g. "swift-6.3.1".
///
/// Swift plugins share the host's Swift runtime, so a plugin must come from the host's own toolchain. The
/// compiler version is only knowable at compile time, so this ladder is evaluated by the compiler that builds
/// the plugin (through QuorumPluginKit) and by the one that builds the host (which links the same file); the
/// loader compares the two strings.
public let swiftCompilerBuildTag: String = {
    #if compiler(>=7.0)
    return "swift-7.x"
    #elseif compiler(>=6.4)
    return "swift-6.4+"
    #elseif compiler(>=6.3.3)
    return "swift-6.3.3+"
    #elseif compiler(>=6.3.2)
    return "swift-6.3.2"
    #elseif compiler(>=6.3.1)
    return "swift-6.3.1"
    #elseif compiler(>=6.3)
    return "swift-6.3.0"
    #elseif compiler(>=6.2)
    return "swift-6.2"
    #elseif compiler(>=6.1)
    return "swift-6.1"
    #elseif compiler(>=6.0)
    return "swift-6.0"
    #else
    return "swift-5"
    #endif
}()

/// Whether a plugin's build tag names a Swift toolchain (and must then equal ``swiftCompilerBuildTag``).
public func isSwiftBuildTag(_ tag: String) -> Bool { tag.hasPrefix("swift-") }
