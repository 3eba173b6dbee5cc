/// Lexical path joining for `$ref`s: no file system access, so a reference reads the same on every machine.
enum PathArithmetic {
    /// `relative` resolved against the directory of `file`, with `.` and `..` folded.
    static func join(_ relative: String, relativeTo file: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        let directory: String
        if file == SpecFileReader.stdinName {
            directory = ""
        } else if let slash = file.lastIndex(of: "/") {
            directory = String(file[...slash])
        } else {
            directory = ""
        }
        return normalize(directory + relative)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
