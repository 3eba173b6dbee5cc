/// Finds a string a `pattern` matches, by a breadth-first walk of its compiled program, for example synthesis.
enum PatternSampler {
    /// Characters tried for a class, in order of preference (readable ones first).
    private static let preferred: [UInt32] = Array(
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_. ".unicodeScalars.map(\.value))

    static func sample(_ pattern: PatternMatcher, minLength: Int, maxLength: Int, variant: Int) -> String? {
        guard minLength <= 256 else { return nil }
        if let program = pattern.program {
            return sample(program, minLength: minLength, maxLength: maxLength, variant: variant).flatMap {
                pattern.matches($0) ? $0 : nil
            }
        }
        // Lookaround (which the program lacks): samples of the pattern without it, kept when the whole pattern
        // matches them, then a few plain words.
        if let program = try? PatternParser.compile(withoutLookaround(pattern.source)) {
            for offset in 0..<8 {
                if let text = sample(program, minLength: minLength, maxLength: maxLength, variant: variant + offset),
                    pattern.matches(text)
                {
                    return text
                }
            }
        }
        return fallbackWords.first { word in
            (minLength...max(minLength, maxLength)).contains(word.unicodeScalars.count) && pattern.matches(word)
        }
    }

    private static let fallbackWords = [
        "a", "abc", "example", "A", "ABC", "Example", "0", "1", "123", "a1", "ab", "xy", "example-1", "example_1",
        "user@example.com", "https://example.com/", "2024-01-15", "2024-01-15T09:30:00Z",
    ]

    /// `source` without its lookahead and lookbehind groups (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`).
    static func withoutLookaround(_ source: String) -> String {
        let scalars = Array(source.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                result.append(scalar)
                result.append(scalars[index + 1])
                index += 2
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
                result.append(scalar)
                index += 1
                continue
            }
            if scalar == "[" { inClass = true }
            if scalar == "(", index + 2 < scalars.count, scalars[index + 1] == "?",
                ["=", "!"].contains(scalars[index + 2])
                    || (scalars[index + 2] == "<" && index + 3 < scalars.count
                        && ["=", "!"].contains(scalars[index + 3]))
            {
                index = endOfGroup(scalars, from: index)
                continue
            }
            result.append(scalar)
            index += 1
        }
        return String(result)
    }

    /// The index just past the group that opens at `start`, skipping escapes, classes and nested groups.
    private static func endOfGroup(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var depth = 0
        var index = start
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
            } else if scalar == "[" {
                inClass = true
            } else if scalar == "(" {
                depth += 1
            } else if scalar == ")" {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return scalars.count
    }

    private static func sample(_ program: PatternProgram, minLength: Int, maxLength: Int, variant: Int) -> String? {
        let cap = max(minLength, 1)
        struct State: Hashable {
            var pc: Int
            var length: Int
            var ended: Bool
        }
        var parents: [State: (State, UInt32?)] = [:]
        let start = State(pc: 0, length: 0, ended: false)
        var queue = [start]
        var head = 0
        parents[start] = (start, nil)
        var accepted: State? = nil
        func visit(_ next: State, from state: State, _ scalar: UInt32?) {
            guard parents[next] == nil else { return }
            parents[next] = (state, scalar)
            queue.append(next)
        }
        while head < queue.count, queue.count < 200_000 {
            let state = queue[head]
            head += 1
            switch program.instructions[state.pc] {
            case .match:
                if state.length >= minLength {
                    accepted = state
                    break
                }
                continue
            case .character(let index):
                guard !state.ended, let scalar = representative(program.matchers[index], variant: variant) else {
                    continue
                }
                visit(State(pc: state.pc + 1, length: min(state.length + 1, cap), ended: false), from: state, scalar)
                continue
            case .split(let first, let second):
                visit(State(pc: state.pc + first, length: state.length, ended: state.ended), from: state, nil)
                visit(State(pc: state.pc + second, length: state.length, ended: state.ended), from: state, nil)
                continue
            case .jump(let offset):
                visit(State(pc: state.pc + offset, length: state.length, ended: state.ended), from: state, nil)
                continue
            case .assertStart:
                if state.length == 0 {
                    visit(State(pc: state.pc + 1, length: 0, ended: state.ended), from: state, nil)
                }
                continue
            case .assertEnd:
                visit(State(pc: state.pc + 1, length: state.length, ended: true), from: state, nil)
                continue
            case .wordBoundary:
                visit(State(pc: state.pc + 1, length: state.length, ended: state.ended), from: state, nil)
                continue
            }
            if accepted != nil { break }
        }
        guard var state = accepted else { return nil }
        var scalars: [Unicode.Scalar] = []
        while state != start, let (parent, scalar) = parents[state] {
            if let scalar, let value = Unicode.Scalar(scalar) { scalars.append(value) }
            state = parent
        }
        guard scalars.count <= maxLength else { return nil }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars.reversed())
        return String(text)
    }

    private static func representative(_ matcher: PatternProgram.CharMatcher, variant: Int) -> UInt32? {
        switch matcher {
        case .scalar(let value): return value
        case .dot: return preferred[variant % 26]
        case .set(let set):
            for offset in 0..<preferred.count {
                let candidate = preferred[(offset + variant) % preferred.count]
                if set.contains(candidate) { return candidate }
            }
            for value in UInt32(0x21)..<0x3000 where set.contains(value) { return value }
            return nil
        }
    }
}
