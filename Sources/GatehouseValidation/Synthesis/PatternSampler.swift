/// Finds a string a `pattern` matches, by a breadth-first walk of its compiled program, for example synthesis.
enum PatternSampler {
    /// Characters tried for a class, in order of preference (readable ones first).
    private static let preferred: [UInt32] = Array(
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_. ".unicodeScalars.map(\.value))

    static func sample(_ pattern: PatternMatcher, minLength: Int, maxLength: Int, variant: Int) -> String? {
        guard let program = pattern.program, minLength <= 256 else { return nil }
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
        let result = String(text)
        return pattern.matches(result) ? result : nil
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
