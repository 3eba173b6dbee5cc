/// A JSON parser (RFC 8259) that optionally records a source map.
///
/// It is iterative, so nesting depth costs heap rather than stack and a hostile body cannot overflow the stack;
/// `maxDepth` bounds it anyway. Duplicate keys are reported, not silently merged. Numbers keep integer vs decimal.
public struct JSONParser {
    public struct Options: Sendable {
        /// Deepest nesting of arrays and objects accepted.
        public var maxDepth: Int
        /// Reject an object that repeats a key (the first value is kept either way).
        public var rejectDuplicateKeys: Bool

        public init(maxDepth: Int = 1000, rejectDuplicateKeys: Bool = true) {
            self.maxDepth = maxDepth
            self.rejectDuplicateKeys = rejectDuplicateKeys
        }
    }

    /// A syntax error at a byte offset, with the 1-based line and byte column.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var message: String
        public var offset: Int
        public var line: Int
        public var column: Int
        /// For a duplicate key, where the first occurrence was (line, byte column).
        public var firstOccurrence: (line: Int, column: Int)? {
            firstLine.map { ($0, firstColumn ?? 1) }
        }
        var firstLine: Int?
        var firstColumn: Int?
    }

    /// Parses `bytes` as one JSON text.
    public static func parse(_ bytes: [UInt8], options: Options = Options()) throws(SyntaxError) -> JSONValue {
        var map: SourceMap? = nil
        var duplicates: [SyntaxError] = []
        return try parse(bytes, options: options, sourceMap: &map, duplicates: &duplicates)
    }

    /// Parses `bytes`, recording where each node was written, and keeping the first value of a repeated key; the
    /// repeats are returned as errors for the caller to report.
    package static func parseWithSourceMap(_ bytes: [UInt8], options: Options = Options()) throws(SyntaxError) -> (
        value: JSONValue, map: SourceMap, duplicates: [SyntaxError]
    ) {
        var options = options
        options.rejectDuplicateKeys = false
        var map: SourceMap? = SourceMap(columnsAreBytes: true)
        var duplicates: [SyntaxError] = []
        let value = try parse(bytes, options: options, sourceMap: &map, duplicates: &duplicates)
        return (value, map!, duplicates)
    }

    static func parse(
        _ bytes: [UInt8],
        options: Options,
        sourceMap: inout SourceMap?,
        duplicates: inout [SyntaxError]
    ) throws(SyntaxError) -> JSONValue {
        let result: Result<JSONValue, SyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(bytes: buffer, options: options, map: sourceMap)
            do throws(SyntaxError) {
                let value = try scanner.parseDocument()
                sourceMap = scanner.map
                duplicates = scanner.duplicates
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

extension JSONParser {
    /// An open array or object; its elements live in `Scanner.arrays` / `Scanner.objects` so appends happen in place.
    private struct Frame {
        var isObject: Bool
        var node: Int
        var key: String
        var keyLine: Int
        var keyColumn: Int
    }

    fileprivate struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let options: Options
        var map: SourceMap?
        var offset = 0
        var line = 1
        var lineStart = 0
        private var frames: [Frame] = []
        private var arrays: [[JSONValue]] = []
        private var objects: [JSONObject] = []
        /// Keys repeated in an object, when duplicates are kept rather than rejected.
        var duplicates: [SyntaxError] = []

        init(bytes: UnsafeBufferPointer<UInt8>, options: Options, map: SourceMap?) {
            self.bytes = bytes
            self.options = options
            self.map = map
        }

        var column: Int { offset - lineStart + 1 }

        func error(_ message: String, at errorOffset: Int? = nil) -> SyntaxError {
            let position = errorOffset ?? offset
            if position < lineStart {
                let (recountedLine, recountedColumn) = LineIndex(Array(bytes)).lineAndByteColumn(of: position)
                return SyntaxError(message: message, offset: position, line: recountedLine, column: recountedColumn)
            }
            var errorLine = line
            var errorLineStart = lineStart
            var scan = lineStart
            while scan < position && scan < bytes.count {
                if bytes[scan] == UInt8(ascii: "\n") {
                    errorLine += 1
                    errorLineStart = scan + 1
                }
                scan += 1
            }
            return SyntaxError(
                message: message,
                offset: position,
                line: errorLine,
                column: position - errorLineStart + 1
            )
        }

        mutating func skipWhitespace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    offset += 1
                case UInt8(ascii: "\n"):
                    offset += 1
                    line += 1
                    lineStart = offset
                default:
                    return
                }
            }
        }

        func describe(_ byte: UInt8) -> String {
            if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        mutating func parseDocument() throws(SyntaxError) -> JSONValue {
            // A UTF-8 byte order mark is tolerated, as RFC 8259 allows parsers to.
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { offset = 3 }
            skipWhitespace()
            guard offset < bytes.count else { throw error("expected a JSON value, found the end of the input") }
            let value = try parseValue()
            skipWhitespace()
            if offset < bytes.count {
                throw error("expected the end of the input after the JSON value, found \(describe(bytes[offset]))")
            }
            return value
        }

        private mutating func openContainer(isObject: Bool, node: Int?) throws(SyntaxError) -> Bool {
            guard frames.count < options.maxDepth else {
                throw error("nesting is deeper than \(options.maxDepth) levels")
            }
            offset += 1
            skipWhitespace()
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if offset < bytes.count && bytes[offset] == close {
                offset += 1
                return false
            }
            var frame = Frame(isObject: isObject, node: node ?? 0, key: "", keyLine: 0, keyColumn: 0)
            if isObject {
                frame.keyLine = line
                frame.keyColumn = column
                frame.key = try parseKey()
                objects.append(JSONObject())
            } else {
                arrays.append([])
            }
            frames.append(frame)
            return true
        }

        /// Parses one value (and everything nested in it) without recursion.
        mutating func parseValue() throws(SyntaxError) -> JSONValue {
            while true {
                skipWhitespace()
                guard offset < bytes.count else { throw error("expected a JSON value, found the end of the input") }
                var node: Int? = nil
                if map != nil {
                    var keyLine = 0
                    var keyColumn = 0
                    if let frame = frames.last, frame.isObject {
                        keyLine = frame.keyLine
                        keyColumn = frame.keyColumn
                    }
                    node = map!.begin(line: line, column: column, keyLine: keyLine, keyColumn: keyColumn)
                }
                var completed: JSONValue
                switch bytes[offset] {
                case UInt8(ascii: "{"):
                    if try openContainer(isObject: true, node: node) { continue }
                    completed = .object(JSONObject())
                case UInt8(ascii: "["):
                    if try openContainer(isObject: false, node: node) { continue }
                    completed = .array([])
                case UInt8(ascii: "\""):
                    completed = .string(try parseString())
                case UInt8(ascii: "t"):
                    try expectLiteral("true")
                    completed = .bool(true)
                case UInt8(ascii: "f"):
                    try expectLiteral("false")
                    completed = .bool(false)
                case UInt8(ascii: "n"):
                    try expectLiteral("null")
                    completed = .null
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    completed = .number(try parseNumber())
                default:
                    throw error("expected a JSON value, found \(describe(bytes[offset]))")
                }
                if let node { map?.end(node) }

                // Hand the completed value to its container; close the containers that end here.
                while let frame = frames.last {
                    skipWhitespace()
                    if frame.isObject {
                        try addMember(completed, frame: frame)
                        guard offset < bytes.count else {
                            throw error("expected ',' or '}' in object, found the end of the input")
                        }
                        if bytes[offset] == UInt8(ascii: ",") {
                            offset += 1
                            skipWhitespace()
                            frames[frames.count - 1].keyLine = line
                            frames[frames.count - 1].keyColumn = column
                            frames[frames.count - 1].key = try parseKey()
                            break
                        }
                        guard bytes[offset] == UInt8(ascii: "}") else {
                            throw error("expected ',' or '}' in object, found \(describe(bytes[offset]))")
                        }
                        offset += 1
                        frames.removeLast()
                        completed = .object(objects.removeLast())
                    } else {
                        arrays[arrays.count - 1].append(completed)
                        guard offset < bytes.count else {
                            throw error("expected ',' or ']' in array, found the end of the input")
                        }
                        if bytes[offset] == UInt8(ascii: ",") {
                            offset += 1
                            break
                        }
                        guard bytes[offset] == UInt8(ascii: "]") else {
                            throw error("expected ',' or ']' in array, found \(describe(bytes[offset]))")
                        }
                        offset += 1
                        frames.removeLast()
                        completed = .array(arrays.removeLast())
                    }
                    map?.end(frame.node)
                }
                if frames.isEmpty { return completed }
            }
        }

        private mutating func addMember(_ value: JSONValue, frame: Frame) throws(SyntaxError) {
            let top = objects.count - 1
            guard let firstPosition = objects[top].position(of: frame.key) else {
                objects[top].append(JSONObject.Member(key: frame.key, value: value))
                return
            }
            var duplicate = SyntaxError(
                message: "duplicate key '\(frame.key)' in object",
                offset: offset,
                line: frame.keyLine,
                column: frame.keyColumn
            )
            if let map {
                var child = frame.node + 1
                for _ in 0..<firstPosition { child += Int(map.entries[child].size) }
                duplicate.firstLine = Int(map.entries[child].keyLine)
                duplicate.firstColumn = Int(map.entries[child].keyColumn)
                // The document keeps the first value; drop the nodes recorded for this one.
                var last = frame.node + 1
                while last < map.entries.count {
                    let size = Int(map.entries[last].size)
                    if last + size >= map.entries.count { break }
                    last += size
                }
                self.map!.truncate(to: last)
            }
            if options.rejectDuplicateKeys { throw duplicate }
            duplicates.append(duplicate)
        }

        /// Parses `"key"` and the `:` after it.
        mutating func parseKey() throws(SyntaxError) -> String {
            guard offset < bytes.count else { throw error("expected a string key, found the end of the input") }
            guard bytes[offset] == UInt8(ascii: "\"") else {
                throw error("expected a string key in double quotes, found \(describe(bytes[offset]))")
            }
            let key = try parseString()
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                if offset >= bytes.count { throw error("expected ':' after key '\(key)', found the end of the input") }
                throw error("expected ':' after key '\(key)', found \(describe(bytes[offset]))")
            }
            offset += 1
            return key
        }

        mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
            let count = literal.utf8CodeUnitCount
            let start = offset
            guard offset + count <= bytes.count else {
                throw error("expected '\(literal)', found the end of the input")
            }
            let pointer = literal.utf8Start
            for index in 0..<count where bytes[offset + index] != pointer[index] {
                throw error("expected a JSON value, found \(describe(bytes[start]))", at: start)
            }
            offset += count
        }

        mutating func parseNumber() throws(SyntaxError) -> JSONNumber {
            let start = offset
            var negative = false
            if bytes[offset] == UInt8(ascii: "-") {
                negative = true
                offset += 1
            }
            guard offset < bytes.count, isDigit(bytes[offset]) else {
                throw error("expected a digit in number", at: offset)
            }
            var integer: Int64 = 0
            var overflow = false
            if bytes[offset] == UInt8(ascii: "0") {
                offset += 1
                if offset < bytes.count && isDigit(bytes[offset]) {
                    throw error("numbers cannot have leading zeros", at: start)
                }
            } else {
                while offset < bytes.count && isDigit(bytes[offset]) {
                    let digit = Int64(bytes[offset] - UInt8(ascii: "0"))
                    let (times10, o1) = integer.multipliedReportingOverflow(by: 10)
                    let (sum, o2) =
                        negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
                    overflow = overflow || o1 || o2
                    integer = sum
                    offset += 1
                }
            }
            var isInteger = true
            if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
                isInteger = false
                offset += 1
                guard offset < bytes.count, isDigit(bytes[offset]) else {
                    throw error("expected a digit after the decimal point")
                }
                while offset < bytes.count && isDigit(bytes[offset]) { offset += 1 }
            }
            if offset < bytes.count && (bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E")) {
                isInteger = false
                offset += 1
                if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) {
                    offset += 1
                }
                guard offset < bytes.count, isDigit(bytes[offset]) else {
                    throw error("expected a digit in the exponent")
                }
                while offset < bytes.count && isDigit(bytes[offset]) { offset += 1 }
            }
            if isInteger && !overflow { return JSONNumber(integer) }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            guard let number = JSONNumber(literal: text) else {
                throw error("number \(text) is out of range", at: start)
            }
            return number
        }

        func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        mutating func parseString() throws(SyntaxError) -> String {
            let quote = offset
            offset += 1
            let start = offset
            // Fast path: no escapes.
            var nonASCII: UInt8 = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                    offset += 1
                    // ASCII needs no validation, and the non-generic decoding initializer is much cheaper.
                    if nonASCII & 0x80 == 0 { return String(decoding: slice, as: UTF8.self) }
                    guard let string = String(validating: slice, as: UTF8.self) else {
                        throw error("string is not valid UTF-8", at: start)
                    }
                    return string
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 {
                    throw error("control character \(describe(byte)) must be escaped in a string")
                }
                nonASCII |= byte
                offset += 1
            }
            guard offset < bytes.count else { throw error("unterminated string", at: quote) }
            // Slow path: decode escapes.
            var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    offset += 1
                    guard let string = String(validating: scalars, as: UTF8.self) else {
                        throw error("string is not valid UTF-8", at: start)
                    }
                    return string
                }
                if byte < 0x20 {
                    throw error("control character \(describe(byte)) must be escaped in a string")
                }
                if byte != UInt8(ascii: "\\") {
                    scalars.append(byte)
                    offset += 1
                    continue
                }
                offset += 1
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): scalars.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if code >= 0xD800 && code < 0xDC00 {
                        guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                            bytes[offset + 1] == UInt8(ascii: "u")
                        else {
                            throw error(
                                "lone surrogate \\u\(String(code, radix: 16, uppercase: true)) in string",
                                at: offset - 6)
                        }
                        offset += 2
                        let low = try parseHex4()
                        guard low >= 0xDC00 && low < 0xE000 else {
                            throw error(
                                "lone surrogate \\u\(String(code, radix: 16, uppercase: true)) in string",
                                at: offset - 12)
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if code >= 0xDC00 && code < 0xE000 {
                        throw error(
                            "lone surrogate \\u\(String(code, radix: 16, uppercase: true)) in string", at: offset - 6)
                    }
                    scalars.append(contentsOf: Array(String(Unicode.Scalar(code)!).utf8))
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in string", at: offset - 2)
                }
            }
            throw error("unterminated string", at: quote)
        }

        mutating func parseHex4() throws(SyntaxError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw error("expected four hex digits after \\u") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[offset]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("expected four hex digits after \\u")
                }
                value = value << 4 | digit
                offset += 1
            }
            return value
        }
    }
}
