import Dispatch

/// How generated declarations are spread over source files: grouped by the first letter of their Swift name and
/// packed up to about 64 KB a file (`Repository` is in `Models+R.swift`, or `Models+R2.swift` when the R models
/// fill several files), so a large contract gives a hundred files instead of thousands.
///
/// Why not a file per type: GitHub's contract gave about 1,850 files, and creating them took a quarter of the
/// generator's time; a debug build also runs one compiler job per 25 files, and each job parses the whole module
/// again. Why not a few huge files: the build runs one job per core only when there are enough files of similar
/// size, and a job with megabytes of primary source needs much more memory. bench/README.md has the figures.
/// The letter keeps the layout stable: a new schema changes the files of its letter only.
enum SourceLayout {
    /// The size a file is filled to before the next one starts.
    static let targetFileSize = 64 * 1024

    /// A piece of source: one declaration (with its extensions), rendered.
    struct Piece: Sendable {
        var name: String
        var text: String
    }

    /// The group of a type name: its first letter, upper-cased; `_` for a name that starts with anything else.
    static func group(of name: String) -> String {
        let first = name.unicodeScalars.first { $0 != "`" }
        guard let first, first.isASCII, first.properties.isAlphabetic else { return "_" }
        return String(first).uppercased()
    }

    /// The files for `pieces` in `directory`: `prefix+A.swift`, or `prefix+A1.swift`, `prefix+A2.swift`… when a
    /// letter's pieces fill more than one file. Each file is `preamble` followed by its pieces in name order, a blank
    /// line apart.
    static func files(_ pieces: [Piece], directory: String, prefix: String, preamble: String) -> [GeneratedFile] {
        var groups: [String: [Piece]] = [:]
        for piece in pieces { groups[group(of: piece.name), default: []].append(piece) }
        var files: [GeneratedFile] = []
        for letter in groups.keys.sorted() {
            var chunks: [String] = []
            var current = preamble
            for piece in (groups[letter] ?? []).sorted(by: { $0.name < $1.name }) {
                if current.utf8.count > preamble.utf8.count
                    && current.utf8.count + piece.text.utf8.count > targetFileSize
                {
                    chunks.append(current)
                    current = preamble
                }
                current += "\n"
                current += piece.text
            }
            chunks.append(current)
            for (index, chunk) in chunks.enumerated() {
                let suffix = chunks.count == 1 ? "" : String(index + 1)
                files.append(GeneratedFile(path: "\(directory)\(prefix)+\(letter)\(suffix).swift", contents: chunk))
            }
        }
        return files
    }

    /// `render` applied to every element of `items`, on all cores; the results in the order of `items`.
    static func render<Item: Sendable>(_ items: [Item], _ render: @Sendable (Item) -> Piece) -> [Piece] {
        guard items.count > 64 else { return items.map(render) }
        var results = [Piece?](repeating: nil, count: items.count)
        let workers = 4
        results.withUnsafeMutableBufferPointer { buffer in
            let output = UncheckedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Strided, so the large and the small declarations spread evenly over the workers.
                for index in stride(from: worker, to: items.count, by: workers) {
                    output.buffer[index] = render(items[index])
                }
            }
        }
        return results.compactMap { $0 }
    }
}

/// A buffer that parallel workers write at distinct indices.
private struct UncheckedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }
}
