import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Quorum
import QuorumData
import QuorumModel
import QuorumPlugins

/// `quorum plugins validate PATH`: the conformance checker. PASS/FAIL per check; exit 1 on any failure.
struct ValidatePlugin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a plugin file against the ABI and run it over sample data.")

    @Argument(help: "The plugin .so file.")
    var path: String

    @Option(name: .long, help: ArgumentHelp("Sample bar files (repeatable), in order: a strategy runs on as many as its "
            + "least number of symbols, the first ones; default: the bundled GOOG, ORCL and NVDA files (a one-symbol "
            + "strategy: GOOG)."))
    var data: [String] = []

    @OptionGroup var common: CommonOptions

    func run() throws {
        let files = data.isEmpty ? try SampleData.defaultFiles() : data
        var samples: [(symbol: String, bars: [Bar])] = []
        for file in files {
            do {
                var reader = try CSVBarReader(path: file)
                var bars: [Bar] = []
                while let bar = try reader.next() { bars.append(bar) }
                let name = FilePath.name(of: file)
                samples.append((String(name.split(separator: "_").first ?? Substring(name)), bars))
            } catch {
                throw RuntimeError.invalidInput("\(error)")
            }
        }
        let copies = try PrivateTemporaryFolder()
        defer { copies.remove() }
        var checker = PluginConformance(samples: samples, copyFolder: copies.path, logger: common.makeLogger())
        checker.onCheck = { check in   // out before the next check runs: a plugin may crash the process in it
            print(check)
            fflush(stdout)
        }
        let checks = checker.check(file: path)
        let failed = checks.filter { !$0.passed }.count
        print(failed == 0 ? "\(path): all \(checks.count) checks passed" : "\(path): \(failed) of \(checks.count) checks failed")
        if failed > 0 { throw CommandFailure(message: "", exitCode: 1) }
    }
}

/// A fresh folder of this process only, made by mkdtemp (mode 0700) under the temporary directory, for the
/// private copies of `validate`: a predictable name such as `quorum-validate-<uid>` could be made first by
/// another user.
struct PrivateTemporaryFolder {
    let path: String

    init() throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/quorum-validate-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw RuntimeError.failure("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    /// Removes the folder and the copies in it (code already loaded from them stays mapped).
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Finds the bundled sample data: `data/` in the working directory, or beside the checkout the binary was
/// built in.
enum SampleData {
    static let names = ["GOOG_1d.csv", "ORCL_1d.csv", "NVDA_1d.csv"]

    static func defaultFiles() throws -> [String] {
        var candidates = [FileManager.default.currentDirectoryPath + "/data"]
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<6 {
            url.deleteLastPathComponent()
            candidates.append(url.path + "/data")
        }
        for folder in candidates where FileManager.default.fileExists(atPath: "\(folder)/\(names[0])") {
            return names.map { "\(folder)/\($0)" }
        }
        throw RuntimeError.invalidInput("cannot find the bundled sample data (data/GOOG_1d.csv); pass --data FILE")
    }
}
