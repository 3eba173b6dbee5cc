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
    ///
    /// Each file is written beside its destination and renamed over it, so an interrupted run never leaves a
    /// half-written file. Plain POSIX calls: `Data.write(to:)` costs milliseconds per file here, and a large
    /// contract has thousands of files.
    @discardableResult
    public func write(_ files: [GeneratedFile]) throws -> [String] {
        let changed = Set(drift(of: files).map(\.path))
        var written: [String] = []
        var folders: Set<String> = []
        for file in files.sorted(by: { $0.path < $1.path }) where changed.contains(file.path) {
            let url = directory.appendingPathComponent(file.path)
            let folder = url.deletingLastPathComponent().path
            if folders.insert(folder).inserted {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            try Self.replace(url.path, with: Array(file.contents.utf8))
            written.append(file.path)
        }
        return written
    }

    /// Why a file could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String

        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    private static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".gatehouse-partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { writeBytes(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw WriteError(path: path, reason: reason)
            }
            offset += count
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }
}

/// `write(2)`, named apart from `GeneratedOutput.write(_:)`, which hides it inside the type.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
