import GatehouseJSON
import GatehouseSpec

extension SchemaShape {
    /// The shape of the schema at `reference`, following `$ref`, `allOf`, `oneOf` and `anyOf`; unconstrained when
    /// there is no schema or it cannot be read.
    init(_ reference: SchemaReference?, in document: SpecDocument) {
        guard let reference else {
            self.init()
            return
        }
        var inspector = Inspector(document: document)
        self = inspector.inspect(reference.address)
    }

    /// Walks a schema with bounded work. Shared `$ref` targets are inspected once and reused, so a large spec costs
    /// its size rather than the number of paths through it. A recursive schema is unrolled `unrolls` times (data
    /// nested deeper than that decodes untyped, and the validator still checks it); results that depend on where the
    /// recursion was entered are not reused. A budget caps the work on pathological documents.
    private struct Inspector {
        static let budget = 20_000
        static let unrolls = 3

        let document: SpecDocument
        var done: [NodeAddress: SchemaShape] = [:]
        /// How many times each node is open on the current path.
        var open: [NodeAddress: Int] = [:]
        /// Set when the shape being built met a node already open: it then depends on the path and is not reused.
        var metRecursion = false
        var inspected = 0

        init(document: SpecDocument) {
            self.document = document
        }

        mutating func inspect(_ address: NodeAddress) -> SchemaShape {
            if let shape = done[address] { return shape }
            let depth = open[address, default: 0]
            if depth > 0 { metRecursion = true }
            guard inspected < Self.budget, depth <= Self.unrolls else { return SchemaShape() }
            inspected += 1
            open[address] = depth + 1
            let outer = metRecursion
            metRecursion = false
            let shape = read(address)
            open[address] = depth == 0 ? nil : depth
            if !metRecursion { done[address] = shape }
            metRecursion = outer || metRecursion
            return shape
        }

        private mutating func read(_ address: NodeAddress) -> SchemaShape {
            // `true`/`false` schemas (3.1) say nothing about types.
            guard case .object(let object)? = document.value(at: address) else { return SchemaShape() }
            var shape = SchemaShape()
            if object["$ref"]?.stringValue != nil, case .success(let target) = document.dereference(address) {
                var referenced = inspect(target.address)
                let tokens = target.address.pointer.tokens
                if tokens.count == 3 && tokens[0] == "components" && tokens[1] == "schemas" {
                    referenced.componentName = referenced.componentName ?? tokens[2]
                }
                // OpenAPI 3.0 ignores siblings of `$ref`; in 3.1 they apply too, which `intersect` below handles.
                if !document.version.isOpenAPI31 { return referenced }
                shape = referenced
            }
            shape.intersect(ownShape(object, at: address))
            if case .array(let all)? = object["allOf"] {
                for index in all.indices {
                    shape.intersect(inspect(address.appending("allOf").appending(index)))
                }
            }
            for keyword in ["oneOf", "anyOf"] {
                guard case .array(let alternatives)? = object[keyword] else { continue }
                var shapes: [SchemaShape] = []
                for index in alternatives.indices {
                    shapes.append(inspect(address.appending(keyword).appending(index)))
                }
                shape.unite(shapes)
            }
            return shape
        }

        /// What the schema object says itself, without its `$ref` and combinators.
        private mutating func ownShape(_ object: JSONObject, at address: NodeAddress) -> SchemaShape {
            var own = SchemaShape()
            switch object["type"] {
            case .string(let name)?:
                own.types = Types(name: name) ?? []
            case .array(let names)?:
                for case .string(let name) in names { own.types.formUnion(Types(name: name) ?? []) }
            default:
                break
            }
            if object["nullable"]?.boolValue == true && !own.types.isEmpty { own.types.insert(.null) }
            own.format = object["format"]?.stringValue
            own.contentEncoding = object["contentEncoding"]?.stringValue
            own.contentMediaType = object["contentMediaType"]?.stringValue
            if case .object? = object["items"] {
                own.items = [inspect(address.appending("items"))]
            }
            if case .object(let properties)? = object["properties"] {
                for member in properties.members {
                    let child = inspect(address.appending("properties").appending(member.key))
                    own.properties.append(Property(name: member.key, shape: child))
                }
            }
            if case .object? = object["additionalProperties"] {
                own.additionalProperties = [inspect(address.appending("additionalProperties"))]
            }
            if case .object(let xml)? = object["xml"] {
                own.xml.name = xml["name"]?.stringValue
                own.xml.attribute = xml["attribute"]?.boolValue ?? false
                own.xml.wrapped = xml["wrapped"]?.boolValue ?? false
            }
            if own.types.isEmpty { own.types = Self.inferredTypes(object) }
            return own
        }

        /// Types implied by keywords when `type` is absent, so `{properties: …}` still decodes as an object.
        private static func inferredTypes(_ object: JSONObject) -> Types {
            if case .array(let values)? = object["enum"], !values.isEmpty {
                return values.reduce(Types()) { $0.union(Types(of: $1)) }
            }
            if let value = object["const"] { return Types(of: value) }
            if object["properties"] != nil || object["additionalProperties"] != nil
                || object["patternProperties"] != nil
            {
                return .object
            }
            if object["items"] != nil || object["prefixItems"] != nil { return .array }
            return []
        }
    }
}
