import Foundation
@_exported import QuorumTestSupport
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

/// Writes `text` to `path`.
func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

