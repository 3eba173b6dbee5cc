/// Path globs over `/`-separated segments: `**` matches any number of segments, `*` any run of characters within
/// one. Both matchers fill a table of prefixes, so no pattern takes more than the product of the two lengths.
enum Glob {
    static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        table(pattern.count, path.count) { patternIndex in
            pattern[patternIndex] == "**"
        } matches: { patternIndex, pathIndex in
            segmentMatches(Array(pattern[patternIndex]), Array(path[pathIndex]))
        }
    }

    static func segmentMatches(_ pattern: [Character], _ text: [Character]) -> Bool {
        table(pattern.count, text.count) { patternIndex in
            pattern[patternIndex] == "*"
        } matches: { patternIndex, textIndex in
            pattern[patternIndex] == text[textIndex]
        }
    }

    /// Whether a whole pattern matches a whole sequence, where `isStar(i)` marks a pattern element that matches any
    /// run of elements (the empty one too) and `matches(i, j)` says whether pattern element i matches element j.
    private static func table(
        _ patternCount: Int, _ count: Int, isStar: (Int) -> Bool, matches: (Int, Int) -> Bool
    ) -> Bool {
        // row[j]: the pattern read so far matches the first j elements.
        var row = [Bool](repeating: false, count: count + 1)
        row[0] = true
        for patternIndex in 0..<patternCount {
            var next = [Bool](repeating: false, count: count + 1)
            if isStar(patternIndex) {
                next[0] = row[0]
                for index in 0..<count { next[index + 1] = row[index + 1] || next[index] }
            } else {
                for index in 0..<count { next[index + 1] = row[index] && matches(patternIndex, index) }
            }
            row = next
        }
        return row[count]
    }
}
