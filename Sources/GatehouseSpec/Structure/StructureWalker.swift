import GatehouseJSON

/// The structure checker's one walk over a document, driven by an `ObjectTable`.
///
/// The walk keeps its own work list instead of recursing, so a deeply nested document cannot exhaust the stack, and
/// it records every (node, object type) it has checked, so each `$ref` target is checked once per type however
/// many references reach it; that is also what ends the walk on recursive schemas.
struct StructureWalker {
    let document: SpecDocument
    let table: ObjectTable
    /// 3.1 schemas of a dialect other than JSON Schema 2020-12 (or OpenAPI's extension of it): their keywords may
    /// mean something else, so only their being a schema at all is checked.
    let schemasAreForeign: Bool
    var arena = PathArena()
    /// Nodes already checked (or queued) as an object type, by their address.
    var checked: Set<CheckKey> = []
    /// Every `$id` in the document's files, gathered on first need (3.1 references that only an `$id` resolves).
    var schemaIDs: Set<String>?
    var references = ReferenceCache()
    private var pending: [Work] = []
    private var diagnostics: [Diagnostic] = []
    /// What has been reported, without the notes: a node checked both in place and through a `$ref` is reported
    /// once, whichever way came first.
    private var reported: Set<ReportKey> = []
    /// While a `$ref` target's own fields are checked: the reference that asked for its type, for a note, since
    /// nothing at the target itself says why it should be, say, a Parameter object.
    private var referrer: (address: NodeAddress, type: ObjectType, note: Diagnostic.Note?)?

    struct ReportKey: Hashable {
        var rule: String
        var message: String
        var address: NodeAddress
    }

    struct CheckKey: Hashable {
        var address: NodeAddress
        var type: ObjectType
    }

    /// A container waiting to be looked into, at an arena node.
    struct Work {
        var value: JSONValue
        var node: Int
        var shape: Shape
        /// For a `$ref` target: the reference that made it be checked as this type.
        var referrer: NodeAddress? = nil
    }

    /// Where a value sits: a node already in the arena, or an object member or array item not yet given one (most
    /// scalars never need a node, only a diagnostic does).
    enum Slot {
        case node(Int)
        case member(parent: Int, token: PathArena.Token)
    }

    init(document: SpecDocument) {
        self.document = document
        self.table = ObjectTable.forVersion(document.version)
        let dialect = document.root["jsonSchemaDialect"]?.stringValue
        self.schemasAreForeign = document.version.isOpenAPI31 && dialect.map { !Self.isKnownDialect($0) } ?? false
    }

    static func isKnownDialect(_ uri: String) -> Bool {
        uri.hasPrefix("https://json-schema.org/draft/2020-12/") || uri.hasPrefix("https://spec.openapis.org/oas/3.1/")
    }

    /// Queues a `$ref` target to be checked as `type`.
    mutating func enqueueTarget(
        _ value: JSONValue, at address: NodeAddress, as type: ObjectType, from referrer: NodeAddress
    ) {
        pending.append(Work(value: value, node: arena.node(for: address), shape: .object(type), referrer: referrer))
    }

    mutating func run() -> [Diagnostic] {
        let root = arena.root(of: document.rootFile)
        visit(document.root, as: .object(.openAPI), at: .node(root))
        while let work = pending.popLast() {
            process(work)
        }
        return diagnostics.sortedByLocation()
    }

    mutating func node(_ slot: Slot) -> Int {
        switch slot {
        case .node(let node): return node
        case .member(let parent, let token): return arena.child(of: parent, token)
        }
    }

    /// Checks a value against a shape: scalars at once, containers by queueing them.
    mutating func visit(_ value: JSONValue, as shape: Shape, at slot: Slot) {
        switch shape {
        case .any:
            return
        case .string:
            if case .string = value { return }
        case .boolean:
            if case .bool = value { return }
        case .number:
            if case .number = value { return }
        case .nonNegativeInteger:
            if case .number(let number) = value, number.isInteger, number.double >= 0 { return }
        case .choice(let options):
            if case .string(let text) = value, options.contains(text) { return }
        case .schemaTypes:
            if case .string(let name) = value, ObjectTable.schemaTypeNames.contains(name) { return }
            if case .array(let names) = value, !names.isEmpty {
                let parent = node(slot)
                for (position, name) in names.enumerated() {
                    visit(
                        name, as: .choice(ObjectTable.schemaTypeNames),
                        at: .member(parent: parent, token: .index(position)))
                }
                return
            }
        case .array:
            if case .array = value { return enqueue(value, shape, slot) }
        case .map, .object, .refable:
            if case .object = value { return enqueue(value, shape, slot) }
        case .schema, .schemaOrBoolean:
            if case .object = value { return enqueue(value, .refable(.schema), slot) }
            if case .bool = value, table.isOpenAPI31 || shape.isSchemaOrBoolean { return }
        }
        reportMismatch(value, expected: shape, at: node(slot))
    }

    private mutating func enqueue(_ value: JSONValue, _ shape: Shape, _ slot: Slot) {
        pending.append(Work(value: value, node: node(slot), shape: shape))
    }

    private mutating func process(_ work: Work) {
        switch work.shape {
        case .array(let element, let minItems):
            guard case .array(let items) = work.value else { return }
            for (position, item) in items.enumerated() {
                visit(item, as: element, at: .member(parent: work.node, token: .index(position)))
            }
            if items.count < minItems {
                let count = minItems == 1 ? "one item" : "\(minItems) items"
                let found = items.isEmpty ? "none" : String(items.count)
                report(
                    .structure, "expected at least \(count) in \(arena.subject(of: work.node)), found \(found)",
                    at: work.node)
            }
        case .map(let element, let keys, let memoized):
            guard case .object(let object) = work.value else { return }
            for member in object {
                let slot = Slot.member(parent: work.node, token: .key(member.key))
                let keyAccepted = keys.accepts(member.key)
                if keyAccepted && !memoized {
                    visit(member.value, as: element, at: slot)
                    continue
                }
                let child = node(slot)
                if !keyAccepted { reportKey(member.key, expected: keys, at: child) }
                if memoized, let type = element.checkedType,
                    !checked.insert(CheckKey(address: arena.address(of: child), type: type)).inserted
                {
                    continue
                }
                visit(member.value, as: element, at: .node(child))
            }
        case .object(let type), .refable(let type):
            guard case .object(let object) = work.value else { return }
            var referenceAllowed = false
            if case .refable = work.shape { referenceAllowed = true }
            referrer = work.referrer.map { ($0, type, nil) }
            checkObject(object, as: type, at: work.node, referenceAllowed: referenceAllowed)
            referrer = nil
        default:
            return
        }
    }

    private mutating func checkObject(_ object: JSONObject, as type: ObjectType, at node: Int, referenceAllowed: Bool) {
        let spec = table[type]
        if type == .schema && table.isOpenAPI31 {
            if schemasAreForeign { return }
            if case .string(let dialect)? = object["$schema"], !Self.isKnownDialect(dialect) { return }
        }
        if let ref = object["$ref"], referenceAllowed || spec.refWithSiblings {
            followReference(ref, from: node, as: type)
            // A Reference Object replaces the object: its other members are ignored, as the specification says.
            guard spec.refWithSiblings else { return }
        }
        for member in object {
            let key = member.key
            if let shape = spec.fields[key] {
                if key == "$ref" && spec.refWithSiblings { continue }
                visit(member.value, as: shape, at: .member(parent: node, token: .key(key)))
            } else if spec.allowsExtensions && key.hasPrefix("x-") {
                continue
            } else if let patterned = spec.patterned {
                let slot = Slot.member(parent: node, token: .key(key))
                if patterned.keys.accepts(key) {
                    visit(member.value, as: patterned.shape, at: slot)
                } else {
                    let child = self.node(slot)
                    reportKey(key, expected: patterned.keys, at: child)
                    visit(member.value, as: patterned.shape, at: .node(child))
                }
            } else if !spec.acceptsUnknownFields {
                reportUnknownField(key, in: type, at: arena.child(of: node, .key(key)))
            }
        }
        for field in spec.required where object[field] == nil {
            report(.structure, "missing required field '\(field)' in the \(spec.name)", at: node)
        }
        for constraint in spec.constraints {
            check(constraint, in: object, of: spec, at: node)
        }
    }

    /// Records a diagnostic at an arena node (the member's key when `key`), once.
    mutating func report(
        _ rule: Rule, _ message: String, at node: Int, key: Bool = false, notes: [Diagnostic.Note] = []
    ) {
        report(rule, message, at: arena.address(of: node), key: key, notes: notes)
    }

    mutating func report(
        _ rule: Rule,
        _ message: String,
        at address: NodeAddress,
        key: Bool = false,
        notes: [Diagnostic.Note] = []
    ) {
        guard reported.insert(ReportKey(rule: rule.id, message: message, address: address)).inserted else { return }
        var notes = notes
        if let referrer {
            notes.append(referrer.note ?? makeReferrerNote(referrer.address, referrer.type, from: address.file))
        }
        let location = document.location(of: address, key: key)
        diagnostics.append(Diagnostic(rule, message, at: location, pointer: address.pointer, notes: notes))
    }

    /// Built once per target: locating the reference is not free, and every diagnostic of the target shares it.
    private mutating func makeReferrerNote(_ address: NodeAddress, _ type: ObjectType, from file: String)
        -> Diagnostic.Note
    {
        // The file and pointer a reader can search for; the file only when it is another one.
        let place = address.file == file ? "" : address.file
        let note = Diagnostic.Note(
            "checked as \(articled(table[type].name)) because '\(place)#\(address.pointer.string)' references it",
            at: document.location(of: address)
        )
        referrer?.note = note
        return note
    }
}
