import ArgumentParser
import FoundationEssentials
import Quorum

/// `quorum new strategy NAME --lang c|swift`.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create something new.", subcommands: [NewStrategy.self])
}

struct NewStrategy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategy", abstract: "Write a ready-to-build plugin skeleton (build it with `make`).")

    @Argument(help: "The strategy's name (letters, digits, - and _).")
    var name: String

    @Option(name: .long, help: "c or swift.")
    var lang: String = "c"

    @Option(name: .long, help: "The folder to create the skeleton in.")
    var output: String = "."

    @Option(name: .long, help: "The Quorum checkout holding PluginAPI/ (default: found from this binary or the working directory).")
    var sdk: String?

    func run() throws {
        guard let language = StrategySkeleton.Language(rawValue: lang) else {
            throw ValidationError("--lang must be c or swift")
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        guard let root = sdk ?? StrategySkeleton.locateSDK(from: binary)
            ?? StrategySkeleton.locateSDK(from: FileManager.default.currentDirectoryPath) else {
            throw RuntimeError.invalidInput("cannot find the Quorum checkout (PluginAPI/include/quorum_plugin.h); pass --sdk")
        }
        let skeleton = try StrategySkeleton(name: name, language: language, sdk: root)
        let folder = try skeleton.write(into: output)
        print("created \(folder): build with `make -C \(folder)`, then `quorum plugins validate \(folder)/\(skeleton.libraryName)`")
    }
}
