import GatehouseJSON
import GatehouseSpec

extension TypeTranslator {
    /// `oneOf` / `anyOf`: an enum with one case per alternative; `null` alternatives make it optional instead.
    mutating func alternativesType(
        keyword: String, members: [JSONValue], schema: SchemaKeywords, at address: NodeAddress, suggested: String,
        _ exactName: String?, _ nest: inout Nest
    ) -> (TypeRef, nullable: Bool) {
        var hasNull = false
        var memberAddresses: [NodeAddress] = []
        for index in members.indices {
            let member = address.appending(keyword).appending(index)
            if keywords(at: member)?.isNullOnly == true {
                hasNull = true
            } else {
                memberAddresses.append(member)
            }
        }
        if memberAddresses.isEmpty { return (.json, hasNull) }
        if memberAddresses.count == 1 {
            let (type, nullable) = baseType(
                at: memberAddresses[0], suggested: suggested, exactName: exactName, in: &nest)
            return (type, hasNull || nullable)
        }
        let (name, path) = declarationName(suggested, exactName: exactName, in: &nest)
        let ancestors = path.split(separator: ".").map(String.init)
        var inner = self.nest(inside: path, ancestors: ancestors)
        var caseNames = NameScope(reserved: ["init"])
        var cases: [OneOfShape.Case] = []
        var memberTargets: [NodeAddress?] = []
        for (index, member) in memberAddresses.enumerated() {
            let type = typeRef(at: member, suggested: "Option\(index + 1)", in: &inner)
            let caseName = caseNames.claim(Self.caseName(for: type, index: index))
            cases.append(OneOfShape.Case(swiftName: caseName, type: type))
            memberTargets.append(refTarget(of: member))
        }
        var shape = OneOfShape(cases: cases, discriminator: nil)
        if let discriminator = schema.object["discriminator"]?.objectValue,
            let property = discriminator["propertyName"]?.stringValue
        {
            shape.discriminator = (property, discriminatorMapping(discriminator, targets: memberTargets, at: address))
        }
        nest.declarations.append(
            TypeDeclaration(
                name: name, path: path, documentation: schema.description, kind: .oneOf(shape),
                nested: inner.declarations, source: address)
        )
        return (.named(path), hasNull)
    }

    /// The case name for an alternative: the type's name in lower camel case (`linkAttachment`, `string`).
    static func caseName(for type: TypeRef, index: Int) -> String {
        switch type.unwrapped {
        case .named(let path):
            let last = path.split(separator: ".").last.map(String.init) ?? path
            return SwiftName.member(last)
        case .builtin(let name):
            return SwiftName.member(name)
        case .array(let element):
            return caseName(for: element, index: index) + "Array"
        case .dictionary(let value):
            return caseName(for: value, index: index) + "Map"
        case .optional, .nullable:
            return "option\(index + 1)"
        }
    }

    /// Where an alternative's `$ref` points, when it is one.
    func refTarget(of member: NodeAddress) -> NodeAddress? {
        guard let ref = keywords(at: member)?.ref, case .node(let target) = document.resolve(ref, from: member.file)
        else { return nil }
        return target
    }

    /// Discriminator values with the alternative each selects: the explicit mapping, then each referenced schema's
    /// name for the alternatives the mapping does not name.
    func discriminatorMapping(_ discriminator: JSONObject, targets: [NodeAddress?], at address: NodeAddress)
        -> [(value: String, caseIndex: Int)]
    {
        var mapping: [(value: String, caseIndex: Int)] = []
        var mapped: Set<Int> = []
        for member in discriminator["mapping"]?.objectValue ?? JSONObject() {
            guard let ref = member.value.stringValue else { continue }
            let target: NodeAddress?
            if ref.contains("#") || ref.contains("/") {
                if case .node(let node) = document.resolve(ref, from: address.file) {
                    target = node
                } else {
                    target = nil
                }
            } else {
                target = document.rootAddress(JSONPointer(tokens: ["components", "schemas", ref]))
            }
            if let target, let index = targets.firstIndex(of: target) {
                mapping.append((member.key, index))
                mapped.insert(index)
            }
        }
        for (index, target) in targets.enumerated() where !mapped.contains(index) {
            if let name = target?.pointer.lastToken { mapping.append((name, index)) }
        }
        return mapping
    }
}
