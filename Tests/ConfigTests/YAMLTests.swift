import XCTest
@testable import QuorumConfig

final class YAMLTests: XCTestCase {
    func testScalarStylesAndLocations() throws {
        let doc = YAMLParser.parse("a: 10\nb: \"10\"\nc: [x, 'y']\nd: {e: true}  # comment\n", fileName: "t.yaml")
        XCTAssertEqual(doc.problems, [])
        let root = try XCTUnwrap(doc.root)
        XCTAssertEqual(root["a"]?.scalar?.isNumeric, true)
        XCTAssertEqual(root["a"]?.scalar?.intValue, 10)
        XCTAssertEqual(root["b"]?.scalar?.isNumeric, false)
        XCTAssertEqual(root["b"]?.scalar?.style, .doubleQuoted)
        XCTAssertEqual(root["b"]?.location, SourceLocation(line: 2, column: 4))
        XCTAssertEqual(root["c"]?.sequence?.map { $0.scalar?.text }, ["x", "y"])
        XCTAssertEqual(root["c"]?.sequence?[1].scalar?.style, .singleQuoted)
        XCTAssertEqual(root["c"]?.sequence?[1].location, SourceLocation(line: 3, column: 8))
        XCTAssertEqual(root["d"]?["e"]?.scalar?.boolValue, true)
        XCTAssertEqual(root["d"]?.location, SourceLocation(line: 4, column: 4))
    }

    /// A UTF-8 byte order mark before the document (editors on Windows write one) is no part of it: the file
    /// reads as without it, and locations are unchanged (it was "did not find expected <document start>" at 2:1).
    func testAByteOrderMarkIsSkipped() throws {
        let doc = YAMLParser.parse("\u{FEFF}a: 10\nb: x\n", fileName: "t.yaml")
        XCTAssertEqual(doc.problems, [])
        let root = try XCTUnwrap(doc.root)
        XCTAssertEqual(root["a"]?.scalar?.intValue, 10)
        XCTAssertEqual(root["b"]?.location, SourceLocation(line: 2, column: 4))
        guard case .success = ConfigLoader.load(text: "\u{FEFF}" + minimalYAML) else { return XCTFail("refused") }
    }

    /// Collections nested deeper than 256 levels are an error where the 257th opens (a review: 50,000 levels
    /// overflowed the stack freeing the tree, and the process crashed); 256 are read.
    func testNestingDeeperThan256LevelsIsRefused() throws {
        let deep = YAMLParser.parse("x: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000),
                                    fileName: "f.yaml")
        XCTAssertNil(deep.root)
        XCTAssertEqual(deep.problems.map(\.description), ["f.yaml:1:259: collections nested deeper than 256 levels"])
        let mappings = YAMLParser.parse(String(repeating: "{a: ", count: 300) + "1" + String(repeating: "}", count: 300),
                                        fileName: "f.yaml")
        XCTAssertEqual(mappings.problems.map(\.description), ["f.yaml:1:1025: collections nested deeper than 256 levels"])
        let fine = YAMLParser.parse("x: " + String(repeating: "[", count: 255) + String(repeating: "]", count: 255),
                                    fileName: "f.yaml")
        XCTAssertNotNil(fine.root)
        XCTAssertEqual(fine.problems, [])
    }

    func testQuotedNumberIsAString() {
        XCTAssertEqual(diagnostics(minimalYAML + "starting_cash: \"100\"\n"),
                       ["strategies.yaml:8:16: starting_cash must be an amount > 0, found \"100\" (a quoted string)"])
    }

    func testAnchorsAliasesAndMergeKeys() throws {
        let yaml = """
        version: 1
        data:
          - {path: data/GOOG_1d.csv}
          - {path: data/ORCL_1d.csv}
        strategies:
          - name: a
            plugin: org.quorum.sma-cross
            symbols: &tech [GOOG, ORCL]
            params: &p {fast: 5, slow: 20}
          - <<: &base {plugin: org.quorum.sma-cross, weight: 0.25}
            name: b
            symbols: *tech
            params: *p
          - <<: *base
            name: c
            weight: 2
            symbols: [GOOG]

        """
        let config = try XCTUnwrap(loadOK(yaml))
        XCTAssertEqual(config.strategies.map(\.symbols), [["GOOG", "ORCL"], ["GOOG", "ORCL"], ["GOOG"]])
        XCTAssertEqual(config.strategies.map(\.plugin), Array(repeating: "org.quorum.sma-cross", count: 3))
        XCTAssertEqual(config.strategies.map(\.weight), [1, 0.25, 2])
        XCTAssertEqual(config.strategies[1].params, config.strategies[0].params)
        XCTAssertEqual(config.data.map(\.symbol), ["GOOG", "ORCL"])
    }

    /// An alias is placed where it is used, and remembers where its anchored node is; nodes inside the copy keep
    /// their places.
    func testAnAliasIsPlacedWhereItIsUsed() throws {
        let doc = YAMLParser.parse("a: &x {b: 1}\nc: *x\n", fileName: "strategies.yaml")
        let pairs = try XCTUnwrap(doc.root?.mapping)
        XCTAssertEqual(pairs[0].value.location, SourceLocation(line: 1, column: 4))
        XCTAssertNil(pairs[0].value.anchoredAt)
        XCTAssertEqual(pairs[1].value.location, SourceLocation(line: 2, column: 4))
        XCTAssertEqual(pairs[1].value.anchoredAt, SourceLocation(line: 1, column: 4))
        XCTAssertEqual(pairs[1].value.mapping, pairs[0].value.mapping)
    }

    /// Errors that depend on where an alias is used are reported there, naming the anchored place: an entry
    /// repeated whole, parameters that do not fit the strategy that uses them.
    func testErrorsOfAnAliasUseAreReportedAtTheUse() {
        let yaml = """
        version: 1
        data: [{path: data/GOOG_1d.csv}]
        strategies:
          - &s1
            name: a
            plugin: org.quorum.sma-cross
            symbols: [GOOG]
            params: &p {fast: 5, slow: 20}
          - {name: b, plugin: org.quorum.rsi-reversion, symbols: [GOOG], params: *p}
          - *s1

        """
        XCTAssertEqual(diagnostics(yaml, catalog: fakeCatalog), [
            "strategies.yaml:9:74: unknown parameter 'fast' for 'org.quorum.rsi-reversion' (in the parameters anchored at line 8)",
            "strategies.yaml:9:74: unknown parameter 'slow' for 'org.quorum.rsi-reversion' (in the parameters anchored at line 8)",
            "strategies.yaml:10:5: duplicate strategy name 'a' (first used at line 5; this alias repeats the entry at line 4)",
        ])
    }

    func testUnknownAliasIsAnError() {
        let doc = YAMLParser.parse("a: *nope\n", fileName: "strategies.yaml")
        XCTAssertEqual(doc.problems.map(\.description),
                       ["strategies.yaml:1:4: unknown alias '*nope' (no anchor '&nope' before it)"])
    }

    func testDuplicateKeysAreErrorsAtTheSecondKey() {
        let yaml = minimalYAML + """
        judge:
          mode: vote
          quorum: 2
          mode: hedge
        risk: {sizing: {mode: kelly, mode: kelly}}

        """
        XCTAssertEqual(diagnostics(yaml), [
            "strategies.yaml:11:3: duplicate key 'mode' (first defined at line 9, column 3)",
            "strategies.yaml:12:30: duplicate key 'mode' (first defined at line 12, column 17)",
        ])
    }

    func testSyntaxErrorLocation() {
        XCTAssertEqual(diagnostics("version: 1\njudge:\n  mode: [vote\n  quorum: 1\n"), [
            "strategies.yaml:4:9: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 3, column 9)",
        ])
        XCTAssertEqual(diagnostics("version: 1\njudge:\n\tmode: vote\n"), [
            "strategies.yaml:3:1: YAML syntax error: found character that cannot start any token (while scanning for the next token that starts at line 3, column 1)",
        ])
        XCTAssertEqual(diagnostics("version: 1\njudge:\n  mode: vote\n quorum: 1\n"), [
            "strategies.yaml:4:2: YAML syntax error: did not find expected key (while parsing a block mapping that starts at line 1, column 1)",
        ])
    }

    func testDuplicateKeyBeforeASyntaxErrorIsStillReported() {
        XCTAssertEqual(diagnostics("version: 1\nversion: 1\na: 'x\n"), [
            "strategies.yaml:2:1: duplicate key 'version' (first defined at line 1, column 1)",
            "strategies.yaml:4:1: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that starts at line 3, column 4)",
        ])
    }

    func testSecondDocumentIsAnError() {
        let doc = YAMLParser.parse("a: 1\n---\nb: 2\n", fileName: "f.yaml")
        XCTAssertEqual(doc.problems.map(\.description), ["f.yaml:2:1: expected a single YAML document, found another one here"])
    }
}
