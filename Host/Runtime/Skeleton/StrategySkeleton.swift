import FoundationEssentials

/// `quorum new strategy NAME --lang c|swift`: a ready-to-build plugin folder (source, Makefile, README) that
/// passes `quorum plugins validate` unchanged. Build it with `make`.
public struct StrategySkeleton {
    public enum Language: String, CaseIterable, Sendable { case c, swift }

    /// Folder name and library name, e.g. "my-breakout".
    public let name: String
    public let language: Language
    /// The Quorum checkout holding PluginAPI/ (the header, the Swift kit, the export map).
    public let sdk: String

    /// The longest name: the strategy id (`org.example.NAME`) stays far below the loader's 255 bytes.
    public static let maxNameLength = 64

    public init(name: String, language: Language, sdk: String) throws {
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool { isLetter(c) || ("0"..."9").contains(c) }
        guard let first = name.unicodeScalars.first, isLetter(first), let last = name.unicodeScalars.last,
              isLetterOrDigit(last), name.utf8.count <= Self.maxNameLength,
              name.unicodeScalars.allSatisfy({ isLetterOrDigit($0) || $0 == "-" || $0 == "_" })
        else {
            // The id's labels may not end with '-' (the loader refuses them), and '_' becomes '-'.
            throw RuntimeError.invalidInput("strategy name '\(name)' must start with a letter, end with a letter or "
                + "digit, use only A-Z a-z 0-9 - _, and have at most \(Self.maxNameLength) characters")
        }
        // make cannot quote file names: blanks and its special characters in the path break the Makefile.
        guard !sdk.contains(where: { $0.isWhitespace || "#:$%\\\"'".contains($0) }) else {
            throw RuntimeError.invalidInput("the Quorum checkout '\(sdk)' has a blank or one of # : $ % \\ \" ' in "
                + "its path, which make cannot handle: pass --sdk a path without them (a symbolic link will do)")
        }
        self.name = name
        self.language = language
        self.sdk = sdk
    }

    /// Lowercase id label: "My_Breakout" → "my-breakout".
    var idLabel: String { name.lowercased().replacing("_", with: "-") }
    /// C identifier / Swift type name: "my-breakout" → "MyBreakout".
    var typeName: String {
        name.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
    var cIdentifier: String { idLabel.replacing("-", with: "_") }
    /// The Swift class and module: suffixed, so that no name can clash with a keyword, a standard type or the
    /// kit's ("int" made a class Int in a module Int, "strategy" a class inheriting from itself).
    var swiftClassName: String { typeName + "Strategy" }
    var swiftModuleName: String { typeName + "Plugin" }
    public var libraryName: String { "lib\(typeName).so" }

    /// The files of the skeleton: relative path → contents.
    public var files: [(path: String, contents: String)] {
        switch language {
        case .c:
            return [("\(cIdentifier).c", cSource), ("Makefile", cMakefile), ("README.md", readme)]
        case .swift:
            return [("\(typeName).swift", swiftSource), ("Makefile", swiftMakefile), ("README.md", readme)]
        }
    }

    /// Writes the skeleton into `folder/NAME`; refuses to overwrite an existing folder. Returns its path.
    public func write(into folder: String) throws -> String {
        let target = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        guard !FileManager.default.fileExists(atPath: target) else {
            throw RuntimeError.invalidInput("\(target) exists already")
        }
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
            for file in files {
                try file.contents.write(toFile: target + "/" + file.path, atomically: true, encoding: .utf8)
            }
        } catch {
            throw RuntimeError.failure("\(target): cannot write: \(FileErrorReason.of(error))")
        }
        return target
    }

    /// Finds a Quorum checkout (a folder with PluginAPI/include/quorum_plugin.h) at or above `start`.
    public static func locateSDK(from start: String) -> String? {
        var url = URL(fileURLWithPath: start).standardizedFileURL
        for _ in 0..<8 {
            if FileManager.default.fileExists(atPath: url.path + "/PluginAPI/include/quorum_plugin.h") { return url.path }
            url.deleteLastPathComponent()
        }
        return nil
    }

    var readme: String {
        """
        # \(name)

        A Quorum strategy plugin (`org.example.\(idLabel)`), written in \(language == .c ? "C" : "Swift").

        Rule: LONG when the close is above its simple moving average over `period` bars (default 20), FLAT when
        it falls below it; no signal otherwise.

        Build (needs the Quorum checkout at `\(sdk)`, set `QUORUM_SDK` to move it):

            make

        Check and drop in:

            quorum plugins validate \(libraryName)
            cp \(libraryName) /path/to/your/plugins/

        Everything the plugin may use is documented in `$(QUORUM_SDK)/PluginAPI/include/quorum_plugin.h`.
        """
    }
}
