import Foundation

/// Debian's `chromium` run headless on a local file: it loads the page, logs the page's console to stderr and
/// writes a screenshot.
///
/// Chromium 156 prints every console message of the page, whatever its level (`console.log`, `console.error`,
/// an uncaught exception), as an INFO log line of the form
/// `[pid:tid:date/time:INFO:CONSOLE:1] "Uncaught Error: boom", source: file:///…/page.html (1)`; older
/// versions wrote `INFO:CONSOLE(1)`. The rest of stderr is browser noise (D-Bus, GPU, the Debian launcher).
/// The report has no script, so any console line counts as an error.
struct HeadlessChromium {
    /// What one run produced.
    struct Run {
        var status: Int32
        var stderr: String
        var seconds: Double

        /// The page's console messages (see the type's documentation).
        var consoleMessages: [String] { HeadlessChromium.consoleMessages(in: stderr) }
    }

    let executable: String

    /// `chromium` from PATH, or nil when it is not installed.
    static func locate() -> HeadlessChromium? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return HeadlessChromium(executable: candidate) }
        }
        return nil
    }

    /// The console lines of a Chromium stderr log.
    static func consoleMessages(in stderr: String) -> [String] {
        stderr.split(whereSeparator: \.isNewline).map(String.init).filter {
            $0.contains(":CONSOLE:") || $0.contains(":CONSOLE(") || $0.contains("Uncaught")
        }
    }

    /// Loads `page`, waits for Chromium to exit (at most `timeout` seconds) and writes a `width`×`height` PNG
    /// screenshot to `screenshot`. The profile lives in `workFolder`, so runs neither touch $HOME nor share
    /// state.
    func load(_ page: URL, screenshot: URL, workFolder: URL, width: Int = 1280, height: Int = 1600,
              timeout: Double = 60) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(workFolder.appendingPathComponent("profile").path)",
                             "--screenshot=\(screenshot.path)", "--window-size=\(width),\(height)",
                             page.absoluteString]
        let log = workFolder.appendingPathComponent("chromium-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardError = handle
        process.standardOutput = handle
        let started = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(started) < timeout { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        return Run(status: process.terminationStatus, stderr: try String(contentsOf: log, encoding: .utf8),
                   seconds: seconds)
    }
}
