import Foundation

/// Why a command of ``shell(_:)`` failed.
public struct ShellError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs `arguments` (argv[0] found on PATH); its exit status and combined output.
public func runCommand(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// Runs `arguments` and returns its combined output; throws when it exits non-zero.
@discardableResult
public func shell(_ arguments: [String]) throws -> String {
    let (status, output) = try runCommand(arguments)
    guard status == 0 else { throw ShellError("\(arguments.joined(separator: " ")) failed (\(status)):\n\(output)") }
    return output
}

/// Compiles C `source` into the shared library `output` (mode 0755) against the plugin ABI header (and the
/// reference plugins' support header), warnings as errors; the source file goes into `scratch`.
public func compilePlugin(source: String, output: String, scratch: String, extraFlags: [String] = []) throws {
    let sourcePath = scratch + "/" + URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent + ".c"
    try source.write(toFile: sourcePath, atomically: false, encoding: .utf8)
    try shell(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-fvisibility=hidden",
               "-I\(Repository.root)/PluginAPI/include", "-I\(Repository.root)/Plugins/Common"]
              + extraFlags + ["-o", output, sourcePath])
    chmod(output, 0o755)
}

/// The start of a test plugin's C source with one strategy: the headers, the descriptor `desc` of strategy `id`
/// (`summary` its description; `symbols` how many it takes; no parameters), `inst_t` holding `api` and the
/// `fields` given, and no-op `activate` and `deactivate`. The source goes on with `on_bar`, then
/// ``singleStrategyPluginTail``.
public func singleStrategyPluginHead(id: String, summary: String, symbols: ClosedRange<Int> = 1...1,
                                     fields: String) -> String {
    """
    #include "quorum_plugin.h"
    #include "quorum_plugin_support.h"
    #include <stdlib.h>

    static const quorum_strategy_descriptor_t desc = {sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR,
       QUORUM_ABI_VERSION_MINOR, 1, "\(id)", "Test \(id)", "Test", "1.0", "\(summary)", 0,
       \(symbols.lowerBound), \(symbols.upperBound), 0, 0, NULL};
    typedef struct { quorum_strategy_t api; \(fields) } inst_t;

    static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *a) { (void)s; (void)a; return 0; }
    static void deactivate(const quorum_strategy_t *s) { (void)s; }

    """
}

/// The end of a test plugin's C source with one strategy: no-op state, then ``singleStrategyPluginEntry``.
public let singleStrategyPluginTail = #"""
static int32_t save(const quorum_strategy_t *s, const quorum_ostream_t *o) { (void)s; (void)o; return 0; }
static int32_t load(const quorum_strategy_t *s, const quorum_istream_t *i) { (void)s; (void)i; return 0; }
"""# + singleStrategyPluginEntry

/// `create` allocating an `inst_t` (whose first field is `quorum_strategy_t api`) with the source's `activate`,
/// `deactivate`, `on_bar`, `save` and `load`, and the entry point, for the descriptor named `desc`.
public let singleStrategyPluginEntry = #"""
static int32_t create(const quorum_host_t *host, const quorum_param_value_t *p, uint32_t n,
                      const quorum_strategy_t **out) {
   (void)host; (void)p; (void)n;
   inst_t *i = calloc(1, sizeof *i);
   if (!i) return QUORUM_ERR_NO_MEMORY;
   qps_strategy_table(&i->api, &desc, i);
   i->api.activate = activate; i->api.deactivate = deactivate; i->api.on_bar = on_bar;
   i->api.save_state = save; i->api.load_state = load;
   *out = &i->api;
   return QUORUM_OK;
}
QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(desc, create, QUORUM_BUILD_TAG_C)
"""#
