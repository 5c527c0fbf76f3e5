import Foundation
import QuorumReport
import XCTest

/// The report opens in a real browser (Debian's `chromium`, headless) without console errors and renders.
/// CI installs chromium (scripts/install-deps); without it these tests fail rather than skip.
final class ChromiumRenderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if ProcessInfo.processInfo.environment["QUORUM_KEEP_SCREENSHOTS"] == nil {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Thrown, failing the test, when chromium is not installed.
    private struct ChromiumMissing: Error, CustomStringConvertible {
        var description: String { "chromium is not on PATH: run scripts/install-deps (apt-get install chromium)" }
    }

    private func chromium() throws -> HeadlessChromium {
        guard let chromium = HeadlessChromium.locate() else { throw ChromiumMissing() }
        return chromium
    }

    private func isPNG(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url), data.count > 1000 else { return false }
        return data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    func testReportRendersWithoutConsoleErrors() throws {
        let chromium = try chromium()
        let page = folder.appendingPathComponent("report.html")
        let screenshot = folder.appendingPathComponent("report.png")
        try HTMLReport(ReportFixtures.input(strategies: 10, points: 2000, faults: 5)).write(to: page)
        let run = try chromium.load(page, screenshot: screenshot, workFolder: folder)
        print("chromium rendered the report in \(String(format: "%.2f", run.seconds)) s; screenshot: \(screenshot.path)")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.consoleMessages, [], "console output from the report page")
        XCTAssertTrue(isPNG(screenshot), "no screenshot written; chromium said:\n\(run.stderr)")
        XCTAssertLessThan(run.seconds, 30)
    }

    /// The detector is not vacuous: an uncaught exception on a page is seen.
    func testConsoleErrorsAreDetected() throws {
        let chromium = try chromium()
        let page = folder.appendingPathComponent("boom.html")
        try Data("<!DOCTYPE html><title>boom</title><p>x</p><script>throw new Error('boom')</script>".utf8).write(to: page)
        let run = try chromium.load(page, screenshot: folder.appendingPathComponent("boom.png"), workFolder: folder)
        XCTAssertEqual(run.consoleMessages.count, 1, run.stderr)
        XCTAssertTrue(run.consoleMessages.first?.contains("Uncaught Error: boom") == true, run.stderr)
    }
}
