import GatehouseJSON

/// `SpecDocument.dereference`, remembered for every node of every chain it walks.
///
/// Components often reference each other in chains (`A -> B -> C`); dereferencing each link from scratch walks
/// the rest of the chain again, which makes a long chain quadratic or worse. Here each `$ref` node is resolved
/// once, and the outcome of its chain is shared by every node on it. The outcomes themselves (and their messages)
/// are `dereference`'s own: it is called for the last step, where the chain ends or fails.
struct ReferenceCache {
    typealias Outcome = Result<(address: NodeAddress, value: JSONValue), SpecDocument.ReferenceFailure>

    private var outcomes: [NodeAddress: Outcome] = [:]
    /// `resolve` per file and `$ref` text: a large spec repeats the same few hundred references thousands of times.
    private var resolutions: [String: [String: SpecDocument.Resolution]] = [:]

    /// Where the `$ref` chain starting at `address` ends; a cycle's failure is at `address`, like `dereference`'s.
    mutating func dereference(_ address: NodeAddress, in document: SpecDocument) -> Outcome {
        var path: [NodeAddress] = []
        var onPath = Set<NodeAddress>()
        var current = address
        var outcome: Outcome
        while true {
            if let known = outcomes[current] {
                outcome = known
                break
            }
            guard case .object(let object)? = document.value(at: current), case .string(let ref)? = object["$ref"]
            else {
                outcome = document.dereference(current)
                break
            }
            guard onPath.insert(current).inserted else {
                outcome = document.dereference(address)
                break
            }
            path.append(current)
            guard case .node(let next) = resolve(ref, from: current.file, in: document) else {
                outcome = document.dereference(current)
                break
            }
            current = next
        }
        for node in path {
            outcomes[node] = outcome
        }
        if case .failure(var failure) = outcome, failure.kind == .cycle {
            failure.at = address
            return .failure(failure)
        }
        return outcome
    }

    private mutating func resolve(_ ref: String, from file: String, in document: SpecDocument)
        -> SpecDocument.Resolution
    {
        if let known = resolutions[file]?[ref] { return known }
        let resolution = document.resolve(ref, from: file)
        resolutions[file, default: [:]][ref] = resolution
        return resolution
    }
}
