extension PatternProgram {
    /// Whether the pattern matches anywhere in `text` (ECMA-262 `RegExp.prototype.test`).
    func matches(_ text: String) -> Bool {
        let count = instructions.count
        let anchored: Bool = {
            if case .assertStart = instructions.first { return true }
            return false
        }()
        // Two sparse sets (dense + sparse arrays each) and an epsilon-closure stack, on the stack when small.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: count * 6 + 2) { buffer in
            buffer.initialize(repeating: -1)
            let base = buffer.baseAddress!
            var current = SparseSet(dense: base, sparse: base + count)
            var next = SparseSet(dense: base + 2 * count, sparse: base + 3 * count)
            let stack = base + 4 * count
            var previous: UInt32? = nil
            var iterator = text.unicodeScalars.makeIterator()
            var scalar = iterator.next()?.value
            var atStart = true
            while true {
                if atStart || !anchored {
                    if addThread(0, to: &current, stack: stack, previous: previous, next: scalar) { return true }
                }
                guard let value = scalar else { return false }
                if current.count == 0 && anchored { return false }
                next.clear()
                let following = iterator.next()?.value
                for slot in 0..<current.count {
                    let pc = current.dense[slot]
                    guard case .character(let matcher) = instructions[pc], matchers[matcher].matches(value) else {
                        continue
                    }
                    if addThread(pc + 1, to: &next, stack: stack, previous: value, next: following) { return true }
                }
                swap(&current, &next)
                previous = value
                scalar = following
                atStart = false
            }
        }
    }

    /// Adds `start` and everything reachable from it without consuming input; true when that reaches `match`.
    private func addThread(
        _ start: Int, to set: inout SparseSet, stack: UnsafeMutablePointer<Int>, previous: UInt32?, next: UInt32?
    ) -> Bool {
        var depth = 0
        stack[0] = start
        depth = 1
        while depth > 0 {
            depth -= 1
            let pc = stack[depth]
            if set.contains(pc) { continue }
            set.insert(pc)
            switch instructions[pc] {
            case .match:
                return true
            case .character:
                break
            case .jump(let offset):
                stack[depth] = pc + offset
                depth += 1
            case .split(let first, let second):
                stack[depth] = pc + second
                stack[depth + 1] = pc + first
                depth += 2
            case .assertStart:
                if previous == nil {
                    stack[depth] = pc + 1
                    depth += 1
                }
            case .assertEnd:
                if next == nil {
                    stack[depth] = pc + 1
                    depth += 1
                }
            case .wordBoundary(let expected):
                let before = previous.map(PatternProgram.isWord) ?? false
                let after = next.map(PatternProgram.isWord) ?? false
                if (before != after) == expected {
                    stack[depth] = pc + 1
                    depth += 1
                }
            }
        }
        return false
    }
}

/// A set of program counters with O(1) insert, lookup and clear (Briggs and Torczon's sparse set).
private struct SparseSet {
    let dense: UnsafeMutablePointer<Int>
    let sparse: UnsafeMutablePointer<Int>
    var count = 0

    init(dense: UnsafeMutablePointer<Int>, sparse: UnsafeMutablePointer<Int>) {
        self.dense = dense
        self.sparse = sparse
    }

    @inline(__always)
    func contains(_ value: Int) -> Bool {
        let slot = sparse[value]
        return slot >= 0 && slot < count && dense[slot] == value
    }

    @inline(__always)
    mutating func insert(_ value: Int) {
        sparse[value] = count
        dense[count] = value
        count += 1
    }

    mutating func clear() { count = 0 }
}
