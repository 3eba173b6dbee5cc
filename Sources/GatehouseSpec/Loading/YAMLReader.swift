import CYaml
import GatehouseJSON

/// Reads YAML into a `JSONValue` and its source map, driving libyaml's event parser directly.
///
/// Why not `Yams.compose`: it builds a `Node` tree first, resolves every scalar's tag with regular expressions, stops
/// at the first duplicate key with one location, and recurses once per nesting level. Here scalars are resolved by
/// the YAML 1.2 core schema in one pass, duplicate keys are all reported with both locations, nesting is iterative,
/// and aliases are expanded against a budget so an alias bomb is refused instead of exhausting memory.
/// `bench/` has the comparison on stripe.yaml.
struct YAMLReader {
    struct Limits: Sendable {
        /// Most nodes that aliases may add by expansion.
        var maxAliasExpansion = 1_000_000
        /// Most nodes in the whole document.
        var maxNodes = 20_000_000
    }

    struct Failure: Error, Sendable {
        var message: String
        /// 1-based line and column (characters).
        var line: Int
        var column: Int
    }

    struct Result {
        var value: JSONValue
        var map: SourceMap
        /// Repeated keys: where the repeat is, where the first one was, and the key.
        var duplicates: [(key: String, line: Int, column: Int, firstLine: Int, firstColumn: Int)]
    }

    private struct Frame {
        var isMapping: Bool
        var node: Int
        var anchor: String?
        var array: [JSONValue] = []
        var object = JSONObject()
        /// For a mapping: the key waiting for its value, and where it was written.
        var pendingKey: String?
        var keyLine = 0
        var keyColumn = 0
    }

    static func read(_ bytes: [UInt8], limits: Limits = Limits()) throws(Failure) -> Result {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Failure(message: "could not start the YAML parser", line: 1, column: 1)
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        let outcome: Swift.Result<Result, Failure> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var reader = EventReader(limits: limits)
            do throws(Failure) {
                return .success(try reader.run(&parser))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let result): return result
        case .failure(let failure): throw Self.withinInput(failure, bytes)
        }
    }

    /// `failure` at a place inside `bytes`: at the end of the input, libyaml puts its mark on the line after the
    /// last when the input does not end with a line break, a line no editor can go to; that is the end of the last
    /// line instead.
    static func withinInput(_ failure: Failure, _ bytes: [UInt8]) -> Failure {
        var lines = 1
        var lastLineStart = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D || bytes[index] == 0x0A {
                if bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                lines += 1
                lastLineStart = index + 1
            }
            index += 1
        }
        guard failure.line > lines else { return failure }
        var moved = failure
        moved.line = lines
        moved.column = String(decoding: bytes[lastLineStart...], as: UTF8.self).unicodeScalars.count + 1
        return moved
    }

    private struct EventReader {
        let limits: Limits
        var map = SourceMap(columnsAreBytes: false)
        var frames: [Frame] = []
        var anchors: [String: (value: JSONValue, node: Int)] = [:]
        var expanded = 0
        var documents = 0
        var root: JSONValue?
        var duplicates: [(key: String, line: Int, column: Int, firstLine: Int, firstColumn: Int)] = []

        init(limits: Limits) {
            self.limits = limits
        }

        mutating func run(_ parser: inout yaml_parser_t) throws(Failure) -> Result {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw Self.parserFailure(parser)
                }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                let line = Int(mark.line) + 1
                let column = Int(mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return Result(value: root ?? .null, map: map, duplicates: duplicates)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw Failure(
                            message: "expected one YAML document, found a second one ('---')",
                            line: line,
                            column: column
                        )
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let text = String(
                        decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)),
                        as: UTF8.self
                    )
                    let anchor = scalar.anchor.map { String(cString: $0) }
                    let tag = scalar.tag.map { String(cString: $0) }
                    if let frames = frames.last, frames.isMapping, frames.pendingKey == nil {
                        self.frames[self.frames.count - 1].pendingKey = text
                        self.frames[self.frames.count - 1].keyLine = line
                        self.frames[self.frames.count - 1].keyColumn = column
                        continue
                    }
                    let value = Self.resolve(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, tag: tag)
                    let node = begin(line: line, column: column)
                    map.end(node)
                    if let anchor { anchors[anchor] = (value, node) }
                    try complete(value, node: node)
                case YAML_ALIAS_EVENT:
                    let name = String(cString: event.data.alias.anchor)
                    guard let target = anchors[name] else {
                        throw Failure(message: "unknown alias '*\(name)'", line: line, column: column)
                    }
                    if let frame = frames.last, frame.isMapping, frame.pendingKey == nil {
                        guard case .string(let key) = target.value else {
                            throw Failure(
                                message: "mapping keys must be scalars; alias '*\(name)' is not", line: line,
                                column: column)
                        }
                        frames[frames.count - 1].pendingKey = key
                        frames[frames.count - 1].keyLine = line
                        frames[frames.count - 1].keyColumn = column
                        continue
                    }
                    let size = Int(map.entries[target.node].size)
                    expanded += size
                    guard expanded <= limits.maxAliasExpansion else {
                        throw Failure(
                            message:
                                "aliases expand to more than \(limits.maxAliasExpansion) nodes; a document whose aliases multiply like this ('billion laughs') is refused",
                            line: line,
                            column: column
                        )
                    }
                    try checkNodeCount(line: line, column: column, adding: size)
                    let keyPosition = pendingKeyPosition()
                    let node = map.entries.count
                    map.appendCopy(of: target.node, keyLine: keyPosition.line, keyColumn: keyPosition.column)
                    try complete(target.value, node: node)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    if let frame = frames.last, frame.isMapping, frame.pendingKey == nil {
                        throw Failure(
                            message:
                                "mapping keys must be scalars; found a \(isMapping ? "mapping" : "sequence") used as a key",
                            line: line,
                            column: column
                        )
                    }
                    let anchorPointer = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                    let node = begin(line: line, column: column)
                    frames.append(
                        Frame(isMapping: isMapping, node: node, anchor: anchorPointer.map { String(cString: $0) }))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let frame = frames.removeLast()
                    map.end(frame.node)
                    let value: JSONValue = frame.isMapping ? .object(frame.object) : .array(frame.array)
                    if let anchor = frame.anchor { anchors[anchor] = (value, frame.node) }
                    try complete(value, node: frame.node)
                default:
                    continue
                }
            }
        }

        func pendingKeyPosition() -> (line: Int, column: Int) {
            guard let frame = frames.last, frame.isMapping else { return (0, 0) }
            return (frame.keyLine, frame.keyColumn)
        }

        mutating func begin(line: Int, column: Int) -> Int {
            let key = pendingKeyPosition()
            return map.begin(line: line, column: column, keyLine: key.line, keyColumn: key.column)
        }

        mutating func checkNodeCount(line: Int, column: Int, adding: Int) throws(Failure) {
            guard map.entries.count + adding <= limits.maxNodes else {
                throw Failure(
                    message: "the document has more than \(limits.maxNodes) nodes", line: line, column: column)
            }
        }

        /// Hands a finished value to the open sequence or mapping, or makes it the root.
        mutating func complete(_ value: JSONValue, node: Int) throws(Failure) {
            guard !frames.isEmpty else {
                root = value
                return
            }
            let top = frames.count - 1
            guard frames[top].isMapping else {
                frames[top].array.append(value)
                return
            }
            let key = frames[top].pendingKey ?? ""
            frames[top].pendingKey = nil
            if let first = frames[top].object.position(of: key) {
                var child = frames[top].node + 1
                for _ in 0..<first { child += Int(map.entries[child].size) }
                duplicates.append(
                    (
                        key, frames[top].keyLine, frames[top].keyColumn, Int(map.entries[child].keyLine),
                        Int(map.entries[child].keyColumn)
                    )
                )
                map.truncate(to: node)
                return
            }
            frames[top].object.append(JSONObject.Member(key: key, value: value))
        }

        static func parserFailure(_ parser: yaml_parser_t) -> Failure {
            let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
            if problem.hasPrefix("Maximum nesting level") {
                // libyaml's own wording names its C API; say what the user can act on.
                return Failure(
                    message: "nesting is deeper than 1000 levels",
                    line: Int(parser.problem_mark.line) + 1,
                    column: Int(parser.problem_mark.column) + 1
                )
            }
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                message +=
                    " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
            if problem.hasPrefix("invalid leading UTF-8") || problem.hasPrefix("invalid trailing UTF-8")
                || problem.hasPrefix("incomplete UTF-8")
            {
                message = "the file is not valid UTF-8: \(problem)"
            }
            return Failure(
                message: message,
                line: Int(parser.problem_mark.line) + 1,
                column: Int(parser.problem_mark.column) + 1
            )
        }

        /// Resolves a scalar by the YAML 1.2 core schema: plain scalars may be null, booleans or numbers; quoted and
        /// block scalars are strings; explicit `!!` tags win.
        static func resolve(_ text: String, plain: Bool, tag: String?) -> JSONValue {
            if let tag {
                switch tag {
                case "tag:yaml.org,2002:str": return .string(text)
                case "tag:yaml.org,2002:null": return .null
                case "tag:yaml.org,2002:bool": return resolvePlain(text) ?? .string(text)
                case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float": return resolvePlain(text) ?? .string(text)
                default: break
                }
            }
            guard plain else { return .string(text) }
            return resolvePlain(text) ?? .string(text)
        }

        static func resolvePlain(_ text: String) -> JSONValue? {
            let utf8 = text.utf8
            guard let first = utf8.first else { return .null }
            switch first {
            case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
                if text == "null" || text == "Null" || text == "NULL" || text == "~" { return .null }
                return nil
            case UInt8(ascii: "t"), UInt8(ascii: "T"):
                if text == "true" || text == "True" || text == "TRUE" { return .bool(true) }
                return nil
            case UInt8(ascii: "f"), UInt8(ascii: "F"):
                if text == "false" || text == "False" || text == "FALSE" { return .bool(false) }
                return nil
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return resolveNumber(text)
            default:
                return nil
            }
        }

        static func resolveNumber(_ text: String) -> JSONValue? {
            var body = Substring(text)
            if body.hasPrefix("0x"), let value = Int64(body.dropFirst(2), radix: 16) {
                return .number(JSONNumber(value))
            }
            if body.hasPrefix("0o"), let value = Int64(body.dropFirst(2), radix: 8) {
                return .number(JSONNumber(value))
            }
            if body.first == "+" { body = body.dropFirst() }
            guard isCoreNumber(body) else { return nil }
            if let value = Int64(body) { return .number(JSONNumber(value)) }
            return JSONNumber(literal: String(body)).map(JSONValue.number)
        }

        /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
        static func isCoreNumber(_ text: Substring) -> Bool {
            var bytes = Array(text.utf8)[...]
            if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            func digits(_ slice: inout ArraySlice<UInt8>) -> Int {
                var count = 0
                while let byte = slice.first, byte >= 0x30 && byte <= 0x39 {
                    slice = slice.dropFirst()
                    count += 1
                }
                return count
            }
            let integerDigits = digits(&bytes)
            var fractionDigits = 0
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                fractionDigits = digits(&bytes)
                if integerDigits == 0 && fractionDigits == 0 { return false }
            } else if integerDigits == 0 {
                return false
            }
            if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                bytes = bytes.dropFirst()
                if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                    bytes = bytes.dropFirst()
                }
                if digits(&bytes) == 0 { return false }
            }
            return bytes.isEmpty
        }
    }
}
