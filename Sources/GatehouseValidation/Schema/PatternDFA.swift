/// A `PatternProgram` turned into a DFA over ASCII at compile time (subset construction), so the common patterns
/// (`^[a-z0-9-]+$`) cost one table lookup per byte. Programs with word boundaries, or whose DFA would exceed
/// `maxStates`, have none; non-ASCII input goes to the Pike VM.
struct PatternDFA: Sendable {
    /// `transitions[state * 128 + byte]`: the next state, or -1 when no match is possible any more.
    private let transitions: [Int32]
    /// A match has been found by the time this state is reached.
    private let matched: [Bool]
    /// A match is found if the input ends in this state.
    private let matchedAtEnd: [Bool]

    static let maxStates = 256
    /// Subset construction costs states × 128 × program size; larger programs keep to the Pike VM.
    static let maxInstructions = 512

    init?(_ program: PatternProgram) {
        let instructions = program.instructions
        guard instructions.count <= Self.maxInstructions else { return nil }
        for instruction in instructions {
            if case .wordBoundary = instruction { return nil }
        }
        let anchored: Bool = {
            if case .assertStart = instructions.first { return true }
            return false
        }()
        /// The character and `$` instructions reachable from `seeds` without input; whether `match` is reachable.
        func closure(_ seeds: [Int], atStart: Bool, atEnd: Bool) -> (set: [Int], matched: Bool) {
            var visited = Set<Int>()
            var stack = seeds
            var set: [Int] = []
            var matched = false
            while let pc = stack.popLast() {
                guard visited.insert(pc).inserted else { continue }
                switch instructions[pc] {
                case .match: matched = true
                case .character: set.append(pc)
                case .jump(let offset): stack.append(pc + offset)
                case .split(let first, let second): stack.append(contentsOf: [pc + second, pc + first])
                case .assertStart: if atStart { stack.append(pc + 1) }
                case .assertEnd: if atEnd { stack.append(pc + 1) } else { set.append(pc) }
                case .wordBoundary: break
                }
            }
            return (set.sorted(), matched)
        }
        let restart = anchored ? [] : [0]
        var states: [[Int]] = []
        var index: [[Int]: Int] = [:]
        var matched: [Bool] = []
        var transitions: [Int32] = []
        func add(_ set: [Int], _ isMatched: Bool) -> Int {
            // A state is its thread set and whether it has matched; -1 marks the latter in the key.
            let key = isMatched ? set + [-1] : set
            if let existing = index[key] { return existing }
            index[key] = states.count
            states.append(set)
            matched.append(isMatched)
            transitions.append(contentsOf: repeatElement(-2, count: 128))
            return states.count - 1
        }
        let start = closure([0], atStart: true, atEnd: false)
        _ = add(start.set, start.matched)
        var next = 0
        while next < states.count {
            guard states.count <= Self.maxStates else { return nil }
            let set = states[next]
            for byte in 0..<128 {
                var seeds = restart
                for pc in set {
                    if case .character(let matcher) = instructions[pc], program.matchers[matcher].matches(UInt32(byte))
                    {
                        seeds.append(pc + 1)
                    }
                }
                let target = closure(seeds, atStart: false, atEnd: false)
                if target.set.isEmpty && !target.matched && anchored {
                    transitions[next * 128 + byte] = -1
                } else {
                    transitions[next * 128 + byte] = Int32(add(target.set, target.matched))
                }
            }
            next += 1
        }
        self.matchedAtEnd = states.enumerated().map { position, set in
            if matched[position] { return true }
            let ends = set.filter { if case .assertEnd = instructions[$0] { return true } else { return false } }
            return closure(ends + restart, atStart: position == 0, atEnd: true).matched
        }
        self.transitions = transitions
        self.matched = matched
    }

    /// Whether the pattern matches somewhere in `text`; nil when `text` is not ASCII.
    @inline(__always)
    func matches(_ text: String) -> Bool? {
        if let result = text.utf8.withContiguousStorageIfAvailable({ matches(bytes: $0) }) { return result }
        var copy = text
        return copy.withUTF8 { matches(bytes: $0) }
    }

    /// `matches(_:)` over UTF-8 bytes; nil when they are not ASCII.
    @inline(__always)
    func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        matched.withUnsafeBufferPointer { matched in
            transitions.withUnsafeBufferPointer { transitions in
                var state = 0
                if matched[0] { return true }
                for byte in bytes {
                    guard byte < 128 else { return nil }
                    let next = Int(transitions[state &* 128 &+ Int(byte)])
                    if next < 0 { return bytes.contains { $0 >= 128 } ? nil : false }
                    state = next
                    if matched[state] { return true }
                }
                return matchedAtEnd[state]
            }
        }
    }
}
