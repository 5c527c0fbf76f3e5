#if canImport(Glibc)
import Glibc
#endif
import QuorumModel
import QuorumPluginAPI
import QuorumPluginKit

/// How the loader finds and trusts plugin files.
public struct PluginLoaderOptions: Sendable {
    /// Folders searched for `*.so` files, in order.
    public var folders: [String]
    public var trust: TrustMode
    /// Optional pins: file name (e.g. "libQuorumSMACross.so") → expected lowercase hex sha256.
    public var pins: [String: String]
    /// Where private copies go.
    public var copyFolder: String
    /// A plugin file is remembered by its stamp (and not read again while the stamp is unchanged) only once it
    /// has not changed for this many seconds; see ``FileStamp``.
    var settledAge: Double = 2

    public init(folders: [String], trust: TrustMode = .strict, pins: [String: String] = [:], copyFolder: String) {
        self.folders = folders
        self.trust = trust
        self.pins = pins
        self.copyFolder = copyFolder
    }

    /// Options with the default private-copy folder for `environment`.
    public init(folders: [String], trust: TrustMode = .strict, pins: [String: String] = [:],
                environment: [String: String]) {
        self.init(folders: folders, trust: trust, pins: pins,
                  copyFolder: PrivateCopyStore.defaultFolder(environment: environment))
    }
}

/// Loads strategy plugins (SPEC §5): each file is checked, copied privately by content hash, dlopen'ed with
/// RTLD_NOW | RTLD_LOCAL, validated against the ABI, and initialised; a file that fails any step is refused
/// with one line naming it and the reason, and loading goes on with the rest. Loaded code is never unloaded.
public struct PluginLoader {
    public let options: PluginLoaderOptions
    private let store: PrivateCopyStore

    public init(options: PluginLoaderOptions) {
        self.options = options
        self.store = PrivateCopyStore(folder: options.copyFolder, settledAge: options.settledAge)
    }

    /// Loads every `*.so` in the configured folders (each folder's files in name order).
    public func loadAll() -> PluginCatalog {
        load(files: options.folders.flatMap { PluginLoader.libraries(in: $0) })
    }

    /// Loads the given files, in order. A strategy id provided by an earlier file wins; the later file is
    /// refused naming both.
    public func load(files: [String]) -> PluginCatalog {
        var catalog = PluginCatalog()
        var owners: [String: String] = [:]
        for file in files {
            switch load(file: file) {
            case .failure(let refusal):
                catalog.refusals.append(refusal)
            case .success(let plugin):
                if let clash = plugin.strategies.first(where: { owners[$0.id] != nil }) {
                    // Not kept: releasing `plugin` undoes its init.
                    catalog.refusals.append(PluginRefusal(
                        file: file, reason: .duplicateStrategyID(id: clash.id, otherFile: owners[clash.id]!)))
                    continue
                }
                for s in plugin.strategies { owners[s.id] = file }
                catalog.plugins.append(plugin)
            }
        }
        return catalog
    }

    /// Loads one file.
    public func load(file: String) -> Result<LoadedPlugin, PluginRefusal> {
        do {
            return .success(try loadChecked(file))
        } catch {
            return .failure(PluginRefusal(file: file, reason: error))
        }
    }

    private func loadChecked(_ file: String) throws(PluginRefusal.Reason) -> LoadedPlugin {
        if let problem = TrustCheck.problem(with: file, mode: options.trust) { throw .untrusted(problem) }
        try store.prepareFolder()
        let copy: String, digest: String
        if let remembered = try store.rememberedCopy(of: file) {
            (copy, digest) = remembered
            try checkPin(of: file, digest: digest)
        } else {
            let (bytes, stamp) = try PrivateCopyStore.readFile(file)
            try ELFCheck.requireSharedObject(bytes)
            digest = SHA256.hex(of: bytes)
            try checkPin(of: file, digest: digest)
            copy = try store.store(bytes, sha256: digest)
            store.remember(stamp, sha256: digest)
        }

        guard let handle = dlopen(copy, RTLD_NOW | RTLD_LOCAL) else {
            throw .notSharedLibrary(dlerror().map { String(cString: $0) } ?? "dlopen failed")
        }
        // Never dlclose: code of a refused library may still be referenced by nothing, but unloading a
        // library whose constructors ran (Swift, C++) is not reliably safe.
        guard let symbol = dlsym(handle, pluginEntrySymbol) else { throw .noEntrySymbol }
        let entryFunction = unsafeBitCast(symbol, to: quorum_plugin_entry_fn.self)
        var hostVersion = quorum_version_t(major: QUORUM_ABI_VERSION_MAJOR, minor: QUORUM_ABI_VERSION_MINOR)
        guard let entry = entryFunction(&hostVersion) else {
            throw .entryRefusedHost(major: QUORUM_ABI_VERSION_MAJOR, minor: QUORUM_ABI_VERSION_MINOR)
        }
        let entrySize = MemoryLayout<quorum_plugin_entry_t>.size
        guard Int(entry.pointee.struct_size) >= entrySize else {
            throw .structTooSmall(name: "quorum_plugin_entry_t", size: entry.pointee.struct_size, needed: entrySize)
        }
        guard entry.pointee.abi_major == QUORUM_ABI_VERSION_MAJOR else {
            throw .abiMajorMismatch(plugin: entry.pointee.abi_major, host: QUORUM_ABI_VERSION_MAJOR)
        }
        guard let tagPointer = entry.pointee.build_tag else { throw .invalidEntry("null build_tag") }
        let buildTag = String(cString: tagPointer)
        guard !buildTag.isEmpty else { throw .invalidEntry("empty build_tag") }
        if isSwiftBuildTag(buildTag) && buildTag != swiftCompilerBuildTag {
            throw .toolchainMismatch(plugin: buildTag, host: swiftCompilerBuildTag)
        }
        guard let initialise = entry.pointee.`init`, let getFactory = entry.pointee.get_factory,
              entry.pointee.deinit != nil else {
            throw .invalidEntry("null function in the entry table")
        }
        let status = file.withCString { initialise($0) }
        guard status == QUORUM_OK else { throw .initFailed(status) }
        do {
            let factory = try readFactory(getFactory)
            let strategies = try readDescriptors(factory)
            return LoadedPlugin(file: file, loadedFrom: copy, sha256: digest, buildTag: buildTag,
                                strategies: strategies, entry: entry, factory: factory)
        } catch {
            entry.pointee.deinit?()
            throw error
        }
    }

    private func checkPin(of file: String, digest: String) throws(PluginRefusal.Reason) {
        if let pin = options.pins[FilePath.name(of: file)], pin.lowercased() != digest {
            throw .pinMismatch(expected: pin.lowercased(), actual: digest)
        }
    }

    private func readFactory(_ getFactory: @convention(c) (UnsafePointer<CChar>?) -> UnsafeRawPointer?)
        throws(PluginRefusal.Reason) -> UnsafePointer<quorum_strategy_factory_t> {
        guard let raw = getFactory(QUORUM_STRATEGY_FACTORY_ID) else { throw .noFactory }
        let factory = raw.assumingMemoryBound(to: quorum_strategy_factory_t.self)
        let size = MemoryLayout<quorum_strategy_factory_t>.size
        guard Int(factory.pointee.struct_size) >= size else {
            throw .structTooSmall(name: "quorum_strategy_factory_t", size: factory.pointee.struct_size, needed: size)
        }
        guard factory.pointee.abi_major == QUORUM_ABI_VERSION_MAJOR else {
            throw .abiMajorMismatch(plugin: factory.pointee.abi_major, host: QUORUM_ABI_VERSION_MAJOR)
        }
        guard factory.pointee.count != nil, factory.pointee.descriptor != nil, factory.pointee.create != nil else {
            throw .invalidEntry("null function in the strategy factory")
        }
        return factory
    }

    private func readDescriptors(_ factory: UnsafePointer<quorum_strategy_factory_t>)
        throws(PluginRefusal.Reason) -> [StrategyDescriptor] {
        let count = Int(factory.pointee.count!(factory))
        guard count >= 1 else { throw .invalidDescriptor(index: 0, problem: "the factory lists no strategy") }
        guard count <= 4096 else { throw .invalidDescriptor(index: 0, problem: "implausible count \(count)") }
        var result: [StrategyDescriptor] = []
        for index in 0..<count {
            let descriptor: StrategyDescriptor
            do {
                descriptor = try DescriptorReader.read(factory.pointee.descriptor!(factory, UInt32(index)))
            } catch {
                throw .invalidDescriptor(index: index, problem: error.text)
            }
            if result.contains(where: { $0.id == descriptor.id }) {
                throw .invalidDescriptor(index: index, problem: "id '\(descriptor.id)' listed twice")
            }
            result.append(descriptor)
        }
        return result
    }

    /// The `*.so` files directly inside `folder`, sorted by name. A missing folder yields none.
    public static func libraries(in folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasSuffix(".so") || name.contains(".so.") { names.append(name) }
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return names.sorted().map { prefix + $0 }
    }
}

/// Tells a shared object from anything else before dlopen sees it, for a clear refusal.
enum ELFCheck {
    static func requireSharedObject(_ bytes: [UInt8]) throws(PluginRefusal.Reason) {
        guard bytes.count >= 18, bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c, bytes[3] == 0x46 else {
            throw .notSharedLibrary("no ELF header")
        }
        let type = bytes[5] == 2 ? UInt16(bytes[16]) << 8 | UInt16(bytes[17]) : UInt16(bytes[17]) << 8 | UInt16(bytes[16])
        guard type == 3 else { throw .notSharedLibrary("an ELF file of type \(type), not a shared object") }
    }
}
