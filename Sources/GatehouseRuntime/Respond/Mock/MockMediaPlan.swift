import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// Everything one media type of one response can answer with, encoded once when the engine starts.
///
/// A class, so that picking it on the request path is one reference count rather than one per member.
final class MockMediaPlan: Sendable {
    /// A ready answer with the value it encodes (kept to re-encode for a range such as `text/*` and to vary).
    struct Candidate: Sendable {
        var value: JSONValue?
        var response: MockResponse
    }

    /// As declared (may be a range such as `*/*` or `text/*`).
    let mediaType: MediaTypeName
    /// The type answered with when the client does not name a concrete one: the declared type itself when it is
    /// concrete.
    let servedType: MediaTypeName
    /// `servedType` as the `Content-Type` value, written once.
    let contentType: String
    /// True when the declared type is a range (`*/*`, `text/*`, `application/*+json`).
    let isRange: Bool
    /// Every example name declared, in document order, for messages.
    let exampleNames: [String]
    /// The examples that are valid and could be encoded, by name.
    let examples: [String: Candidate]
    /// Why the other examples are not served, by name.
    let rejectedExamples: [String: String]
    /// The first valid example, else the synthesized instance, else nil.
    let primary: Candidate?
    /// Why there is no primary answer.
    let unservableReason: String?
    /// The synthesized instance, the base that `Prefer: dynamic=true` varies; nil without a schema.
    let instance: MockInstanceCache?
    /// The declared headers' default values, for answers built per request.
    let headers: [HeaderField]

    init(
        mediaType: MediaTypeName, servedType: MediaTypeName, exampleNames: [String], examples: [String: Candidate],
        rejectedExamples: [String: String], primary: Candidate?, unservableReason: String?,
        instance: MockInstanceCache?, headers: [HeaderField]
    ) {
        self.mediaType = mediaType
        self.servedType = servedType
        self.contentType = servedType.description
        self.isRange = Self.isRange(mediaType)
        self.exampleNames = exampleNames
        self.examples = examples
        self.rejectedExamples = rejectedExamples
        self.primary = primary
        self.unservableReason = unservableReason
        self.instance = instance
        self.headers = headers
    }

    static func isRange(_ mediaType: MediaTypeName) -> Bool {
        mediaType.type == "*" || mediaType.subtype == "*" || mediaType.subtype.hasPrefix("*+")
    }

    /// The concrete type for a declared range: one the client names inside it, else a sensible stand-in.
    static func servedType(for declared: MediaTypeName) -> MediaTypeName {
        if declared.type == "*" || (declared.type == "application" && declared.subtype == "*") {
            return MediaTypeName("application/json")!
        }
        if declared.subtype == "*" {
            return MediaTypeName(declared.type == "text" ? "text/plain" : "\(declared.type)/octet-stream")!
        }
        if declared.subtype.hasPrefix("*+") {
            return MediaTypeName("\(declared.type)/example+\(declared.subtype.dropFirst(2))")!
        }
        return declared
    }

    /// `candidate` re-encoded as `concrete` (a type the client named inside a declared range); nil when the value
    /// cannot be written as that type.
    func reencoded(_ candidate: Candidate, as concrete: MediaTypeName) -> MockResponse? {
        guard concrete != servedType else { return candidate.response }
        var response = candidate.response
        if let value = candidate.value {
            guard case .success(let body) = MockBodyEncoder.encode(value, as: concrete) else { return nil }
            response.body = body
        }
        response.headers = response.headers.map {
            $0.name == "Content-Type" ? HeaderField(name: "Content-Type", value: concrete.description) : $0
        }
        return response
    }
}
