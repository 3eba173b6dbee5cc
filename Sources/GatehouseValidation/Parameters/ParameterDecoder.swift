public import GatehouseJSON
public import GatehouseSpec

/// Decodes the raw strings of a request (path captures, query, headers, cookies) into typed JSON values, one per
/// declared parameter, following each parameter's `style`, `explode` and schema.
///
/// Decoding reports only what stops a value from being read: a missing required parameter, a serialization that does
/// not follow the style, bad percent-encoding, invalid JSON in a `content` parameter, an unknown query parameter in
/// strict mode. A string that is not of the schema's type (`limit=abc` for an integer) is passed on as a string, so
/// the schema validator reports it once, as "expected an integer, found a string 'abc'".
///
/// ```swift
/// let decoder = ParameterDecoder(operation: operation, document: model.document)
/// let (values, issues) = decoder.decode(RawRequestParts(pathCaptures: ["petId": "42"], query: "limit=10"))
/// // values[ParameterIdentity(name: "limit", location: .query)] == .number(JSONNumber(10))
/// ```
public struct ParameterDecoder: Sendable {
    /// Options of the decoder.
    public struct Configuration: Sendable {
        /// Report query parameters the operation does not declare (keyword `unknown-parameter`). Off by default, as
        /// clients commonly add cache-busting or tracking parameters.
        public var rejectsUnknownQueryParameters: Bool
        /// Deepest nesting accepted in the JSON of a `content` parameter.
        public var maxJSONDepth: Int

        public init(rejectsUnknownQueryParameters: Bool = false, maxJSONDepth: Int = 64) {
            self.rejectsUnknownQueryParameters = rejectsUnknownQueryParameters
            self.maxJSONDepth = maxJSONDepth
        }
    }

    public let configuration: Configuration
    let plans: [Plan]
    /// The parameter names declared in each location, so a free-form exploded object does not swallow them.
    let declaredNames: [ParameterLocation: Set<String>]

    /// A decoder for the parameters of `operation`; its schemas are read from `document` once, here.
    public init(operation: Operation, document: SpecDocument, configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.declaredNames = Dictionary(grouping: operation.parameters, by: \.location).mapValues {
            Set($0.map(\.name))
        }
        // The specification says header parameters named Accept, Content-Type or Authorization are ignored: those
        // headers are described by content negotiation and security schemes.
        let ignoredHeaders: Set<String> = ["accept", "content-type", "authorization"]
        self.plans = operation.parameters.compactMap { parameter in
            if parameter.location == .header && ignoredHeaders.contains(parameter.name.lowercased()) { return nil }
            return Plan(parameter, document: document)
        }
    }

    /// A decoder for the headers of a response; pass them as `RawRequestParts(headers:)`.
    public init(responseHeaders: [Header], document: SpecDocument, configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.declaredNames = [.header: Set(responseHeaders.map(\.name))]
        // The specification says a response header named Content-Type is ignored: the media type describes it.
        self.plans = responseHeaders.filter { $0.name.lowercased() != "content-type" }.map {
            Plan(header: $0, document: document)
        }
    }

    /// A decoder for form body fields, which follow the query parameters' rules.
    init(fields: [Plan], configuration: Configuration) {
        self.configuration = configuration
        self.plans = fields
        self.declaredNames = [.query: Set(fields.map(\.name))]
    }

    /// Decodes every declared parameter found in `request`; absent optional parameters have no entry.
    public func decode(_ request: RawRequestParts) -> (
        values: [ParameterIdentity: JSONValue], issues: [ValidationIssue]
    ) {
        var values: [ParameterIdentity: JSONValue] = [:]
        var issues: [ValidationIssue] = []
        let query = FormPairs(query: Substring(request.query ?? ""), location: "query")
        issues += query.issues
        let cookies: FormPairs
        if let explicit = request.cookies {
            cookies = FormPairs(cookies: explicit)
        } else {
            cookies = FormPairs(cookieHeaders: request.headerValues("cookie"))
        }
        var claimedQueryNames: Set<String> = []
        for plan in plans {
            let value: JSONValue?
            switch plan.source {
            case .path:
                value = request.pathCaptures[plan.name].flatMap { capture in
                    decodeSerialized(plan, raw: Substring(capture), unescaping: .percent, issues: &issues)
                }
            case .header:
                let fields = request.headerValues(plan.name)
                // Repeated fields are one comma-separated list (RFC 9110 section 5.3).
                value =
                    fields.isEmpty
                    ? nil
                    : decodeSerialized(
                        plan, raw: Substring(fields.joined(separator: ",")), unescaping: .none, issues: &issues)
            case .query:
                value = decodeForm(plan, pairs: query, claimed: &claimedQueryNames, issues: &issues)
            case .cookie:
                var claimedCookies: Set<String> = []
                value = decodeForm(plan, pairs: cookies, claimed: &claimedCookies, issues: &issues)
            }
            if let value {
                values[plan.identity] = value
            } else if plan.required,
                !issues.contains(where: { $0.location == plan.location })
            {
                issues.append(plan.issue("required", "missing required \(plan.label)"))
            }
        }
        if configuration.rejectsUnknownQueryParameters {
            var reported: Set<String> = []
            for pair in query.pairs where !claimedQueryNames.contains(pair.name) && reported.insert(pair.name).inserted
            {
                issues.append(
                    ValidationIssue(
                        location: "query.\(pair.name)",
                        keyword: "unknown-parameter",
                        message: "expected only declared query parameters, found '\(pair.name)'"
                    )
                )
            }
        }
        return (values, issues)
    }
}
