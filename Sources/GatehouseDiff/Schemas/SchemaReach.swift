import GatehouseSpec

/// The schema pairs compared so far, and which operations reach each one, directly or through the pairs that queued
/// it.
///
/// Each pair is compared once, under the first operation that reaches it (see `compareSchemas`), so a change in a
/// schema many operations share is one finding. This is what lets that finding also name the other operations it
/// affects: a CI user reading a pull request comment sees the change once, at its line, with every operation it
/// breaks, rather than the same line repeated per operation. Pairs are numbered as they are first met, so the graph
/// is kept in arrays and a pair is hashed once per visit.
struct SchemaReach {
    private var numbers: [SchemaPair: Int] = [:]
    /// The pairs that queued each pair (a pair reached along several paths has several).
    private var parents: [[Int]] = []
    /// The operations whose parameters, bodies or responses are each pair directly.
    private var entries: [[OperationRef]] = []
    /// Findings reported while comparing a pair, by their index in the run's findings.
    private var findingPairs: [(finding: Int, pair: Int)] = []

    /// How many other operations a note names before it says how many more there are.
    static let namedLimit = 10

    /// Notes that `pair` was reached from `parent` (or directly by `operation`); returns its number and whether it is
    /// met for the first time, that is, whether it still has to be compared.
    mutating func visit(_ pair: SchemaPair, from parent: Int?, operation: OperationRef?) -> (number: Int, isNew: Bool) {
        let number: Int
        let isNew: Bool
        if let known = numbers[pair] {
            (number, isNew) = (known, false)
        } else {
            (number, isNew) = (parents.count, true)
            numbers[pair] = number
            parents.append([])
            entries.append([])
        }
        if let parent {
            if parents[number].last != parent { parents[number].append(parent) }
        } else if let operation, entries[number].last != operation {
            entries[number].append(operation)
        }
        return (number, isNew)
    }

    mutating func found(_ finding: Int, in pair: Int) {
        findingPairs.append((finding, pair))
    }

    /// Every operation that reaches pair `number`, following the pairs that queued it back to the operations' own
    /// schemas.
    func operations(reaching number: Int) -> Set<OperationRef> {
        var seen: Set<Int> = [number]
        var queue = [number]
        var result = Set<OperationRef>()
        var next = 0
        while next < queue.count {
            let current = queue[next]
            next += 1
            result.formUnion(entries[current])
            for parent in parents[current] where seen.insert(parent).inserted {
                queue.append(parent)
            }
        }
        return result
    }

    /// Adds to each finding in a shared schema a note naming the other operations the change affects.
    func annotate(_ findings: inout [Finding]) {
        var known: [Int: [OperationRef]] = [:]
        for (index, pair) in findingPairs where index < findings.count {
            let reached = known[pair] ?? operations(reaching: pair).sorted()
            known[pair] = reached
            let others = reached.filter { $0 != findings[index].operation }
            guard !others.isEmpty else { continue }
            findings[index].alsoAffects = others
            let named = others.prefix(Self.namedLimit).map { "'\($0.id)' (\($0))" }.joined(separator: ", ")
            let more = others.count > Self.namedLimit ? " and \(others.count - Self.namedLimit) more" : ""
            findings[index].notes.append(
                Diagnostic.Note("the schema is shared: the change also affects \(named)\(more)"))
        }
    }
}
