import Foundation
import GatehouseJSON

/// Reads one file of a document (YAML or JSON) into a `SourceFile`, with diagnostics for everything that is not
/// well-formed text: too large, binary, not UTF-8, syntax errors, repeated keys.
public struct SpecFileReader: Sendable {
    public struct Configuration: Sendable {
        /// Largest file accepted, in bytes.
        public var maxFileSize: Int
        /// Deepest nesting accepted in JSON (libyaml caps YAML at 1,000 levels).
        public var maxDepth: Int
        /// Where files come from: the file system when nil, else this provider (a git revision's tree, for `diff`).
        public var files: (any SpecFileProvider)?

        public init(maxFileSize: Int = 25 * 1024 * 1024, maxDepth: Int = 1000, files: (any SpecFileProvider)? = nil) {
            self.maxFileSize = maxFileSize
            self.maxDepth = maxDepth
            self.files = files
        }
    }

    /// The name standard input goes by in diagnostics.
    public static let stdinName = "<stdin>"

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Why a file could not be read at all (an I/O problem, not a problem of its content).
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        public var description: String { "cannot read '\(path)': \(reason)" }
    }

    /// Reads at most `maxFileSize + 1` bytes, so a huge file is refused without being loaded.
    public func readBytes(path: String) throws(ReadError) -> [UInt8] {
        if let files = configuration.files {
            return try files.readBytes(path: path, limit: configuration.maxFileSize + 1)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw ReadError(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReadError(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: configuration.maxFileSize + 1) ?? Data()
            return [UInt8](data)
        } catch {
            throw ReadError(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Reads standard input, up to the size limit plus one byte.
    public func readStandardInput() throws(ReadError) -> [UInt8] {
        do {
            let data = try FileHandle.standardInput.read(upToCount: configuration.maxFileSize + 1) ?? Data()
            return [UInt8](data)
        } catch {
            throw ReadError(path: Self.stdinName, reason: "\(error.localizedDescription)")
        }
    }

    /// Parses the bytes of `path`; returns nil with diagnostics when nothing usable could be read.
    public func parse(_ bytes: [UInt8], path: String) -> (file: SourceFile?, diagnostics: [Diagnostic]) {
        let start = SourceLocation(file: path, line: 1, column: 1)
        if bytes.count > configuration.maxFileSize {
            let message =
                "the file is larger than the limit of \(Self.megabytes(configuration.maxFileSize)) (--max-file-size)"
            return (nil, [Diagnostic(.fileSize, message, at: start)])
        }
        if let problem = Self.textProblem(bytes, path: path) {
            return (nil, [problem])
        }
        let trimmedStart = bytes.firstIndex {
            !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF)
        }
        let looksLikeJSON =
            trimmedStart.map { bytes[$0] == UInt8(ascii: "{") || bytes[$0] == UInt8(ascii: "[") } ?? false
        let isJSONFile = path.lowercased().hasSuffix(".json")
        if looksLikeJSON || isJSONFile {
            do {
                let parsed = try JSONParser.parseWithSourceMap(bytes, options: .init(maxDepth: configuration.maxDepth))
                let file = SourceFile(path: path, bytes: bytes, root: parsed.value, sourceMap: parsed.map)
                let duplicates = parsed.duplicates.map { duplicate in
                    Self.duplicateKeyDiagnostic(
                        message: duplicate.message,
                        at: SourceLocation(file: path, line: duplicate.line, column: duplicate.column),
                        first: duplicate.firstOccurrence.map {
                            SourceLocation(file: path, line: $0.line, column: $0.column)
                        },
                        in: file
                    )
                }
                return (file, duplicates)
            } catch {
                if isJSONFile || !looksLikeJSON {
                    var location = SourceLocation(file: path, line: error.line, column: error.column)
                    location.column = LineIndex(bytes).characterColumn(
                        line: error.line, byteColumn: error.column, in: bytes)
                    return (nil, [Diagnostic(.syntax, "invalid JSON: \(error.message)", at: location)])
                }
                // Not a .json file: it may be YAML flow syntax, which libyaml reads below.
            }
        }
        do {
            let result = try YAMLReader.read(bytes)
            let file = SourceFile(path: path, bytes: bytes, root: result.value, sourceMap: result.map)
            let duplicates = result.duplicates.map { duplicate in
                Diagnostic(
                    .duplicateKey,
                    "duplicate key '\(duplicate.key)' in mapping",
                    at: SourceLocation(file: path, line: duplicate.line, column: duplicate.column),
                    notes: [
                        Diagnostic.Note(
                            "'\(duplicate.key)' was first defined here",
                            at: SourceLocation(file: path, line: duplicate.firstLine, column: duplicate.firstColumn)
                        )
                    ]
                )
            }
            return (file, duplicates)
        } catch {
            let location = SourceLocation(file: path, line: error.line, column: error.column)
            return (nil, [Diagnostic(.syntax, "invalid YAML: \(error.message)", at: location)])
        }
    }

    private static func duplicateKeyDiagnostic(
        message: String,
        at location: SourceLocation,
        first: SourceLocation?,
        in file: SourceFile
    ) -> Diagnostic {
        var location = location
        location.column = file.lineIndex.characterColumn(
            line: location.line, byteColumn: location.column, in: file.bytes)
        var notes: [Diagnostic.Note] = []
        if var first {
            first.column = file.lineIndex.characterColumn(line: first.line, byteColumn: first.column, in: file.bytes)
            notes.append(Diagnostic.Note("first defined here", at: first))
        }
        return Diagnostic(.duplicateKey, message, at: location, notes: notes)
    }

    /// Binary content, UTF-16 and invalid UTF-8 are refused before parsing, with the place of the first bad byte.
    static func textProblem(_ bytes: [UInt8], path: String) -> Diagnostic? {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            return Diagnostic(
                .syntax,
                "the file is UTF-16 encoded; expected UTF-8 text",
                at: SourceLocation(file: path, line: 1, column: 1)
            )
        }
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = LineIndex(bytes).lineAndByteColumn(of: nul)
            return Diagnostic(
                .syntax,
                "the file is binary (a NUL byte); expected YAML or JSON text",
                at: SourceLocation(file: path, line: line, column: column)
            )
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            let offset = firstInvalidUTF8(bytes)
            let index = LineIndex(bytes)
            let (line, column) = index.lineAndByteColumn(of: offset)
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            return Diagnostic(
                .syntax,
                "the file is not valid UTF-8: unexpected byte 0x\(byte); expected UTF-8 text",
                at: SourceLocation(
                    file: path, line: line, column: index.characterColumn(line: line, byteColumn: column, in: bytes))
            )
        }
        return nil
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return offset
            }
            guard offset + length <= bytes.count else { return offset }
            let sequence = Array(bytes[offset..<(offset + length)])
            guard String(validating: sequence, as: UTF8.self) != nil else { return offset }
            offset += length
        }
        return offset
    }

    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value.rounded() == value ? "\(Int(value)) MB" : String(format: "%.1f MB", value)
    }
}
