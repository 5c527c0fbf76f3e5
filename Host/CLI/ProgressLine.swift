#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// A progress bar on standard error, drawn only when standard error is a terminal (quiet otherwise).
final class ProgressLine {
    private let estimatedEvents: Int
    private let started = Date()
    private var lastDraw = Date.distantPast

    /// nil when standard error is not a terminal; `estimatedEvents` is called only when it is (it reads the
    /// data files).
    init?(estimatedEvents: () -> Int) {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        self.estimatedEvents = max(estimatedEvents(), 1)
    }

    func update(events: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let fraction = min(Double(events) / Double(estimatedEvents), 0.99)
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(events) / max(now.timeIntervalSince(started), 1e-6)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        fputs("\r\(bar) \(Int(fraction * 100))%  \(events) events  \(Int(rate)) events/s", stderr)
    }

    func finish() { fputs("\r\u{1B}[K", stderr) }

    /// Estimates the number of rows of CSV files from their sizes and the line length of their first 64 KiB
    /// (regular files only: reading a pipe here would take bars from the run, or wait for a writer).
    static func estimateEvents(files: [String]) -> Int {
        files.reduce(0) { total, path in
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let file = fopen(path, "rb") else {
                return total
            }
            defer { fclose(file) }
            var sample = [UInt8](repeating: 0, count: 1 << 16)
            let sampled = fread(&sample, 1, sample.count, file)
            let lines = max(sample[..<sampled].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }, 1)
            let size = fseek(file, 0, SEEK_END) == 0 ? max(ftell(file), sampled) : sampled
            return total + size * lines / max(sampled, 1)
        }
    }
}
