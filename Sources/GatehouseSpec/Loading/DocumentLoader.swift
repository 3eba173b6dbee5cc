import Foundation
import GatehouseJSON

/// Loads an OpenAPI document: the root file, its version, and every local file its `$ref`s reach, transitively.
///
/// Loading never follows remote URLs and reads each file once. Problems in the files are diagnostics; only an
/// unreadable root file is an error.
public struct DocumentLoader: Sendable {
    public var reader: SpecFileReader

    public init(reader: SpecFileReader = SpecFileReader()) {
        self.reader = reader
    }

    /// The outcome of loading: the document when its root could be read as OpenAPI 3.0/3.1, and the diagnostics.
    public struct Outcome: Sendable {
        public var document: SpecDocument?
        public var diagnostics: [Diagnostic]
        /// The bytes of every file read, well-formed or not, so diagnostics can quote their lines.
        public var sources: [String: [UInt8]]
    }

    /// Loads from a path, or from standard input when the path is `-`.
    public func load(path: String) throws(SpecFileReader.ReadError) -> Outcome {
        if path == "-" {
            return load(bytes: try reader.readStandardInput(), path: SpecFileReader.stdinName)
        }
        return load(bytes: try reader.readBytes(path: path), path: path)
    }

    /// Loads a root file from its bytes; referenced files are read from disk relative to `path`.
    public func load(bytes: [UInt8], path: String) -> Outcome {
        let (parsedRoot, rootDiagnostics) = reader.parse(bytes, path: path)
        var diagnostics = rootDiagnostics
        var sources = [path: bytes]
        guard let rootFile = parsedRoot else {
            return Outcome(document: nil, diagnostics: diagnostics, sources: sources)
        }
        let start = SourceLocation(file: path, line: 1, column: 1)
        let rootObject: JSONObject
        switch rootFile.root {
        case .object(let object):
            rootObject = object
        case .null:
            diagnostics.append(
                Diagnostic(
                    .syntax, "the document is empty; expected an OpenAPI document with an 'openapi' field", at: start)
            )
            return Outcome(document: nil, diagnostics: diagnostics, sources: sources)
        default:
            diagnostics.append(
                Diagnostic(
                    .structure,
                    "expected a mapping at the root of an OpenAPI document, found \(articled(rootFile.root.typeName))",
                    at: rootFile.location(of: .root),
                    pointer: .root
                )
            )
            return Outcome(document: nil, diagnostics: diagnostics, sources: sources)
        }
        let version: OpenAPIVersion
        switch OpenAPIVersion.detect(in: rootObject) {
        case .success(let detected):
            version = detected
        case .failure(let problem):
            let pointer = problem.key.map { JSONPointer.root.appending($0) } ?? .root
            diagnostics.append(
                Diagnostic(.version, problem.message, at: rootFile.location(of: pointer), pointer: pointer)
            )
            return Outcome(document: nil, diagnostics: diagnostics, sources: sources)
        }

        var files = [path: rootFile]
        var unreadable: [String: String] = [:]
        var queue = [path]
        while let next = queue.popLast() {
            guard let file = files[next] else { continue }
            for target in Self.referencedFiles(in: file.root, from: next)
            where files[target] == nil && unreadable[target] == nil {
                do {
                    let bytes = try reader.readBytes(path: target)
                    sources[target] = bytes
                    let (parsed, fileDiagnostics) = reader.parse(bytes, path: target)
                    diagnostics += fileDiagnostics
                    if let parsed {
                        files[target] = parsed
                        queue.append(target)
                    } else {
                        unreadable[target] = "it is not well-formed (see the diagnostics for that file)"
                    }
                } catch {
                    unreadable[target] = error.reason
                }
            }
        }
        let document = SpecDocument(rootFile: path, version: version, files: files, unreadableFiles: unreadable)
        return Outcome(document: document, diagnostics: diagnostics, sources: sources)
    }

    /// The local files named by `$ref` strings anywhere in `root` (sorted, so loading order is deterministic).
    static func referencedFiles(in root: JSONValue, from file: String) -> [String] {
        var found = Set<String>()
        var stack = [root]
        while let value = stack.popLast() {
            switch value {
            case .object(let object):
                for member in object {
                    if member.key == "$ref", case .string(let ref) = member.value, let reference = Reference(ref) {
                        switch reference.target {
                        case .local(let path, _) where !path.isEmpty, .anchor(let path, _) where !path.isEmpty:
                            found.insert(PathArithmetic.join(path, relativeTo: file))
                        default:
                            break
                        }
                    } else {
                        stack.append(member.value)
                    }
                }
            case .array(let array):
                stack.append(contentsOf: array)
            default:
                break
            }
        }
        return found.sorted()
    }
}

/// "an object", "a string": for messages.
func articled(_ noun: String) -> String {
    guard let first = noun.first else { return noun }
    return ("aeiou".contains(first) ? "an " : "a ") + noun
}
