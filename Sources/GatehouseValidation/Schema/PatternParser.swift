/// Parses an ECMA-262 regular expression (the dialect JSON Schema's `pattern` uses) into a `PatternProgram`.
///
/// What it does not support (backreferences, lookaround) it reports as `unsupported`, so the caller can fall back
/// to another engine; what is not a regular expression at all it reports as `invalid`.
struct PatternParser {
    struct Failure: Error {
        var message: String
        var unsupported: Bool
    }

    private let scalars: [Unicode.Scalar]
    var position = 0
    var program = PatternProgram()
    private var groupCount = 0

    var scalarCount: Int { scalars.count }
    func scalar(at index: Int) -> Unicode.Scalar { scalars[index] }

    /// Quantifier expansion is bounded, so `(a{1000}){1000}` cannot grow the program without limit.
    static let maxInstructions = 20_000

    init(_ source: String) {
        self.scalars = Array(source.unicodeScalars)
    }

    static func compile(_ source: String) throws(Failure) -> PatternProgram {
        var parser = PatternParser(source)
        var body: [PatternProgram.Instruction] = []
        try parser.parseAlternation(into: &body)
        if parser.position < parser.scalars.count {
            throw Failure(message: "unmatched ')'", unsupported: false)
        }
        body.append(.match)
        parser.program.instructions = body
        return parser.program
    }

    // MARK: Grammar

    private mutating func parseAlternation(into output: inout [PatternProgram.Instruction]) throws(Failure) {
        var branches: [[PatternProgram.Instruction]] = []
        var current: [PatternProgram.Instruction] = []
        try parseSequence(into: &current)
        branches.append(current)
        while position < scalars.count, scalars[position] == "|" {
            position += 1
            current = []
            try parseSequence(into: &current)
            branches.append(current)
        }
        if branches.count == 1 {
            output.append(contentsOf: branches[0])
            return
        }
        // split L1, next; L1: branch; jmp end; next: split …
        var combined: [PatternProgram.Instruction] = branches.last!
        for branch in branches.dropLast().reversed() {
            var block: [PatternProgram.Instruction] = [.split(1, branch.count + 2)]
            block.append(contentsOf: branch)
            block.append(.jump(combined.count + 1))
            block.append(contentsOf: combined)
            combined = block
        }
        try checkSize(output.count + combined.count)
        output.append(contentsOf: combined)
    }

    private mutating func parseSequence(into output: inout [PatternProgram.Instruction]) throws(Failure) {
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "|" || scalar == ")" { return }
            var atom: [PatternProgram.Instruction] = []
            let quantifiable = try parseAtom(into: &atom)
            if let (minimum, maximum) = try parseQuantifier() {
                guard quantifiable else { throw Failure(message: "nothing to repeat", unsupported: false) }
                try repeatAtom(atom, minimum: minimum, maximum: maximum, into: &output)
            } else {
                output.append(contentsOf: atom)
            }
            try checkSize(output.count)
        }
    }

    /// Parses one atom; returns whether a quantifier may follow it.
    private mutating func parseAtom(into output: inout [PatternProgram.Instruction]) throws(Failure) -> Bool {
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "^":
            output.append(.assertStart)
            return false
        case "$":
            output.append(.assertEnd)
            return false
        case ".":
            output.append(.character(program.add(.dot)))
            return true
        case "(":
            if position < scalars.count, scalars[position] == "?" {
                guard position + 1 < scalars.count else {
                    throw Failure(message: "incomplete group", unsupported: false)
                }
                let kind = scalars[position + 1]
                if kind == ":" {
                    position += 2
                } else if kind == "=" || kind == "!" || kind == "<" {
                    if kind == "<", position + 2 < scalars.count, scalars[position + 2] != "=",
                        scalars[position + 2] != "!"
                    {
                        // A named group: skip the name.
                        guard let close = scalars[(position + 2)...].firstIndex(of: ">") else {
                            throw Failure(message: "unterminated group name", unsupported: false)
                        }
                        position = close + 1
                        groupCount += 1
                    } else {
                        throw Failure(message: "lookaround assertions", unsupported: true)
                    }
                } else {
                    throw Failure(message: "invalid group", unsupported: false)
                }
            } else {
                groupCount += 1
            }
            try parseAlternation(into: &output)
            guard position < scalars.count, scalars[position] == ")" else {
                throw Failure(message: "missing ')'", unsupported: false)
            }
            position += 1
            return true
        case ")":
            throw Failure(message: "unmatched ')'", unsupported: false)
        case "[":
            output.append(.character(program.add(try parseClass())))
            return true
        case "*", "+", "?":
            throw Failure(message: "nothing to repeat", unsupported: false)
        case "{":
            // Annex B: a brace that does not start a quantifier is a literal; one that does has nothing to repeat.
            let saved = position
            position -= 1
            if (try? parseQuantifier()) != nil, position != saved - 1 {
                throw Failure(message: "nothing to repeat", unsupported: false)
            }
            position = saved
            output.append(.character(program.add(.scalar(scalar.value))))
            return true
        case "\\":
            return try parseEscape(into: &output)
        default:
            output.append(.character(program.add(.scalar(scalar.value))))
            return true
        }
    }

    private mutating func parseEscape(into output: inout [PatternProgram.Instruction]) throws(Failure) -> Bool {
        guard position < scalars.count else { throw Failure(message: "trailing backslash", unsupported: false) }
        let scalar = scalars[position]
        switch scalar {
        case "b":
            position += 1
            output.append(.wordBoundary(true))
            return false
        case "B":
            position += 1
            output.append(.wordBoundary(false))
            return false
        case "1"..."9":
            throw Failure(message: "backreferences", unsupported: true)
        case "k":
            throw Failure(message: "named backreferences", unsupported: true)
        default:
            let matcher = try parseEscapeMatcher(inClass: false)
            output.append(.character(program.add(matcher)))
            return true
        }
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally lazy (laziness does not change whether it matches).
    private mutating func parseQuantifier() throws(Failure) -> (Int, Int?)? {
        guard position < scalars.count else { return nil }
        var result: (Int, Int?)
        switch scalars[position] {
        case "*":
            result = (0, nil)
            position += 1
        case "+":
            result = (1, nil)
            position += 1
        case "?":
            result = (0, 1)
            position += 1
        case "{":
            var cursor = position + 1
            guard let minimum = readNumber(&cursor) else { return nil }
            var maximum: Int? = minimum
            if cursor < scalars.count, scalars[cursor] == "," {
                cursor += 1
                maximum = readNumber(&cursor)
            }
            guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
            if let maximum, maximum < minimum {
                throw Failure(message: "numbers out of order in quantifier", unsupported: false)
            }
            position = cursor + 1
            result = (minimum, maximum)
        default:
            return nil
        }
        if position < scalars.count, scalars[position] == "?" { position += 1 }
        return result
    }

    private func readNumber(_ cursor: inout Int) -> Int? {
        var value = 0
        var digits = 0
        while cursor < scalars.count,
            let digit = scalars[cursor].properties.numericType == .decimal
                ? Int(String(scalars[cursor])) : nil, scalars[cursor].isASCII
        {
            value = min(value * 10 + digit, 1_000_000)
            digits += 1
            cursor += 1
        }
        return digits == 0 ? nil : value
    }

    private mutating func repeatAtom(
        _ atom: [PatternProgram.Instruction], minimum: Int, maximum: Int?,
        into output: inout [PatternProgram.Instruction]
    ) throws(Failure) {
        let copies = minimum + (maximum.map { $0 - minimum } ?? 1)
        try checkSize(output.count + atom.count * max(copies, 1) + copies * 2)
        for _ in 0..<minimum { output.append(contentsOf: atom) }
        if let maximum {
            // Optional copies: split over each one, to the end.
            let optional = maximum - minimum
            for index in 0..<optional {
                let remaining = optional - index
                let skip = remaining * (atom.count + 1)
                output.append(.split(1, skip))
                output.append(contentsOf: atom)
            }
        } else {
            // L: split body, end; body; jmp L
            output.append(.split(1, atom.count + 2))
            output.append(contentsOf: atom)
            output.append(.jump(-(atom.count + 1)))
        }
    }

    private func checkSize(_ size: Int) throws(Failure) {
        if size > Self.maxInstructions {
            // Too large to run in bounded time, and not handed to a backtracking engine either.
            throw Failure(message: "pattern expands to more than \(Self.maxInstructions) steps", unsupported: false)
        }
    }
}
