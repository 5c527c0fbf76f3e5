import FoundationEssentials
import QuorumModel

/// Loads and validates `strategies.yaml`.
///
/// Loading is a pure function of the text, the environment and the catalog: nothing global is read or
/// changed. A reload is therefore safe by construction — load the new file, and only if the result is
/// `.success` swap it in; a file that fails validation changes nothing.
///
/// Plugin folders come from the file itself, so a host that wants parameters checked loads twice: once with
/// `catalog: nil` to learn `plugins.dirs`, then, after loading the plugins, again with their catalog. When the
/// first load fails, ``ConfigErrors/plugins`` still gives the folders if the `plugins:` section is sound, so the
/// second load can report every error at once.
public enum ConfigLoader {
    /// Reads and validates the file at `path`. Relative paths inside it are resolved against its folder;
    /// diagnostics name the file as `path` was given. `environment` supplies `QUORUM_PLUGIN_PATH` (pass
    /// `ProcessInfo.processInfo.environment`, or a dictionary in tests).
    public static func load(path: String, environment: [String: String] = [:],
                            catalog: StrategyCatalog? = nil) -> Result<QuorumConfig, ConfigErrors> {
        load(contents: FileManager.default.contents(atPath: path), path: path, environment: environment,
             catalog: catalog)
    }

    /// Validates `contents`, the file at `path` as it was read (nil: it could not be read), as
    /// ``load(path:environment:catalog:)`` does: a caller loading one file twice (with and without the catalog)
    /// reads it once.
    public static func load(contents data: Data?, path: String, environment: [String: String] = [:],
                            catalog: StrategyCatalog? = nil) -> Result<QuorumConfig, ConfigErrors> {
        guard let data else {
            return .failure(ConfigErrors(diagnostics: [
                ConfigDiagnostic(file: path, line: 1, column: 1, message: "cannot read the configuration file")]))
        }
        if let (location, byte) = firstInvalidUTF8(data) {
            let hex = String(byte, radix: 16, uppercase: true)
            return .failure(ConfigErrors(diagnostics: [
                ConfigDiagnostic(file: path, location: location,
                                 message: "the configuration file is not UTF-8 text (byte 0x\(hex) here)")]))
        }
        let text = String(decoding: data, as: UTF8.self)
        return load(text: text, fileName: path, baseDirectory: FilePath.folder(of: path) ?? "", environment: environment,
                    catalog: catalog)
    }

    /// Where the first byte of `bytes` that is not part of valid UTF-8 lies (line, and column in characters as
    /// diagnostics count them), and that byte; nil for valid UTF-8.
    static func firstInvalidUTF8(_ bytes: some Collection<UInt8>) -> (SourceLocation, UInt8)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        var line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") {
                    (line, column) = (line + 1, 1)
                } else {
                    column += 1
                }
                offset = bytes.index(offset, offsetBy: encoded.count)
            case .emptyInput:
                return nil
            case .error:
                return (SourceLocation(line: line, column: column), bytes[offset])
            }
        }
    }

    /// Validates configuration `text`. `fileName` labels diagnostics; relative paths are resolved against
    /// `baseDirectory` ("" leaves them relative to the working directory).
    public static func load(text: String, fileName: String = "strategies.yaml", baseDirectory: String = "",
                            environment: [String: String] = [:],
                            catalog: StrategyCatalog? = nil) -> Result<QuorumConfig, ConfigErrors> {
        var context = DecodingContext(file: fileName, baseDirectory: baseDirectory)
        let document = YAMLParser.parse(text, fileName: fileName)
        context.append(document.problems)
        guard let root = document.root else {
            if document.problems.isEmpty { context.error(SourceLocation(line: 1, column: 1), "the configuration is empty") }
            return .failure(ConfigErrors(diagnostics: context.diagnostics))
        }
        if let config = context.decodeRoot(root, environment: environment, catalog: catalog), !context.hasErrors {
            return .success(config)
        }
        // (A document with problems still has its whole tree here — a syntax error returned above — so its plugin
        // folders are known as well: a duplicate key elsewhere does not hide the strategies' checks.)
        return .failure(ConfigErrors(diagnostics: context.diagnostics, plugins: context.plugins,
                                     strategies: context.checkedStrategies))
    }

}
