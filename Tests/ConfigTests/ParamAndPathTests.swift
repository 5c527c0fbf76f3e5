import XCTest
@testable import QuorumConfig

final class ParamAndPathTests: XCTestCase {
    func testParamsAreResolvedInSchemaOrderWithDefaults() throws {
        let yaml = minimalYAML + """
          - name: r
            plugin: org.quorum.rsi-reversion
            symbols: [GOOG]
            params: {allow_short: true, period: 21}

        """
        let config = try XCTUnwrap(loadOK(yaml, catalog: fakeCatalog))
        XCTAssertEqual(config.strategies[0].resolvedParams,
                       [ResolvedParam(id: 1, key: "fast", value: 10), ResolvedParam(id: 2, key: "slow", value: 30)])
        XCTAssertEqual(config.strategies[1].resolvedParams, [
            ResolvedParam(id: 1, key: "period", value: 21),
            ResolvedParam(id: 2, key: "oversold", value: 30),
            ResolvedParam(id: 3, key: "allow_short", value: 1),
        ])
    }

    func testParamErrors() {
        let yaml = minimalYAML + """
            params: {fsat: 3, slow: 2.5}
          - name: r
            plugin: org.quorum.rsi-reverson
            symbols: [GOOG]
          - name: r2
            plugin: org.quorum.rsi-reversion
            symbols: [GOOG]
            params: {period: 1, oversold: true, allow_short: 3}
          - name: p
            plugin: org.quorum.pairs
            symbols: [GOOG]
            params: {beta: 1}

        """
        XCTAssertEqual(diagnostics(yaml, catalog: fakeCatalog), [
            "strategies.yaml:8:14: unknown parameter 'fsat' for 'org.quorum.sma-cross'; did you mean 'fast'?",
            "strategies.yaml:8:29: strategies[0].params.slow must be an integer between 2 and 1000, found 2.5",
            "strategies.yaml:10:13: unknown strategy id 'org.quorum.rsi-reverson'; did you mean 'org.quorum.rsi-reversion'?",
            "strategies.yaml:15:22: strategies[2].params.period must be an integer between 2 and 200, found 1",
            "strategies.yaml:15:35: strategies[2].params.oversold must be a number between 0 and 100, found true",
            "strategies.yaml:15:54: strategies[2].params.allow_short must be true or false, found 3",
            "strategies.yaml:18:14: strategies[3].symbols: 'org.quorum.pairs' takes 2 symbols per instance, found 1",
            "strategies.yaml:19:14: unknown parameter 'beta' for 'org.quorum.pairs' (it takes no parameters)",
        ])
    }

    /// A bool is checked against its [min, max] like any value: a schema may pin it (min = max).
    /// A value that is no number nor boolean is reported with the entry's other errors, not instead of them (a
    /// review: `{threshold: "abc", lookback: 500, lookbak: 3}` said only the first); an unknown key is named
    /// whatever its value.
    func testAValueOfTheWrongKindHidesNoOtherError() {
        let yaml = minimalYAML + """
            params: {fast: "abc", slow: 5000, fsat: 3, slwo: [1]}

        """
        XCTAssertEqual(diagnostics(yaml, catalog: fakeCatalog), [
            "strategies.yaml:8:20: strategies[0].params.fast must be a finite number or true/false, found \"abc\" (a quoted string)",
            "strategies.yaml:8:33: strategies[0].params.slow must be an integer between 2 and 1000, found 5000",
            "strategies.yaml:8:39: unknown parameter 'fsat' for 'org.quorum.sma-cross'; did you mean 'fast'?",
            "strategies.yaml:8:48: unknown parameter 'slwo' for 'org.quorum.sma-cross'; did you mean 'slow'?",
            "strategies.yaml:8:54: strategies[0].params.slwo must be a finite number or true/false, found a list",
        ])
    }

    func testBoolParamIsCheckedAgainstItsBounds() throws {
        let pinned = FixedStrategyCatalog([StrategySchema(id: "org.quorum.sma-cross", params: [
            ParamSpec(id: 1, key: "on", type: .bool, defaultValue: 1, min: 1, max: 1),
            ParamSpec(id: 2, key: "off", type: .bool, defaultValue: 0, min: 0, max: 0),
        ])])
        XCTAssertEqual(diagnostics(minimalYAML + "    params: {on: false, off: true}\n", catalog: pinned), [
            "strategies.yaml:8:18: strategies[0].params.on must be true, found false",
            "strategies.yaml:8:30: strategies[0].params.off must be false, found true",
        ])
        let config = try XCTUnwrap(loadOK(minimalYAML + "    params: {on: true, off: false}\n", catalog: pinned))
        XCTAssertEqual(config.strategies[0].resolvedParams?.map(\.value), [1, 0])
    }

    func testParamsWithoutCatalogMustStillBeNumbersOrBooleans() throws {
        XCTAssertEqual(diagnostics(minimalYAML + "    params: {fast: ten, slow: [1]}\n"), [
            "strategies.yaml:8:20: strategies[0].params.fast must be a finite number or true/false, found 'ten'",
            "strategies.yaml:8:31: strategies[0].params.slow must be a finite number or true/false, found a list",
        ])
        let config = try XCTUnwrap(loadOK(minimalYAML + "    params: {whatever: 1.5}\n"))
        XCTAssertFalse(config.parametersChecked)
        XCTAssertNil(config.strategies[0].resolvedParams)
    }

    func testQuorumPluginPathAddsDirectories() throws {
        let config = try XCTUnwrap(loadOK(minimalYAML + "plugins: {dirs: [plugins, /opt/q]}\n",
                                          environment: ["QUORUM_PLUGIN_PATH": "/usr/lib/quorum::/opt/q:extra"]))
        XCTAssertEqual(config.plugins.dirs, ["plugins", "/opt/q", "/usr/lib/quorum", "extra"])
        let plain = try XCTUnwrap(loadOK(minimalYAML, environment: ["PATH": "/bin"]))
        XCTAssertEqual(plain.plugins.dirs, ["plugins"])
    }

    func testPathsAreRelativeToTheConfigFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-config-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("strategies.yaml")
        try (minimalYAML + """
        plugins: {dirs: [./plugins, /abs/plugins]}
        journal: {path: out/j.sqlite}

        """).write(to: file, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: file.path, environment: ["QUORUM_PLUGIN_PATH": "rel"]).get()
        XCTAssertEqual(config.data[0].path, dir.path + "/data/GOOG_1d.csv")
        XCTAssertEqual(config.plugins.dirs, [dir.path + "/plugins", "/abs/plugins", "rel"])
        XCTAssertEqual(config.journal.path, dir.path + "/out/j.sqlite")
        // Diagnostics name the file as it was given.
        try "version: 3\n".write(to: file, atomically: true, encoding: .utf8)
        guard case .failure(let errors) = ConfigLoader.load(path: file.path) else { return XCTFail("expected errors") }
        XCTAssertEqual(errors.errors.first?.description,
                       "\(file.path):1:1: missing required key 'strategies'")
    }

    /// A file that is not UTF-8 is refused at its first invalid byte, not at 1:1; columns count characters.
    func testNonUTF8FileIsRefusedAtItsFirstInvalidByte() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-config-utf8-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("latin1.yaml")
        try Data(Array("version: 1\n# é\nx: \"é".utf8) + [0xE9, 0x22, 0x0A]).write(to: file)
        guard case .failure(let errors) = ConfigLoader.load(path: file.path) else { return XCTFail("expected errors") }
        XCTAssertEqual(errors.description, "\(file.path):3:6: the configuration file is not UTF-8 text (byte 0xE9 here)")
        XCTAssertNil(ConfigLoader.firstInvalidUTF8(Array("a\né\n".utf8)))
        XCTAssertEqual(ConfigLoader.firstInvalidUTF8([0x61, 0xC3])?.0, SourceLocation(line: 1, column: 2))
    }

    func testMissingFile() {
        guard case .failure(let errors) = ConfigLoader.load(path: "/nonexistent/strategies.yaml") else {
            return XCTFail("expected errors")
        }
        XCTAssertEqual(errors.description, "/nonexistent/strategies.yaml:1:1: cannot read the configuration file")
    }

    func testDefaultSymbolFromFileName() throws {
        XCTAssertEqual(DecodingContext.defaultSymbol(forFile: "data/GOOG_1d.csv"), "GOOG")
        XCTAssertEqual(DecodingContext.defaultSymbol(forFile: "BRK.csv"), "BRK")
        let config = try XCTUnwrap(loadOK(minimalYAML + "    enabled: false\n"))
        XCTAssertFalse(config.strategies[0].enabled)
    }

    func testFailedReloadChangesNothing() throws {
        var current = try XCTUnwrap(loadOK(minimalYAML))
        let reload = ConfigLoader.load(text: minimalYAML + "judge: {quorum: 0}\n")
        if case .success(let next) = reload { current = next }
        XCTAssertEqual(current.judge.quorum, 1)
    }
}
