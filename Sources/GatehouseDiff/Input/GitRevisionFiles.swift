import Foundation
public import GatehouseSpec

/// The files of a git revision, read with `git show REVISION:PATH` from a repository directory: what the loader
/// reads instead of the file system when BASE is `main:specs/todo.yaml`, so external `$ref`s resolve within that
/// revision.
public struct GitRevisionFiles: SpecFileProvider {
    public var revision: String
    /// The directory `git` runs in (any directory of the work tree).
    public var directory: String

    public init(revision: String, directory: String) {
        self.revision = revision
        self.directory = directory
    }

    /// `path` is relative to the repository's root.
    public func readBytes(path: String, limit: Int) throws(SpecFileReader.ReadError) -> [UInt8] {
        guard !path.hasPrefix("/"), !path.hasPrefix("../"), path != ".." else {
            throw SpecFileReader.ReadError(path: "\(revision):\(path)", reason: "it is outside the repository")
        }
        let result = try Self.git(["show", "\(revision):\(path)"], in: directory, reading: "\(revision):\(path)")
        return Array(result.prefix(limit))
    }

    /// The work tree's root-relative path of the current directory (`specs/` when run from `specs`).
    public static func prefix(in directory: String) throws(SpecFileReader.ReadError) -> String {
        let bytes = try git(["rev-parse", "--show-prefix"], in: directory, reading: directory)
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git and returns its standard output; a failure is a read error with git's first line of complaint.
    static func git(_ arguments: [String], in directory: String, reading name: String) throws(SpecFileReader.ReadError)
        -> [UInt8]
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SpecFileReader.ReadError(path: name, reason: "cannot run git: \(error.localizedDescription)")
        }
        // Standard error is small; it is read after standard output, which can be large, has been drained.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: complaint, as: UTF8.self)
            let line =
                text.split(separator: "\n").first.map(String.init) ?? "git exited with \(process.terminationStatus)"
            throw SpecFileReader.ReadError(path: name, reason: line.replacingOccurrences(of: "fatal: ", with: ""))
        }
        return [UInt8](data)
    }
}
