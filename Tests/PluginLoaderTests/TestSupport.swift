import Foundation
import XCTest

/// The repository root, found from this file's path (Tests/PluginLoaderTests/TestSupport.swift).
let repoRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A fresh temporary folder (mode 0755), removed by the caller's `addTeardownBlock`.
func makeTemporaryFolder(_ testCase: XCTestCase, _ prefix: String = "quorum-test") throws -> String {
    let template = NSTemporaryDirectory() + "/\(prefix)-XXXXXX"
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else { throw ShellError("mkdtemp failed") }
    let path = URL(fileURLWithPath: String(cString: made)).standardizedFileURL.path
    chmod(path, 0o755)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

struct ShellError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `arguments` (argv[0] found on PATH) and returns its combined output; throws when it exits non-zero.
@discardableResult
func shell(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ShellError("\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)):\n\(output)")
    }
    return output
}

/// Writes `text` to `path`.
func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

/// Compiles C `source` into the shared library `output` (mode 0755) against the plugin ABI header.
func compilePlugin(source: String, output: String, scratch: String, extraFlags: [String] = []) throws {
    let sourcePath = scratch + "/" + URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent + ".c"
    try write(source, to: sourcePath)
    try shell(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-fvisibility=hidden",
             "-I\(repoRoot)/PluginAPI/include"] + extraFlags + ["-o", output, sourcePath])
    chmod(output, 0o755)
}
