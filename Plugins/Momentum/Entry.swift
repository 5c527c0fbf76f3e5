import QuorumPluginKit

/// The library's one exported symbol (SPEC §4 rule 1).
@_cdecl("quorum_plugin_entry")
public func quorumPluginEntry(_ host: UnsafePointer<quorum_version_t>?) -> UnsafeRawPointer? { PluginExport.entry(host, [Momentum.self]) }
