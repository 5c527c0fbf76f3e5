import CYaml

/// The outcome of parsing one YAML document: its root (nil when the text is empty or has a syntax error)
/// and every problem found. Problems other than syntax errors (duplicate keys, unknown aliases) do not stop
/// parsing, so they are all reported together.
public struct YAMLDocument: Sendable {
    /// The root node; nil for an empty document or after a syntax error.
    public var root: YAMLNode?
    /// Every problem found, in the order found (all are errors).
    public var problems: [ConfigDiagnostic]
}

/// Builds ``YAMLNode`` trees from libyaml's parser events (`yaml_parser_parse`).
///
/// Supports block and flow styles, comments, anchors and aliases (resolved to copies of the anchored node, placed
/// at the alias),
/// and YAML 1.1 merge keys (`<<: *defaults`). Duplicate keys in one mapping are errors at the second key.
/// A libyaml syntax error becomes one error at the place libyaml reports.
public enum YAMLParser {
    /// Parses `text`; `fileName` is only used to label problems.
    public static func parse(_ text: String, fileName: String) -> YAMLDocument {
        // A UTF-8 byte order mark (editors on Windows write one) is not part of the document: libyaml, told the
        // encoding, took it for text ("did not find expected <document start>" at line 2).
        let utf8 = text.utf8
        let bytes = Array(utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? utf8.dropFirst(3) : utf8.dropFirst(0))
        var builder = TreeBuilder(fileName: fileName)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return YAMLDocument(root: nil, problems: [ConfigDiagnostic(file: fileName, line: 1, column: 1,
                                                                        message: "cannot initialize the YAML parser")])
        }
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    builder.problems.append(syntaxError(parser, bytes: buffer, fileName: fileName))
                    builder.root = nil
                    return
                }
                let done = event.type == YAML_STREAM_END_EVENT
                builder.handle(event)
                yaml_event_delete(&event)
                if builder.tooDeep { builder.root = nil }
                if done || builder.tooDeep { return }
            }
        }
        return YAMLDocument(root: builder.root, problems: builder.problems)
    }

    private static func syntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>,
                                    fileName: String) -> ConfigDiagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        var location = SourceLocation(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        if parser.error == YAML_READER_ERROR {
            location = Self.location(ofByte: Int(parser.problem_offset), in: bytes)
        }
        var message = "YAML syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) that starts at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        return ConfigDiagnostic(file: fileName, location: location, message: message)
    }

    private static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1, column = 1
        for i in 0..<min(offset, bytes.count) {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
        }
        return SourceLocation(line: line, column: column)
    }
}

/// Turns the event stream into a tree, one open collection per stack frame.
private struct TreeBuilder {
    private enum Frame {
        case sequence(items: [YAMLNode], location: SourceLocation, anchor: String?)
        case mapping(nodes: [YAMLNode], location: SourceLocation, anchor: String?)
    }

    let fileName: String
    var root: YAMLNode?
    var problems: [ConfigDiagnostic] = []
    private var stack: [Frame] = []
    /// Set when a collection opens deeper than ``maxDepth``: the document is refused there.
    private(set) var tooDeep = false
    private var anchors: [String: YAMLNode] = [:]
    private var documents = 0

    /// The deepest nesting of collections accepted. A configuration needs a few levels; a tree of tens of
    /// thousands (a 100 KB file of `[[[…]]]`) overflowed the stack when it was freed, ending the process.
    static let maxDepth = 256

    init(fileName: String) { self.fileName = fileName }

    mutating func handle(_ event: yaml_event_t) {
        let location = SourceLocation(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents == 2 {
                problems.append(error(at: location, "expected a single YAML document, found another one here"))
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = string(data.value, length: Int(data.length))
            let style: YAMLScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let tag = data.tag.map { String(cString: $0) }
            let node = YAMLNode(.scalar(YAMLScalar(text: text, style: style, tag: tag)), at: location)
            add(node, anchor: data.anchor.map { String(cString: $0) })
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            if let node = anchors[name] {
                add(YAMLNode(node.content, at: location, anchoredAt: node.location), anchor: nil)
            } else {
                problems.append(error(at: location, "unknown alias '*\(name)' (no anchor '&\(name)' before it)"))
                add(YAMLNode(.scalar(YAMLScalar(text: "")), at: location), anchor: nil)
            }
        case YAML_SEQUENCE_START_EVENT where stack.count >= Self.maxDepth,
             YAML_MAPPING_START_EVENT where stack.count >= Self.maxDepth:
            problems.append(error(at: location, "collections nested deeper than \(Self.maxDepth) levels"))
            tooDeep = true
        case YAML_SEQUENCE_START_EVENT:
            stack.append(.sequence(items: [], location: location,
                                   anchor: event.data.sequence_start.anchor.map { String(cString: $0) }))
        case YAML_MAPPING_START_EVENT:
            stack.append(.mapping(nodes: [], location: location,
                                  anchor: event.data.mapping_start.anchor.map { String(cString: $0) }))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            switch frame {
            case .sequence(let items, let loc, let anchor):
                add(YAMLNode(.sequence(items), at: loc), anchor: anchor)
            case .mapping(let nodes, let loc, let anchor):
                add(YAMLNode(.mapping(pairs(from: nodes)), at: loc), anchor: anchor)
            }
        default:
            break
        }
    }

    private mutating func add(_ node: YAMLNode, anchor: String?) {
        if let anchor { anchors[anchor] = node }
        guard let top = stack.popLast() else {
            if documents <= 1 { root = node }
            return
        }
        switch top {
        case .sequence(var items, let loc, let a):
            items.append(node)
            stack.append(.sequence(items: items, location: loc, anchor: a))
        case .mapping(var nodes, let loc, let a):
            if nodes.count % 2 == 0 { checkDuplicate(key: node, amongKeysOf: nodes) }
            nodes.append(node)
            stack.append(.mapping(nodes: nodes, location: loc, anchor: a))
        }
    }

    /// Pairs up alternating key/value nodes, rejecting duplicate and non-scalar keys, applying merge keys.
    private mutating func pairs(from nodes: [YAMLNode]) -> [YAMLPair] {
        var result: [YAMLPair] = []
        var seen: [String: SourceLocation] = [:]
        var merged: [YAMLPair] = []
        var i = 0
        while i + 1 < nodes.count {
            let key = nodes[i], value = nodes[i + 1]
            i += 2
            guard let scalar = key.scalar else {
                problems.append(error(at: key.location, "mapping keys must be plain values, found \(key.kindDescription)"))
                continue
            }
            if scalar.text == "<<" && !scalar.isExplicitString {
                merged += mergeSources(value)
                continue
            }
            if seen[scalar.text] != nil { continue }   // reported by checkDuplicate as the key arrived
            seen[scalar.text] = key.location
            result.append(YAMLPair(key: key, value: value))
        }
        for pair in merged {
            guard let text = pair.key.scalar?.text, seen[text] == nil else { continue }
            seen[text] = pair.key.location
            result.append(pair)
        }
        return result
    }

    /// Reports `key` when an earlier key of the same mapping has the same text — as soon as the key is
    /// read, so a later syntax error does not hide it.
    private mutating func checkDuplicate(key: YAMLNode, amongKeysOf nodes: [YAMLNode]) {
        guard let text = key.scalar?.text, !(text == "<<" && key.scalar?.isExplicitString == false) else { return }
        for i in stride(from: 0, to: nodes.count, by: 2) where nodes[i].scalar?.text == text {
            let first = nodes[i].location
            problems.append(error(at: key.location,
                                  "duplicate key '\(text)' (first defined at line \(first.line), column \(first.column))"))
            return
        }
    }

    private mutating func mergeSources(_ value: YAMLNode) -> [YAMLPair] {
        if let pairs = value.mapping { return pairs }
        if let items = value.sequence, items.allSatisfy({ $0.mapping != nil }) {
            return items.flatMap { $0.mapping ?? [] }
        }
        problems.append(error(at: value.location, "a merge key '<<' needs a mapping or a list of mappings, found \(value.kindDescription)"))
        return []
    }

    private func error(at location: SourceLocation, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(file: fileName, location: location, message: message)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}
