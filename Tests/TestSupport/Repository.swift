import Foundation

/// Paths inside this repository, for tests that read the bundled data and fixtures.
public enum Repository {
    /// The repository's root folder.
    public static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// A bundled data file, e.g. `data("GOOG_1d.csv")`.
    public static func data(_ name: String) -> String { "\(root)/data/\(name)" }

    /// A test fixture, e.g. `fixture("oracle/GOOG_sma_10_30.metrics.json")`.
    public static func fixture(_ name: String) -> String { "\(root)/Tests/Fixtures/\(name)" }
}
