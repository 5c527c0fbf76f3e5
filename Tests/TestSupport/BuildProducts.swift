import Foundation

/// Where `swift build` put the plugin libraries the tests load: the nearest folder at or above the running test
/// binary that holds `libQuorumSMACross.so`. Nil when the plugins were not built (run `swift build` first).
public enum BuildProducts {
    public static let folder: String? = {
        let starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(), Bundle.main.bundleURL]
        for start in starts {
            var url = start.standardizedFileURL
            while url.path != "/" {
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("libQuorumSMACross.so").path) {
                    return url.path
                }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }()
}
