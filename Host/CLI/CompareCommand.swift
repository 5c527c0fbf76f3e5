import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Quorum
import QuorumModel
import QuorumReport

/// `quorum compare`: the ensemble and every strategy side by side (SPEC §12).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare the ensemble and every strategy of a journaled run.")

    @Argument(help: "The journal (default: the configuration's journal.path).")
    var journal: String?

    @Option(name: .long, help: "The configuration whose journal.path to read when no journal is given.")
    var config: String = "strategies.yaml"

    @Option(name: .customLong("run"), help: "The run to compare (default: the newest in the journal).")
    var runID: String?

    @Option(name: .long, help: "Sort by a metric (best first), e.g. sharpe, max_drawdown, or name.")
    var sort: String?

    @Option(name: .long, help: "Output: table, json, csv or html.")
    var format: ComparisonFormat = .table

    func run() throws {
        let path = try journal ?? JournalLocation.configured(config)
        let comparison = try RunComparison(journal: path, runID: runID, keepingCurves: false)
        if let note = comparison.incompleteNote { fputs("note: \(note)\n", stderr) }
        for (strategy, time) in comparison.quarantines {
            fputs("note: \(strategy) was quarantined at \(Timestamps.format(time, comparison.run.info.timeFormat)) "
                  + "(too many faults in a row): its book stops trading there\n", stderr)
        }
        var table = comparison.table
        if let sort {
            do {
                table = try table.sorted(by: sort)
            } catch {
                throw RuntimeError.invalidInput("--sort: \(error)")
            }
        }
        print(format.render(table), terminator: "")   // every rendering ends its own last line
    }
}

extension ComparisonFormat: ExpressibleByArgument {}

/// Where a command finds the journal when none is named: the configuration's `journal.path`.
enum JournalLocation {
    static func configured(_ config: String) throws -> String {
        switch ConfigLoaderFacade.journalPath(config) {
        case .success(let path): return path
        case .failure(let error): throw error
        }
    }
}
