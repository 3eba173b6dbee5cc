import GatehouseJSON

/// How the structure checker words what it expected and what it found.
extension StructureWalker {
    func expectation(of shape: Shape) -> String {
        switch shape {
        case .any: return "a value"
        case .string: return "a string"
        case .boolean: return "a boolean"
        case .number: return "a number"
        case .nonNegativeInteger: return "a non-negative integer"
        case .choice(let options):
            if options.count == 1 { return "'\(options[0])'" }
            return "one of " + options.map { "'\($0)'" }.joined(separator: ", ")
        case .object(let type): return articled(table[type].name)
        case .refable(let type): return articled(table[type].name) + " or a Reference object"
        case .schema:
            return table.isOpenAPI31 ? "a Schema object or a boolean" : "a Schema object or a Reference object"
        case .schemaOrBoolean: return "a Schema object, a Reference object or a boolean"
        case .schemaTypes: return "a type name or a non-empty array of type names"
        case .array: return "an array"
        case .map: return "an object"
        }
    }

    /// The found value: its type, or the value itself where the type alone would not say what is wrong.
    func found(_ value: JSONValue, for shape: Shape) -> String {
        switch (value, shape) {
        case (.null, _):
            return "null"
        case (.string(let text), .choice), (.string(let text), .schemaTypes):
            return "'\(Self.shortened(text))'"
        case (.number(let number), .nonNegativeInteger):
            return number.description
        case (.number, _):
            // 1.0 is an integer to JSON Schema, but "found an integer" for `version: 1.0` would puzzle a reader.
            return "a number"
        default:
            return articled(value.typeName)
        }
    }

    mutating func reportMismatch(_ value: JSONValue, expected shape: Shape, at node: Int) {
        var notes: [Diagnostic.Note] = []
        if case .string = shape, !arena.address(of: node).file.hasSuffix(".json") {
            switch value {
            case .number:
                notes.append(Diagnostic.Note("YAML reads an unquoted number as a number; quote it to make it a string"))
            case .bool:
                notes.append(
                    Diagnostic.Note("YAML reads an unquoted true or false as a boolean; quote it to make it a string"))
            default: break
            }
        }
        report(
            .structure,
            "expected \(expectation(of: shape)) for \(arena.subject(of: node)), found \(found(value, for: shape))",
            at: node,
            notes: notes
        )
    }

    mutating func reportKey(_ key: String, expected rule: Shape.KeyRule, at node: Int) {
        let container = arena.address(of: node).pointer.parent.flatMap(\.lastToken).map { " in '\($0)'" } ?? ""
        report(
            .structure, "expected \(rule.expectation) as a key\(container), found '\(Self.shortened(key))'", at: node,
            key: true)
    }

    mutating func reportUnknownField(_ key: String, in type: ObjectType, at node: Int) {
        let spec = table[type]
        var notes: [Diagnostic.Note] = []
        let other = table.isOpenAPI31 ? ObjectTable.openAPI30 : ObjectTable.openAPI31
        if other[type].fields[key] != nil {
            notes.append(
                Diagnostic.Note(
                    "'\(key)' is a field of OpenAPI \(other.versionName); this document is OpenAPI \(document.version.string)"
                )
            )
        } else if type == .header && table[.parameter].fields[key] != nil {
            notes.append(Diagnostic.Note("'\(key)' is a field of the Parameter object, not of the Header object"))
        } else if key == "$ref" {
            notes.append(Diagnostic.Note("a Reference object is not allowed here; write the \(spec.name) inline"))
        } else if let suggestion = Self.closest(to: key, among: spec.fields.keys) {
            notes.append(Diagnostic.Note("did you mean '\(suggestion)'?"))
        }
        report(
            .structure, "unknown field '\(Self.shortened(key))' in the \(spec.name)", at: node, key: true, notes: notes)
    }

    /// The candidate within two edits of `key` (ignoring case), for a "did you mean" note.
    static func closest(to key: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(key.lowercased().unicodeScalars)
        guard target.count < 64 else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= 2, distance < max(target.count, 2),
                distance < best?.distance ?? .max
                    || (distance == best?.distance && candidate < best!.name)
            {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, right) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Long user text is cut so one diagnostic stays one line.
    static func shortened(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
