import Foundation
public import GatehouseSpec

/// BASE or REVISION on the command line: a file, or a git revision and a path (`main:specs/todo.yaml`).
public enum ContractInput: Sendable, Hashable, CustomStringConvertible {
    case file(String)
    /// `path` is relative to the repository's root, as `git show` reads it.
    case revision(String, path: String)

    /// An existing file wins; otherwise `REV:PATH` names a git revision (a path starting with `./` or `../` is
    /// relative to `directory`, as git reads it).
    public init(_ argument: String, directory: String) throws(SpecFileReader.ReadError) {
        guard !FileManager.default.fileExists(atPath: argument), argument != "-",
            let colon = argument.firstIndex(of: ":"), colon != argument.startIndex
        else {
            self = .file(argument)
            return
        }
        let revision = String(argument[..<colon])
        var path = String(argument[argument.index(after: colon)...])
        if path.hasPrefix("./") || path.hasPrefix("../") {
            path = try GitRevisionFiles.prefix(in: directory) + path
        }
        self = .revision(revision, path: Self.normalized(path))
    }

    public var description: String {
        switch self {
        case .file(let path): return path
        case .revision(let revision, let path): return "\(revision):\(path)"
        }
    }

    /// `a/./b/../c` gives `a/c`; leading `..` stay (and are refused when read).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
