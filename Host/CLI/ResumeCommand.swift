import ArgumentParser
import FoundationEssentials
import Quorum
import QuorumJournal

/// `quorum resume`: asks the process writing a journal to leave HALTED (the kill switch) for ACTIVE (SPEC §8).
/// The request is written into the journal, for the daemon (not built yet) to take before its next event; a
/// backtest reads no requests (it leaves HALTED only by `auto_resume`).
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume trading after the kill switch (HALTED → ACTIVE).")

    @Argument(help: "The journal of the run to resume (default: the configuration's journal.path).")
    var journal: String?

    @Option(name: .long, help: "The configuration whose journal.path to use when no journal is given.")
    var config: String = "strategies.yaml"

    @Option(name: .long, help: "Why trading may resume (journaled with the change).")
    var reason: String

    func run() throws {
        let path = try journal ?? JournalLocation.configured(config)
        let id: Int64
        do {
            id = try ControlRequests.write(.resume, reason: reason, path: path)
        } catch {
            throw RuntimeError(error)
        }
        print("resume request \(id) written to \(path): a daemon running on this journal would apply it before its "
              + "next event (the daemon is not built yet, and a backtest does not read requests)")
    }
}
