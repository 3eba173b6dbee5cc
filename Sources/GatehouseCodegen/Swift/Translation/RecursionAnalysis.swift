import GatehouseJSON

/// Finds types that contain themselves by value (a recursive schema) and breaks each cycle: struct properties on
/// a cycle are stored out of line (`Indirect`), `oneOf` enums on a cycle are declared `indirect`, and a cycle made
/// only of type aliases (which Swift cannot declare) falls back to `JSONValue`.
enum RecursionAnalysis {
    static func apply(to declarations: inout [TypeDeclaration]) -> [String] {
        var byPath: [String: TypeDeclaration] = [:]
        func index(_ declaration: TypeDeclaration) {
            byPath[declaration.path] = declaration
            declaration.nested.forEach(index)
        }
        declarations.forEach(index)

        // Alias cycles first: `typealias A = [B]`, `typealias B = [A]` does not compile.
        var brokenAliases: [String] = []
        let aliasEdges = byPath.mapValues { declaration -> [String] in
            guard case .alias(let type) = declaration.kind else { return [] }
            return type.namedPaths.filter { if case .alias? = byPath[$0]?.kind { return true } else { return false } }
        }
        for component in stronglyConnected(nodes: byPath.keys.sorted(), edges: aliasEdges)
        where component.count > 1 || aliasEdges[component[0]]?.contains(component[0]) == true {
            brokenAliases += component
        }

        // Containment by value: a struct's properties and a oneOf's payloads, through aliases and optionals.
        let valueEdges = byPath.mapValues { declaration -> [String] in
            switch declaration.kind {
            case .structure(let shape): return shape.properties.compactMap { $0.type.inlineNamedPath }
            case .oneOf(let shape): return shape.cases.compactMap { $0.type.inlineNamedPath }
            case .alias(let type): return type.inlineNamedPath.map { [$0] } ?? []
            case .stringEnum: return []
            }
        }
        var componentOf: [String: Int] = [:]
        var cyclic: Set<Int> = []
        for (number, component) in stronglyConnected(nodes: byPath.keys.sorted(), edges: valueEdges).enumerated() {
            for path in component { componentOf[path] = number }
            if component.count > 1 || valueEdges[component[0]]?.contains(component[0]) == true { cyclic.insert(number) }
        }
        let broken = Set(brokenAliases)
        func update(_ declaration: inout TypeDeclaration) {
            let own = componentOf[declaration.path]
            switch declaration.kind {
            case .structure(var shape):
                for index in shape.properties.indices {
                    if let target = shape.properties[index].type.inlineNamedPath, let own, cyclic.contains(own),
                        componentOf[target] == own
                    {
                        shape.properties[index].boxed = true
                    }
                }
                declaration.kind = .structure(shape)
            case .oneOf:
                if let own, cyclic.contains(own) { declaration.isIndirect = true }
            case .alias:
                if broken.contains(declaration.path) { declaration.kind = .alias(.json) }
            case .stringEnum:
                break
            }
            for index in declaration.nested.indices { update(&declaration.nested[index]) }
        }
        for index in declarations.indices { update(&declarations[index]) }
        return brokenAliases.sorted()
    }

    /// Tarjan's algorithm, iterative so deep schemas cannot overflow the stack; components in a stable order.
    static func stronglyConnected(nodes: [String], edges: [String: [String]]) -> [[String]] {
        var indexOf: [String: Int] = [:]
        var lowLink: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [String] = []
        var components: [[String]] = []
        var counter = 0
        for root in nodes where indexOf[root] == nil {
            var work: [(node: String, next: Int)] = [(root, 0)]
            indexOf[root] = counter
            lowLink[root] = counter
            counter += 1
            stack.append(root)
            onStack.insert(root)
            while var frame = work.popLast() {
                let successors = (edges[frame.node] ?? []).filter { edges[$0] != nil }
                if frame.next < successors.count {
                    let next = successors[frame.next]
                    frame.next += 1
                    work.append(frame)
                    if indexOf[next] == nil {
                        indexOf[next] = counter
                        lowLink[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack.insert(next)
                        work.append((next, 0))
                    } else if onStack.contains(next) {
                        lowLink[frame.node] = min(lowLink[frame.node]!, indexOf[next]!)
                    }
                    continue
                }
                if let parent = work.last {
                    lowLink[parent.node] = min(lowLink[parent.node]!, lowLink[frame.node]!)
                }
                if lowLink[frame.node] == indexOf[frame.node] {
                    var component: [String] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == frame.node { break }
                    }
                    components.append(component.sorted())
                }
            }
        }
        return components
    }
}
