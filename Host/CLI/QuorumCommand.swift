import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Quorum
import QuorumInterrupt
import QuorumPlugins

/// `quorum` — the plugin-hosted strategy ensemble runtime.
@main
struct QuorumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quorum",
        abstract: "Run an ensemble of strategy plugins: backtest, compare, report, validate, inspect plugins.",
        version: quorumVersion,
        subcommands: [BacktestCommand.self, CompareCommand.self, ReportCommand.self, ResumeCommand.self,
                      ValidateCommand.self, PluginsCommand.self, NewCommand.self])

    /// Parses and runs; exit codes follow SPEC §13 (0 ok, 1 failure, 2 bad usage or invalid input).
    static func main() {
        CrashNote.installHandler()   // a plugin that crashes is named before the process ends
        do {
            var command = try parseAsRoot()
            try command.run()
            // Output a script reads must have been written: a full disk or a closed pipe is a failure, not success.
            if fflush(stdout) != 0 || ferror(stdout) != 0 {
                fputs("quorum: cannot write the output: \(String(cString: strerror(errno)))\n", stderr)
                Glibc.exit(1)
            }
        } catch let error as RuntimeError {
            fputs(error.description + "\n", stderr)
            // Stopped by a signal: ended by it, so that a shell or a service manager sees the interruption.
            if case .interrupted(let signal, _) = error { quorum_interrupt_end_by(signal) }
            Glibc.exit(error.exitCode)
        } catch let error as CommandFailure {
            if !error.message.isEmpty { fputs(error.message + "\n", stderr) }
            Glibc.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            fputs(fullMessage(for: error) + "\n", stderr)
            Glibc.exit(code == .failure ? 1 : 2)
        }
    }
}

/// A command that failed after printing what it had to say (e.g. a validator with FAIL lines).
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 1
}

/// Options every command that reads a configuration shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    func makeLogger() -> Logger {
        var logger = Logger(label: "quorum") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = logLevel
        return logger
    }
}

var processEnvironment: [String: String] { ProcessInfo.processInfo.environment }

/// `--log-level` takes swift-log's level names; any other is bad usage (exit 2).
extension Logger.Level: @retroactive ExpressibleByArgument {}
