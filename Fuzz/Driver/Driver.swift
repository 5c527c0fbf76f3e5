import QuorumFuzzTargets
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Two builds of one driver:
// - `Fuzz/run` builds it with `-DFUZZING` and libFuzzer (`--sanitize=fuzzer`), which supplies `main` and calls
//   `LLVMFuzzerTestOneInput` with each input; the target comes from `QUORUM_FUZZ_TARGET`.
// - The ordinary build has a `main` that replays files: `quorum-fuzz TARGET FILE…` runs each file through the
//   target and prints what it broke, to reproduce a finding without the fuzzer.

/// The scratch file the CSV target writes its input to, named by `tag`.
private func scratchPath(_ tag: String) -> String {
    let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return "\(folder)/quorum-fuzz-\(tag).csv"
}

#if FUZZING
nonisolated(unsafe) private var selected: FuzzTarget?
nonisolated(unsafe) private var scratch = ""

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let name = getenv("QUORUM_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fputs("quorum-fuzz: set QUORUM_FUZZ_TARGET to one of: \(known)\n", stderr)
        exit(2)
    }
    selected = target
    // Named by the target, not the process: the path is in every error, and its length (a String inline or on
    // the heap) changes the code run, so a name that varied would make a seeded run unrepeatable.
    scratch = scratchPath(target.rawValue)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let findings = selected!.findings(for: UnsafeRawBufferPointer(start: data, count: size), scratch: scratch)
    if !findings.isEmpty {
        fputs("quorum-fuzz: \(selected!.rawValue): \(findings.joined(separator: "\n"))\n", stderr)
        abort()   // libFuzzer saves the input as a crash
    }
    return 0
}
#else
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            fputs("usage: quorum-fuzz \(known) FILE...\n", stderr)
            exit(2)
        }
        let scratch = scratchPath("replay-\(getpid())")
        defer { unlink(scratch) }
        var failed = 0
        for path in arguments.dropFirst() {
            guard let input = contents(of: path) else {
                fputs("\(path): cannot read\n", stderr)
                exit(2)
            }
            let findings = target.findings(for: input, scratch: scratch)
            for finding in findings { print("\(path): \(finding)") }
            if !findings.isEmpty { failed += 1 }
        }
        print("\(arguments.count - 1) inputs, \(failed) with findings")
        exit(failed == 0 ? 0 : 1)
    }

    static func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes.append(contentsOf: chunk[..<count])
            if count < chunk.count { return ferror(file) == 0 ? bytes : nil }
        }
    }
}
#endif
