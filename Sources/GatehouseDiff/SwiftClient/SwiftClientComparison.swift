import Foundation
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

        var findings: [Finding] = []
        /// Types (and operation namespaces) reported as a whole: their members are not reported one by one.
        var gone = Set<String>()
        /// Old name to new name, so a member whose type only follows a rename is not reported again.
        var renames: [(old: String, new: String)] = []
        // Types gone from the revision: renamed when a new type has exactly their members, else removed.
        let removedTypes = oldByPath.values.filter { $0.kind == .type && newByPath[$0.path] == nil }
            .sorted { $0.path < $1.path }
        let addedTypes = newByPath.values.filter { $0.kind == .type && oldByPath[$0.path] == nil }
            .sorted { $0.path < $1.path }
        for old in removedTypes {
            let oldMembers = Self.members(of: old.path, in: before)
            let renamed = addedTypes.first { new in
                new.type == old.type && !oldMembers.isEmpty && Self.members(of: new.path, in: after) == oldMembers
            }
            if let renamed {
                renames.append((old.path, renamed.path))
                findings.append(
                    finding(
                        DiffRules.sdkTypeRenamed,
                        "Swift type '\(old.path)' of the generated client is now '\(renamed.path)'",
                        new: renamed, old: old))
            } else if !gone.contains(where: { old.path.hasPrefix($0 + ".") }) {
                findings.append(
                    finding(
                        DiffRules.sdkTypeRemoved, "Swift type '\(old.path)' of the generated client was removed",
                        old: old))
            }
            gone.insert(old.path)
        }
        // An operation whose method was renamed (a new operationId): one finding.
        var handled = Set<String>()
        for old in before where old.kind == .method && newByPath[old.path] == nil {
            // A removed operation is reported by its method alone, not by each member of its input and output.
            gone.insert(Self.parent(of: old.type))
            guard let operation = old.operation,
                let new = after.first(where: {
                    $0.kind == .method && $0.operation.map { Self.key($0) } == Self.key(operation)
                }
                )
            else { continue }
            findings.append(
                finding(
                    DiffRules.sdkMemberRemoved,
                    "method '\(old.path)' of the generated client was renamed to '\(new.path)'", new: new, old: old))
            handled.insert(old.path)
            renames.append((Self.parent(of: old.type), Self.parent(of: new.type)))
        }
        func inGoneType(_ path: String) -> Bool {
            handled.contains(path) || gone.contains { path.hasPrefix($0 + ".") }
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

    /// A Swift type spelled with renamed types replaced by their new names.
    static func applying(_ renames: [(old: String, new: String)], to type: String) -> String {
        var result = type
        for rename in renames {
            result = result.replacingOccurrences(
                of: "\\b\(rename.old)\\b", with: rename.new, options: .regularExpression)
        }
        return result
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

    static func members(of path: String, in declarations: [SwiftClientSurface.Declaration]) -> Set<String> {
        Set(
            declarations.filter { $0.kind != .type && parent(of: $0.path) == path }.map {
                "\(last($0.path)): \($0.type)"
            })
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
