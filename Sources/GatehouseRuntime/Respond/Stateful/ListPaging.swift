import GatehouseJSON
import GatehouseSpec

/// How a list operation pages, read from the query parameters it declares and the fields of its wrapped answer.
///
/// Three styles: an opaque cursor (`limit` + `cursor`, `pageToken`, …), page numbers (`page` + `pageSize`,
/// `per_page`, …) and offsets (`offset` + `limit`). An operation that declares none of them pages with `limit` and
/// `cursor`.
struct ListPaging: Sendable, Hashable {
    enum Style: Sendable, Hashable {
        case cursor
        case page
        case offset
    }

    var style: Style
    /// The query parameter giving the page size.
    var sizeParameter: String
    /// The query parameter giving the cursor, page number or offset.
    var positionParameter: String
    /// The size when the request gives none: the parameter's schema `default`, else 20.
    var defaultSize: Int
    /// The largest size: the parameter's schema `maximum` (at most 10,000), else 1000.
    var maximumSize: Int
    /// The number of the first page: 0 when the page parameter's `minimum` is 0, else 1.
    var firstPage: Int
    /// The properties of the wrapper object the answer's schema declares, and whether each may be null.
    var wrapperFields: [String: Bool]

    static let sizeNames = [
        "limit", "pageSize", "page_size", "per_page", "perPage", "size", "max_results", "maxResults",
    ]
    static let cursorNames = [
        "cursor", "pageToken", "page_token", "after", "next_token", "nextToken", "starting_after",
    ]
    static let pageNames = ["page", "pageNumber", "page_number"]
    static let offsetNames = ["offset", "skip", "start"]

    static let nextCursorFields = ["nextCursor", "next_cursor", "next", "cursor", "nextPageToken", "next_page_token"]
    static let totalFields = ["total", "totalCount", "total_count", "totalItems", "total_items"]
    static let hasMoreFields = ["hasMore", "has_more", "hasNext", "has_next"]

    init(operation: GatehouseSpec.Operation, document: SpecDocument) {
        let query = operation.parameters.filter { $0.location == .query }
        let named = { (names: [String]) in names.lazy.compactMap { name in query.first { $0.name == name } }.first }
        let size = named(Self.sizeNames)
        if let page = named(Self.pageNames) {
            style = .page
            positionParameter = page.name
            firstPage = Self.schemaNumber(page, "minimum", document) == 0 ? 0 : 1
        } else if let offset = named(Self.offsetNames) {
            style = .offset
            positionParameter = offset.name
            firstPage = 1
        } else {
            style = .cursor
            // Only an opaque string is this gateway's cursor: `after=1484811043508` (an integer timestamp) is not.
            let opaque = query.filter { Self.isOpaque($0, document) }
            positionParameter =
                Self.cursorNames.lazy.compactMap { name in opaque.first { $0.name == name } }.first?.name ?? "cursor"
            firstPage = 1
        }
        sizeParameter = size?.name ?? "limit"
        defaultSize = size.flatMap { Self.schemaNumber($0, "default", document) }.map { max($0, 1) } ?? 20
        maximumSize =
            size.flatMap { Self.schemaNumber($0, "maximum", document) }.map { min(max($0, 1), 10_000) } ?? 1000
        wrapperFields = Self.wrapperFields(operation, document)
    }

    /// Whether a parameter can carry an opaque cursor: a string schema (or none) without a `format`, `enum` or
    /// `pattern` that a cursor of this gateway would break.
    static func isOpaque(_ parameter: Parameter, _ document: SpecDocument) -> Bool {
        guard let schema = parameter.schema else { return parameter.content.isEmpty }
        guard let (_, object) = ItemShape.resolve(schema.address, document) else { return false }
        let type = object["type"]
        let isString = type == nil || type == .string("string") || type?.arrayValue?.contains(.string("string")) == true
        return isString && object["format"] == nil && object["enum"] == nil && object["pattern"] == nil
            && object["const"] == nil
    }

    /// A number keyword of a parameter's schema.
    static func schemaNumber(_ parameter: Parameter, _ keyword: String, _ document: SpecDocument) -> Int? {
        guard let schema = parameter.schema, let (_, object) = ItemShape.resolve(schema.address, document),
            let value = object[keyword]?.numberValue?.int64
        else { return nil }
        return Int(clamping: value)
    }

    /// The properties of the answer's wrapper object (with `allOf` parts), and whether each allows null.
    static func wrapperFields(_ operation: GatehouseSpec.Operation, _ document: SpecDocument) -> [String: Bool] {
        guard let response = ItemShape.successResponse(of: operation),
            let schema = response.content.first(where: { $0.mediaType?.isJSON ?? false })?.schema,
            let (address, object) = ItemShape.resolve(schema.address, document)
        else { return [:] }
        var fields: [String: Bool] = [:]
        func collect(_ object: JSONObject, _ address: NodeAddress, depth: Int) {
            for member in object["properties"]?.objectValue ?? JSONObject() {
                let property = ItemShape.resolve(address.appending("properties").appending(member.key), document)
                fields[member.key] = property.map { allowsNull($0.1) } ?? false
            }
            guard depth < 8, let parts = object["allOf"]?.arrayValue else { return }
            for index in parts.indices {
                if let (partAddress, part) = ItemShape.resolve(address.appending("allOf").appending(index), document) {
                    collect(part, partAddress, depth: depth + 1)
                }
            }
        }
        collect(object, address, depth: 0)
        return fields
    }

    /// `nullable: true`, a `type` list with `null`, or a `oneOf`/`anyOf` branch of type `null`.
    static func allowsNull(_ schema: JSONObject) -> Bool {
        if schema["nullable"] == .bool(true) { return true }
        if schema["type"]?.arrayValue?.contains(.string("null")) ?? false { return true }
        for keyword in ["oneOf", "anyOf"] {
            if schema[keyword]?.arrayValue?.contains(where: { $0.objectValue?["type"] == .string("null") }) ?? false {
                return true
            }
        }
        return false
    }
}
