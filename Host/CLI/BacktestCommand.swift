import ArgumentParser
import FoundationEssentials
import Quorum
import QuorumData
import QuorumInterrupt
import QuorumJournal
import QuorumModel

/// `quorum backtest`: runs the ensemble over historical bars.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest", abstract: "Backtest the ensemble of a configuration on historical bars.")

    @Option(name: .long, help: "The configuration file.")
    var config: String = "strategies.yaml"

    @Option(name: .long, help: "A CSV file of bars (repeatable, with --symbol); replaces the configuration's data.")
    var data: [String] = []

    @Option(name: .long, help: "The symbol of the matching --data file.")
    var symbol: [String] = []

    @Option(name: .long, help: "First time to include (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS).")
    var from: String?

    @Option(name: .long, help: "Last time to include (inclusive).")
    var to: String?

    @Option(name: .long, help: "Write the journal here instead of the configuration's journal.path.")
    var journal: String?

    @Option(name: .long, help: "Journal level: full, decisions or summary (default: the configuration's).")
    var journalLevel: JournalLevel?

    @Option(name: .long, help: "The run's id in the journal (default: bt-<UTC start>-<random>): 1 to 64 ASCII letters, digits, '.', '_' or '-'; client order ids start with it.")
    var runID: String?

    @Flag(name: .long, help: "Print one JSON object (SPEC §13) instead of the summary.")
    var json = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard data.count == symbol.count else {
            throw ValidationError("every --data needs a --symbol (got \(data.count) --data, \(symbol.count) --symbol)")
        }
        guard !symbol.contains("") else {
            throw ValidationError("a --symbol must not be empty (as a configuration's data[].symbol)")
        }
    }

    func run() throws {
        let logger = common.makeLogger()
        var options = BacktestOptions()
        do {
            options.timeRange = try TimeRange(from: from, to: to)
        } catch {
            throw RuntimeError.invalidInput("\(error)")
        }
        let workspace = try Workspace.load(configPath: config, environment: processEnvironment, logger: logger).get()
        for warning in workspace.config.warnings { logger.warning("\(warning)") }
        options.data = zip(data, symbol).map { (path: $0, symbol: $1) }
        options.journalPath = journal ?? workspace.config.journal.path
        options.journalLevel = journalLevel
        options.runID = runID
        let progress = ProgressLine(estimatedEvents: {
            ProgressLine.estimateEvents(
                files: options.data.isEmpty ? workspace.config.data.map(\.path) : options.data.map(\.path))
        })
        options.progress = progress.map { line in { line.update(events: $0) } }
        // Ctrl-C or SIGTERM stops the run at the end of a time step, its journal marked failed (QuorumCommand
        // then ends the process by the signal); a second one ends it at once.
        quorum_interrupt_install()
        options.interruption = {
            let signal = quorum_interrupt_pending()
            return signal == 0 ? nil : signal
        }
        let result: BacktestResult
        do {
            defer { progress?.finish() }   // also when the run fails: its error then starts a line of its own
            result = try BacktestRunner.run(workspace, options: options, logger: logger)
        }
        if json {
            print(result.jsonText(pretty: true))
        } else {
            print(BacktestSummary(result).text)
        }
    }
}

extension JournalLevel: ExpressibleByArgument {}
