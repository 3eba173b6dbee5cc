public import GatehouseJSON
public import GatehouseSpec

/// One way a request, a response or an instance breaks the contract, in words a person can act on.
///
/// Every stage of validation (schema, parameter decoding, body decoding, media types) reports these, so the runtime,
/// `gatehouse validate` and `gatehouse check` print them the same way.
public struct ValidationIssue: Sendable, Hashable {
    /// Where in the request or response: `query.limit`, `header.X-Trace`, `path.petId`, `body/items/3/name`, or a
    /// JSON pointer (`/items/3/name`) for a plain instance.
    public var location: String
    /// The keyword or check that failed: `type`, `required`, `format`, `style`, `content-type`, `required-body`, …
    public var keyword: String
    /// The schema node whose keyword failed (file and pointer), when a schema was involved.
    public var schemaLocation: NodeAddress?
    /// One sentence, lowercase first word, no trailing period: what was expected and what was found.
    public var message: String

    public init(location: String, keyword: String, schemaLocation: NodeAddress? = nil, message: String) {
        self.location = location
        self.keyword = keyword
        self.schemaLocation = schemaLocation
        self.message = message
    }
}

extension ValidationIssue: CustomStringConvertible {
    /// `location: message`.
    public var description: String { "\(location): \(message)" }
}
