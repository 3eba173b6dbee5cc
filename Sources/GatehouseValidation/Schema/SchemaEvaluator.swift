import GatehouseJSON
import GatehouseSpec

/// What in-place subschemas evaluated, for `unevaluatedProperties` and `unevaluatedItems`. Only gathered when a
/// schema that uses those keywords asks for it.
///
/// The sets are optional so that the annotations every member check creates and throws away cost nothing.
struct Annotations {
    var allProperties = false
    var properties: Set<String>?
    var allItems = false
    /// Items `0..<itemCount` were evaluated by `prefixItems`.
    var itemCount = 0
    var containsIndices: Set<Int>?

    func evaluated(property key: String) -> Bool {
        allProperties || properties?.contains(key) == true
    }

    func evaluated(item index: Int) -> Bool {
        allItems || index < itemCount || containsIndices?.contains(index) == true
    }

    mutating func add(property key: String) {
        if properties == nil { properties = [] }
        properties!.insert(key)
    }

    mutating func add(item index: Int) {
        if containsIndices == nil { containsIndices = [] }
        containsIndices!.insert(index)
    }

    mutating func merge(_ other: Annotations) {
        allProperties = allProperties || other.allProperties
        if let keys = other.properties { properties = properties.map { $0.union(keys) } ?? keys }
        allItems = allItems || other.allItems
        itemCount = max(itemCount, other.itemCount)
        if let indices = other.containsIndices {
            containsIndices = containsIndices.map { $0.union(indices) } ?? indices
        }
    }
}

/// A step of the instance location, kept as a stack and turned into a JSON pointer only when an issue is reported.
enum PathToken {
    case key(String)
    case index(Int)
}

/// One validation run: walks compiled nodes over an instance, collecting issues or stopping at the first failure.
struct SchemaEvaluator {
    let options: ValidationOptions
    /// Whether issues are recorded; false inside `anyOf`/`oneOf`/`not`/`if`/`contains` probes and for `isValid`.
    var collect: Bool
    let usesDynamicScope: Bool
    var issues: [ValidationIssue] = []
    var path: [PathToken] = []
    var scope: [SchemaResource] = []
    var depth = 0

    init(options: ValidationOptions, collect: Bool, usesDynamicScope: Bool) {
        self.options = options
        self.collect = collect
        self.usesDynamicScope = usesDynamicScope
    }

    /// Records an issue; returns whether validation should go on (it stops when not collecting or at the cap).
    mutating func report(_ node: SchemaNode, _ keyword: String, _ message: @autoclosure () -> String) -> Bool {
        guard collect else { return false }
        guard issues.count < options.maxIssues else { return false }
        issues.append(
            ValidationIssue(
                location: location, keyword: keyword,
                schemaLocation: keyword.isEmpty ? node.address : node.address.appending(keyword), message: message()))
        return issues.count < options.maxIssues
    }

    var location: String {
        var result = ""
        for token in path {
            result.append("/")
            switch token {
            case .key(let key): result.append(JSONPointer.escape(key))
            case .index(let index): result.append(String(index))
            }
        }
        return result
    }

    /// Runs `node` without recording issues (for keywords that only need a yes or no from a subschema).
    mutating func probe(_ node: SchemaNode, _ value: JSONValue, track: Bool, _ annotations: inout Annotations) -> Bool {
        if node.isTrivial { return true }
        let saved = collect
        collect = false
        defer { collect = saved }
        return validate(node, value, track: track, &annotations)
    }

    mutating func validate(_ node: SchemaNode, _ value: JSONValue, track: Bool, _ annotations: inout Annotations)
        -> Bool
    {
        if node.isTrivial { return true }
        if let boolean = node.boolean {
            if boolean { return true }
            _ = report(node, "", "no value is allowed here (the schema is 'false'), found \(describe(value))")
            return false
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= options.maxDepth else {
            let limit = options.maxDepth
            _ = report(node, "", "the instance is nested more than \(limit) levels deep")
            return false
        }
        var pushed = false
        if usesDynamicScope, let resource = node.resource, scope.last !== resource {
            scope.append(resource)
            pushed = true
        }
        defer { if pushed { scope.removeLast() } }

        let groups = node.groups
        let tracking = track || groups.contains(.unevaluated)
        var local = Annotations()
        var valid = true

        if let types = node.types, !types.admits(value) {
            valid = false
            guard report(node, "type", "expected \(types.phrase), found \(describe(value))") else { return false }
        }
        if groups.contains(.values) {
            if let constant = node.constValue, !jsonEqual(constant, value) {
                valid = false
                guard report(node, "const", "expected \(literal(constant)), found \(describe(value))") else {
                    return false
                }
            }
            if let values = node.enumValues, !values.contains(where: { jsonEqual($0, value) }) {
                valid = false
                guard report(node, "enum", "expected one of \(listing(values)), found \(describe(value))") else {
                    return false
                }
            }
        }
        if let format = node.format, options.assertFormats, !format.check(value) {
            valid = false
            guard report(node, "format", "expected \(format.expectation), found \(literal(value))") else {
                return false
            }
        }
        switch value {
        case .string(let text) where groups.contains(.string):
            if !checkString(node, node.string!, text) {
                valid = false
                if !collect || issues.count >= options.maxIssues { return false }
            }
        case .number(let number) where groups.contains(.number):
            if !checkNumber(node, node.number!, number) {
                valid = false
                if !collect || issues.count >= options.maxIssues { return false }
            }
        case .object(let object) where groups.contains(.object):
            if !checkObject(node, node.object!, object, tracking: tracking, &local) {
                valid = false
                if !collect || issues.count >= options.maxIssues { return false }
            }
        case .array(let elements) where groups.contains(.array):
            if !checkArray(node, node.array!, elements, tracking: tracking, &local) {
                valid = false
                if !collect || issues.count >= options.maxIssues { return false }
            }
        default:
            break
        }
        if groups.contains(.access), let direction = options.direction {
            if node.readOnly && direction == .request {
                valid = false
                guard report(node, "readOnly", "read-only value must not be sent in a request") else { return false }
            }
            if node.writeOnly && direction == .response {
                valid = false
                guard report(node, "writeOnly", "write-only value must not be returned in a response") else {
                    return false
                }
            }
        }
        if groups.contains(.inPlace), !applyInPlace(node, value, tracking: tracking, &local) {
            valid = false
            if !collect || issues.count >= options.maxIssues { return false }
        }
        if groups.contains(.unevaluated), !checkUnevaluated(node, value, &local) {
            valid = false
        }
        if track && valid { annotations.merge(local) }
        return valid
    }
}
