public import GatehouseJSON
public import GatehouseSpec

/// A schema compiled once, ready to validate any number of instances from any thread.
public final class CompiledSchema: Sendable {
    let root: SchemaNode
    let usesDynamicScope: Bool
    /// The dialect it was compiled in.
    public let dialect: SchemaDialect

    init(root: SchemaNode, dialect: SchemaDialect, usesDynamicScope: Bool) {
        self.root = root
        self.dialect = dialect
        self.usesDynamicScope = usesDynamicScope
    }

    /// Where the schema is: its file (or base URI) and pointer.
    public var address: NodeAddress { root.address }

    /// Every way `instance` breaks the schema, up to `options.maxIssues`; empty when it is valid.
    ///
    /// Each issue's `location` is the instance's JSON pointer (`""` for the root, `/items/3/name`), `schemaLocation`
    /// the failing keyword's node in the schema.
    public func validate(_ instance: JSONValue, options: ValidationOptions = ValidationOptions()) -> [ValidationIssue] {
        // Most instances are valid: the fast path (no locations kept, no messages) proves it, and only an invalid
        // instance pays for the walk that collects every issue.
        if isValid(instance, options: options) { return [] }
        var evaluator = SchemaEvaluator(options: options, collect: true, usesDynamicScope: usesDynamicScope)
        var annotations = Annotations()
        _ = evaluator.validate(root, instance, track: false, &annotations)
        if evaluator.issues.isEmpty {
            // `validate` and `isValid` must agree: should the full walk ever find nothing to say about an instance
            // the fast path rejected, it still reports one issue rather than call the instance valid.
            evaluator.issues.append(
                ValidationIssue(
                    location: "", keyword: "", schemaLocation: root.address,
                    message: "the value does not match the schema"))
        }
        return evaluator.issues
    }

    /// Whether `instance` is valid; stops at the first failure and builds no messages.
    public func isValid(_ instance: JSONValue, options: ValidationOptions = ValidationOptions()) -> Bool {
        var evaluator = SchemaEvaluator(options: options, collect: false, usesDynamicScope: usesDynamicScope)
        var annotations = Annotations()
        return evaluator.validate(root, instance, track: false, &annotations)
    }
}
