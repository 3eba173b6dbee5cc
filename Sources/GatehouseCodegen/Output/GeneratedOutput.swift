public import Foundation

/// Writes a generator's files into an output folder, or compares them with it (`--check`).
public struct GeneratedOutput: Sendable {
    /// A file whose bytes on disk differ from the generated ones.
    public struct Drift: Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case missing = "would be created"
            case changed = "would change"
        }

        public var path: String
        public var kind: Kind

        public var description: String { "\(path): \(kind.rawValue)" }
    }

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The files whose contents on disk are not byte-identical to `files`, in path order.
    public func drift(of files: [GeneratedFile]) -> [Drift] {
        files.sorted { $0.path < $1.path }.compactMap { file in
            let url = directory.appendingPathComponent(file.path)
            guard let existing = FileManager.default.contents(atPath: url.path) else {
                return Drift(path: file.path, kind: .missing)
            }
            return existing == Data(file.contents.utf8) ? nil : Drift(path: file.path, kind: .changed)
        }
    }

    /// Writes every file whose contents differ (creating folders as needed) and returns the paths written.
    @discardableResult
    public func write(_ files: [GeneratedFile]) throws -> [String] {
        let changed = Set(drift(of: files).map(\.path))
        var written: [String] = []
        for file in files.sorted(by: { $0.path < $1.path }) where changed.contains(file.path) {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(file.contents.utf8).write(to: url, options: .atomic)
            written.append(file.path)
        }
        return written
    }
}
