import ArgumentParser
import Quorum
import QuorumConfig

/// `quorum validate [FILE]`: checks a configuration and the plugins it names.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a strategies.yaml: every error at once, as FILE:LINE:COL.")

    @Argument(help: "The configuration file.")
    var file: String = "strategies.yaml"

    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger()
        let workspace = try Workspace.load(configPath: file, environment: processEnvironment, logger: logger).get()
        let config = workspace.config
        for warning in config.warnings { print(warning) }
        let instanceErrors = workspace.instanceErrors(logger: logger)
        if !instanceErrors.isEmpty {
            // Invalid input (2) unless one failed for another reason than its entry (no memory: 1).
            let invalid = instanceErrors.allSatisfy { if case .invalidInput = $0 { true } else { false } }
            throw CommandFailure(message: instanceErrors.map(\.description).joined(separator: "\n"),
                                 exitCode: invalid ? 2 : 1)
        }
        let active = config.strategies.filter(\.enabled).count
        print("\(file): OK — \(active) strateg\(active == 1 ? "y" : "ies"), \(config.data.count) data file(s), "
            + "\(workspace.catalog.strategyIDs.count) plugin strategies available"
            + (config.parametersChecked ? "" : " (parameters not checked: no plugin catalog)"))
    }
}
