import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec

/// The Swift client view: what a change to the contract does to the source of the client `gatehouse generate`
/// writes. Declarations are matched by their Swift path; a type that disappears while one with the same members
/// appears was renamed. Each finding names the Swift declaration and the contract node behind it.
struct SwiftClientComparison {
    let base: DiffSide
    let revision: DiffSide

    func findings() -> [Finding] {
        let before = SwiftClientSurface(model: base.model).declarations
        let after = SwiftClientSurface(model: revision.model).declarations
        var oldByPath: [String: SwiftClientSurface.Declaration] = [:]
        for declaration in before where oldByPath[declaration.path] == nil { oldByPath[declaration.path] = declaration }
        var newByPath: [String: SwiftClientSurface.Declaration] = [:]
        for declaration in after where newByPath[declaration.path] == nil { newByPath[declaration.path] = declaration }
        let oldMembers = Self.membersByParent(before)
        let newMembers = Self.membersByParent(after)

        var findings: [Finding] = []
        /// Types (and operation namespaces) reported as a whole: their members are not reported one by one.
        var gone = Set<String>()
        /// Old name to new name, so a member whose type only follows a rename is not reported again.
        var renames: [String: String] = [:]
        // Types gone from the revision: renamed when a new type has exactly their members, else removed.
        let removedTypes = oldByPath.values.filter { $0.kind == .type && newByPath[$0.path] == nil }
            .sorted { $0.path < $1.path }
        var addedByShape: [String: SwiftClientSurface.Declaration] = [:]
        for new in newByPath.values.filter({ $0.kind == .type && oldByPath[$0.path] == nil }).sorted(by: {
            $0.path < $1.path
        }) {
            let members = newMembers[new.path] ?? []
            guard !members.isEmpty else { continue }
            let shape = Self.shape(kind: new.type, members: members)
            if addedByShape[shape] == nil { addedByShape[shape] = new }
        }
        for old in removedTypes {
            let members = oldMembers[old.path] ?? []
            let renamed = members.isEmpty ? nil : addedByShape[Self.shape(kind: old.type, members: members)]
            if let renamed {
                renames[old.path] = renamed.path
                findings.append(
                    finding(
                        DiffRules.sdkTypeRenamed,
                        "Swift type '\(old.path)' of the generated client is now '\(renamed.path)'",
                        new: renamed, old: old))
            } else if !Self.isInside(old.path, gone) {
                findings.append(
                    finding(
                        DiffRules.sdkTypeRemoved, "Swift type '\(old.path)' of the generated client was removed",
                        old: old))
            }
            gone.insert(old.path)
        }
        // An operation whose method was renamed (a new operationId): one finding.
        var newMethods: [String: SwiftClientSurface.Declaration] = [:]
        for new in after where new.kind == .method {
            if let operation = new.operation, newMethods[Self.key(operation)] == nil {
                newMethods[Self.key(operation)] = new
            }
        }
        var handled = Set<String>()
        for old in before where old.kind == .method && newByPath[old.path] == nil {
            // A removed operation is reported by its method alone, not by each member of its input and output.
            gone.insert(Self.parent(of: old.type))
            guard let operation = old.operation, let new = newMethods[Self.key(operation)] else { continue }
            findings.append(
                finding(
                    DiffRules.sdkMemberRemoved,
                    "method '\(old.path)' of the generated client was renamed to '\(new.path)'", new: new, old: old))
            handled.insert(old.path)
            renames[Self.parent(of: old.type)] = Self.parent(of: new.type)
        }
        func inGoneType(_ path: String) -> Bool {
            handled.contains(path) || Self.isInside(path, gone)
        }
        for old in before where old.kind != .type && newByPath[old.path] == nil && !inGoneType(old.path) {
            guard oldByPath[old.path] == old else { continue }
            findings.append(
                finding(
                    DiffRules.sdkMemberRemoved,
                    "\(Self.describe(old.kind)) '\(old.path)' of the generated client was removed or renamed", old: old)
            )
        }
        let containers = Set(before.map { Self.parent(of: $0.path) })
        for new in after where newByPath[new.path] == new {
            guard let old = oldByPath[new.path] else {
                findings += added(new, containers: containers)
                continue
            }
            guard new.kind == .member, old.kind == .member, old.type != new.type,
                Self.applying(renames, to: old.type) != new.type
            else { continue }
            if old.isOptional && String(old.type.dropLast()) == new.type {
                findings.append(
                    finding(
                        DiffRules.sdkMemberRequired,
                        "member '\(new.path)' of the generated client became required ('\(old.type)' to '\(new.type)')",
                        new: new, old: old))
            } else {
                findings.append(
                    finding(
                        DiffRules.sdkTypeChanged,
                        "member '\(new.path)' of the generated client changed type from '\(old.type)' to '\(new.type)'",
                        new: new, old: old))
            }
        }
        return findings
    }

    /// A declaration new in the revision, inside a type (or input, or output) the base has: a required member or an
    /// enum case.
    private func added(_ new: SwiftClientSurface.Declaration, containers: Set<String>) -> [Finding] {
        let parent = Self.parent(of: new.path)
        guard containers.contains(parent) else { return [] }
        switch new.kind {
        case .member where !new.isOptional:
            return [
                finding(
                    DiffRules.sdkMemberRequired,
                    "required member '\(new.path)' of type '\(new.type)' was added to the generated client", new: new)
            ]
        case .enumCase:
            return [
                finding(
                    DiffRules.sdkEnumCaseAdded,
                    "enum '\(parent)' of the generated client has a new case '\(Self.last(new.path))'", new: new)
            ]
        default:
            return []
        }
    }

    /// Method and path shape: the operation across versions, whatever its operationId.
    static func key(_ operation: GatehouseSpec.Operation) -> String {
        DiffRun.key(operation)
    }

    /// A Swift type spelled with renamed types replaced by their new names (`[Owner]?` → `[Person]?`).
    static func applying(_ renames: [String: String], to type: String) -> String {
        guard !renames.isEmpty else { return type }
        var result = ""
        var name = ""
        for character in type {
            if character.isLetter || character.isNumber || character == "_" || character == "." {
                name.append(character)
            } else {
                result += renames[name] ?? name
                name = ""
                result.append(character)
            }
        }
        return result + (renames[name] ?? name)
    }

    /// A finding at the revision's node behind `new` (the base's behind `old` when there is no `new`), with a note at
    /// the other side naming the contract node.
    private func finding(
        _ rule: Rule, _ message: String, new: SwiftClientSurface.Declaration? = nil,
        old: SwiftClientSurface.Declaration? = nil
    ) -> Finding {
        let operation = (new ?? old)?.operation.map {
            OperationRef(method: $0.method.rawValue, path: $0.path.raw, id: $0.id)
        }
        let newPlace = new?.source.map { revision.place($0, key: true) }
        let oldPlace = old?.source.map { base.place($0, key: true) }
        let place =
            newPlace ?? oldPlace
            ?? revision.place(revision.document.rootAddress())
        var notes: [Diagnostic.Note] = []
        if let source = (new ?? old)?.source {
            notes.append(Diagnostic.Note("generated from '\(source.pointer.fragment)'"))
        }
        if newPlace != nil, let oldPlace {
            notes.append(Diagnostic.Note("the base's declaration", at: oldPlace.location))
        }
        return Finding(rule, message, operation: operation, at: place, notes: notes)
    }

    /// Each container's members (`name: Type`), by the container's path.
    static func membersByParent(_ declarations: [SwiftClientSurface.Declaration]) -> [String: Set<String>] {
        var members: [String: Set<String>] = [:]
        for declaration in declarations where declaration.kind != .type {
            members[parent(of: declaration.path), default: []].insert("\(last(declaration.path)): \(declaration.type)")
        }
        return members
    }

    /// A type's kind and members as one key, to find a renamed type by its shape.
    static func shape(kind: String, members: Set<String>) -> String {
        kind + "|" + members.sorted().joined(separator: "|")
    }

    /// Whether `path` is inside one of `containers` (`Pet.Status.sold` is inside `Pet`).
    static func isInside(_ path: String, _ containers: Set<String>) -> Bool {
        var index = path.startIndex
        while let dot = path[index...].firstIndex(of: ".") {
            if containers.contains(String(path[..<dot])) { return true }
            index = path.index(after: dot)
        }
        return false
    }

    static func parent(of path: String) -> String {
        guard let dot = path.lastIndex(of: ".") else { return "" }
        return String(path[..<dot])
    }

    static func last(_ path: String) -> String {
        guard let dot = path.lastIndex(of: ".") else { return path }
        return String(path[path.index(after: dot)...])
    }

    static func describe(_ kind: SwiftClientSurface.Declaration.Kind) -> String {
        switch kind {
        case .type: return "type"
        case .member: return "member"
        case .enumCase: return "enum case"
        case .method: return "method"
        }
    }
}
