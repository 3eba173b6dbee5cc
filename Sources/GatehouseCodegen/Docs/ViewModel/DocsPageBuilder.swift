import GatehouseJSON
import GatehouseSpec

/// Builds the view model of the docs page from the API model.
struct DocsPageBuilder {
    /// Limits that keep the page bounded whatever the spec holds.
    struct Limits {
        /// Characters of a path shown (and used in snippets) before it is cut.
        var pathLength = 1_000
        /// Characters of an operation id used in its anchor before it is cut.
        var anchorLength = 200
    }

    let model: APIModel
    let tryItURL: String?
    var limits = Limits()
    let schemaTrees: SchemaTreeRenderer
    let examples: ExampleCatalog
    let cache: RenderCache

    init(model: APIModel, tryItURL: String?) {
        self.model = model
        self.tryItURL = tryItURL
        let cache = RenderCache()
        self.cache = cache
        var components: [NodeAddress: String] = [:]
        for schema in model.schemas { components[schema.schema.address] = schema.name }
        schemaTrees = SchemaTreeRenderer(document: model.document, components: components, cache: cache)
        examples = ExampleCatalog(document: model.document, cache: cache)
    }

    func markdown(_ text: String?, headingLevel: Int) -> Any {
        guard let text, !text.isEmpty else { return DocsNull() }
        return cache.markdown(text, headingLevel: headingLevel)
    }

    func build(style: String, script: String, generator: String) -> DocsPage {
        var anchors = AnchorAllocator(maximumLength: limits.anchorLength)
        let operations = model.operations.map { operation(for: $0, anchors: &anchors) }
        let webhooks = model.webhooks.map { operation(for: $0, anchors: &anchors) }
        return DocsPage(
            title: model.info.title,
            version: model.info.version,
            summary: DocsNull.or(model.info.summary),
            descriptionHTML: markdown(model.info.description, headingLevel: 2),
            openAPIVersion: model.document.root["openapi"]?.stringValue ?? "",
            servers: model.servers.map(server),
            securitySchemes: model.securitySchemes.map(securityScheme),
            usagePlans: usagePlans(),
            tags: groups(of: operations),
            webhooks: webhooks,
            schemas: model.schemas.map { named in
                let value = model.document.value(at: named.schema.address)
                return DocsSchema(
                    name: named.name,
                    anchor: SchemaTreeRenderer.anchor(forSchemaNamed: named.name),
                    descriptionHTML: markdown(value?["description"]?.stringValue, headingLevel: 4),
                    treeHTML: schemaTrees.render(named.schema.address, expandingComponent: true))
            },
            tryItURL: DocsNull.or(tryItURL),
            style: style,
            script: script,
            generator: generator)
    }

    func server(_ server: Server) -> DocsServer {
        DocsServer(
            url: server.url,
            descriptionHTML: markdown(server.description, headingLevel: 4),
            variables: server.variables.map { variable in
                DocsServer.Variable(
                    name: variable.name, defaultValue: variable.defaultValue,
                    values: DocsNull.or(variable.enumValues.joined(separator: ", ")),
                    descriptionHTML: markdown(variable.description, headingLevel: 4))
            })
    }

    /// Operations grouped by their first tag: declared tags in document order, then undeclared ones as they
    /// appear. Without any tags, operations are grouped by the first path segment that is not a version.
    func groups(of operations: [DocsOperation]) -> [DocsTagGroup] {
        var order: [String] = model.tags.map(\.name)
        var members: [String: [DocsOperation]] = [:]
        let anyTags = model.operations.contains { !$0.tags.isEmpty }
        for (operation, view) in zip(model.operations, operations) {
            let group = operation.tags.first ?? (anyTags ? "Other" : Self.resourceName(of: operation.path))
            if members[group] == nil && !order.contains(group) { order.append(group) }
            members[group, default: []].append(view)
        }
        return order.compactMap { name in
            guard let operations = members[name] else { return nil }
            let tag = model.tags.first { $0.name == name }
            return DocsTagGroup(
                name: name, anchor: "tag/" + AnchorAllocator.sanitized(name),
                descriptionHTML: markdown(tag?.description, headingLevel: 3), operations: operations)
        }
    }

    /// `/v1/customers/{id}` → `customers`.
    static func resourceName(of path: PathTemplate) -> String {
        for segment in path.segments {
            guard segment.count == 1, case .literal(let text) = segment[0], !text.isEmpty else { continue }
            let isVersion = text.first == "v" && text.dropFirst().allSatisfy(\.isNumber) && text.count > 1
            if !isVersion && text != "api" { return text }
        }
        return "Operations"
    }
}

/// Gives every operation a unique anchor `operation/ID`, bounded in length.
struct AnchorAllocator {
    var maximumLength: Int
    private var used: Set<String> = []

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    mutating func anchor(forOperationID id: String) -> String {
        let base = "operation/" + String(Self.sanitized(id).prefix(maximumLength))
        var anchor = base
        var counter = 2
        while used.contains(anchor) {
            anchor = base + "-\(counter)"
            counter += 1
        }
        used.insert(anchor)
        return anchor
    }

    /// Whitespace (which an id may not hold) becomes `-`.
    static func sanitized(_ text: String) -> String {
        String(text.map { $0.isWhitespace ? "-" : $0 })
    }
}

/// Rendered HTML that large APIs repeat: the same parameter descriptions and shared response schemas appear in
/// hundreds of operations, and are rendered once.
final class RenderCache {
    private var markdown: [String: String] = [:]
    private var trees: [NodeAddress: String] = [:]
    private var references: [String: String?] = [:]
    private var exampleTexts: [NodeAddress: String] = [:]

    func markdown(_ text: String, headingLevel: Int) -> String {
        let key = String(headingLevel) + "\u{0}" + text
        if let cached = markdown[key] { return cached }
        let html = CommonMarkRenderer(
            baseHeadingLevel: headingLevel, maximumLength: headingLevel == 0 ? 20_000 : 50_000
        ).render(text)
        markdown[key] = html
        return html
    }

    /// The component schema a `$ref` written in `file` names, or nil.
    func componentName(ref: String, file: String, resolve: () -> String?) -> String? {
        let key = file + "\u{0}" + ref
        if let cached = references[key] { return cached }
        let name = resolve()
        references[key] = name
        return name
    }

    /// The escaped text of the example at `address` (shared examples appear in many operations).
    func exampleText(_ address: NodeAddress, render: () -> String) -> String {
        if let cached = exampleTexts[address] { return cached }
        let text = render()
        exampleTexts[address] = text
        return text
    }

    func tree(_ address: NodeAddress, render: () -> String) -> String {
        if let cached = trees[address] { return cached }
        let html = render()
        trees[address] = html
        return html
    }
}
