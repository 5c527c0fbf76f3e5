import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Quorum
import QuorumReport

/// `quorum report`: one self-contained HTML file with curves, statistics, weights and faults (SPEC §12).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a self-contained HTML report of a journaled run.")

    @Argument(help: "The journal.")
    var journal: String

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String = "report.html"

    @Option(name: .customLong("run"), help: "The run to report (default: the newest in the journal).")
    var runID: String?

    func run() throws {
        let comparison = try RunComparison(journal: journal, runID: runID)
        if let note = comparison.incompleteNote { fputs("note: \(note)\n", stderr) }
        do {
            try HTMLReport(comparison.reportInput).write(to: URL(fileURLWithPath: output))
        } catch {
            throw RuntimeError.failure("\(output): cannot write: \(FileErrorReason.of(error))")
        }
        print("wrote \(output) (run \(comparison.run.info.id))")
    }
}
