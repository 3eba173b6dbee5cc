public import GatehouseSpec

/// The rules of `gatehouse diff`: each a kind of change between two versions of a contract, with the level at which it
/// is reported (error breaks an existing client, warning may break one, info is compatible).
public enum DiffRules {
    // Paths and operations.
    public static let pathRemoved = Rule("path-removed", .error, "a path and every operation on it were removed")
    public static let operationRemoved = Rule("operation-removed", .error, "an operation was removed")
    public static let operationSunset = Rule(
        "operation-removed-after-sunset", .info, "a deprecated operation was removed after its 'x-sunset' date")
    public static let operationAdded = Rule("operation-added", .info, "an operation was added")
    public static let operationIdChanged = Rule(
        "operation-id-changed", .error, "an operation's operationId changed (generated clients name methods by it)")
    public static let operationDeprecated = Rule("operation-deprecated", .info, "an operation was deprecated")

    // Webhooks: what a webhook sends is read as a response (widening breaks subscribers), what subscribers answer as
    // a request (narrowing breaks them).
    public static let webhookRemoved = Rule(
        "webhook-removed", .warning, "a webhook was removed; subscribers no longer receive its events")
    public static let webhookAdded = Rule("webhook-added", .info, "a webhook was added")

    // Parameters.
    public static let parameterAddedRequired = Rule(
        "parameter-added-required", .error, "a required parameter was added; existing callers do not send it")
    public static let parameterAdded = Rule("parameter-added", .info, "an optional parameter was added")
    public static let parameterRemoved = Rule(
        "parameter-removed", .warning, "a parameter was removed; callers still send it and the server ignores it")
    public static let parameterSunset = Rule(
        "parameter-removed-after-sunset", .info, "a deprecated parameter was removed after its 'x-sunset' date")
    public static let parameterMoved = Rule(
        "parameter-moved", .error, "a parameter moved to another location (query, header, path or cookie)")
    public static let parameterRenamed = Rule(
        "parameter-renamed", .error, "a query, header or cookie parameter was renamed (same location and schema)")
    public static let parameterRequired = Rule(
        "parameter-made-required", .error, "an optional parameter became required")
    public static let parameterStyleChanged = Rule(
        "parameter-style-changed", .error, "a parameter's style or explode changed, so callers serialize it wrongly")

    // Request bodies.
    public static let requestBodyRequired = Rule(
        "request-body-required", .error, "the request body became required, or was added as required")
    public static let requestMediaTypeRemoved = Rule(
        "request-media-type-removed", .error, "a media type of the request body is no longer accepted")
    public static let requestMediaTypeAdded = Rule(
        "request-media-type-added", .info, "the request body accepts a new media type")
    public static let requestBodyRemoved = Rule(
        "request-body-removed", .warning,
        "the request body was removed; callers still send it and the gateway accepts and ignores it")

    // Request schemas (parameters and bodies): narrowing breaks callers.
    public static let requestTypeChanged = Rule(
        "request-type-changed", .error, "a request schema no longer accepts a type it accepted")
    public static let requestFormatChanged = Rule(
        "request-format-changed", .error, "a request schema's format was added or changed")
    public static let requestConstraintNarrowed = Rule(
        "request-constraint-narrowed", .error,
        "a request schema's constraint was tightened (maxLength lowered, minimum raised, pattern, multipleOf, "
            + "uniqueItems, 'not', a prefixItems or patternProperties schema added, ...)")
    public static let requestEnumValueRemoved = Rule(
        "request-enum-value-removed", .error, "a request schema no longer accepts an enum value")
    public static let requestPropertyRequired = Rule(
        "request-property-required", .error,
        "a request property became required, was added as required, or is required with another (dependentRequired)")
    public static let requestPropertyReadOnly = Rule(
        "request-property-read-only", .error,
        "a request property became readOnly; callers that still send it are refused")
    public static let requestAdditionalPropertiesClosed = Rule(
        "request-additional-properties-closed", .error,
        "a request object no longer accepts properties it does not list ('additionalProperties: false'), or no "
            + "longer accepts those a removed patternProperties pattern matched")
    public static let requestAlternativeRemoved = Rule(
        "request-alternative-removed", .error, "a oneOf/anyOf alternative of a request schema was removed")
    public static let requestPropertyRemoved = Rule(
        "request-property-removed", .warning, "a request property was removed; callers may still send it")
    public static let requestPropertyAdded = Rule(
        "request-property-added", .info, "an optional request property was added")
    public static let requestSchemaWidened = Rule(
        "request-schema-widened", .info,
        "a request schema accepts more (a type, an enum value, an alternative, a looser bound)")

    // Responses: widening breaks clients.
    public static let responseSuccessStatusRemoved = Rule(
        "response-success-status-removed", .error, "a 2XX response was removed")
    public static let responseStatusRemoved = Rule(
        "response-status-removed", .info, "a response other than 2XX was removed")
    public static let responseSuccessStatusAdded = Rule(
        "response-success-status-added", .warning, "a new 2XX response that clients do not expect")
    public static let responseStatusAdded = Rule("response-status-added", .info, "a response other than 2XX was added")
    public static let responseMediaTypeRemoved = Rule(
        "response-media-type-removed", .error, "a media type of a response was removed")
    public static let responseTypeChanged = Rule(
        "response-type-changed", .error, "a response schema may now return a type it did not")
    public static let responseRequiredPropertyRemoved = Rule(
        "response-required-property-removed", .error, "a required response property was removed")
    public static let responseOptionalPropertyRemoved = Rule(
        "response-optional-property-removed", .warning, "an optional response property was removed")
    public static let responsePropertyOptional = Rule(
        "response-property-optional", .error, "a required response property became optional")
    public static let responseEnumValueAdded = Rule(
        "response-enum-value-added", .warning,
        "a response may return a new enum value (a client that switches over them exhaustively breaks)")
    public static let responseAlternativeAdded = Rule(
        "response-alternative-added", .warning, "a response schema has a new oneOf/anyOf alternative")
    public static let responseFormatChanged = Rule(
        "response-format-changed", .warning, "a response schema's format was removed or changed")
    public static let responseConstraintWidened = Rule(
        "response-constraint-widened", .warning,
        "a response schema's constraint was loosened (maxLength raised, pattern, multipleOf, uniqueItems, 'not' "
            + "removed, ...)")
    public static let responsePropertyAdded = Rule(
        "response-property-added", .info, "a response property was added")
    public static let responsePropertyWriteOnly = Rule(
        "response-property-write-only", .error, "a response property became writeOnly, so responses no longer have it")
    public static let responseHeaderRemoved = Rule(
        "response-header-removed", .error, "a required response header was removed")
    public static let responseHeaderOptional = Rule(
        "response-header-optional", .error, "a required response header became optional")
    public static let responseHeaderAdded = Rule("response-header-added", .info, "a response header was added")

    // Security and servers.
    public static let securityRequirementAdded = Rule(
        "security-requirement-added", .error, "an operation needs credentials its callers did not need to send")
    public static let securitySchemeChanged = Rule(
        "security-scheme-changed", .error, "a security scheme changed its type, its location or its name")
    public static let serverBasePathChanged = Rule(
        "server-base-path-changed", .error, "the base path of the servers changed, so every URL moved")
    public static let operationServerBasePathChanged = Rule(
        "operation-server-base-path-changed", .error,
        "the base path of an operation's or a path's own servers changed, so its URLs moved")

    // The generated Swift client (`--sdk swift`).
    public static let sdkTypeRemoved = Rule(
        "sdk-type-removed", .error, "a type of the generated Swift client was removed")
    public static let sdkTypeRenamed = Rule(
        "sdk-type-renamed", .error, "a type of the generated Swift client was renamed (same members, new name)")
    public static let sdkMemberRemoved = Rule(
        "sdk-member-removed", .error,
        "a property, input member, enum case or method of the generated Swift client was removed or renamed")
    public static let sdkTypeChanged = Rule(
        "sdk-type-changed", .error, "a member of the generated Swift client changed its Swift type or optionality")
    public static let sdkMemberRequired = Rule(
        "sdk-member-required", .error,
        "an optional member of the generated Swift client became required, or a required one was added")
    public static let sdkEnumCaseAdded = Rule(
        "sdk-enum-case-added", .warning,
        "an enum of the generated Swift client has a new case; a switch over it without 'default' stops compiling")

    // Policy.
    public static let versionBump = Rule(
        "version-bump", .error, "the change has errors but 'info.version' did not bump its major version")
    public static let ignoreUnused = Rule(
        "ignore-unused", .warning, "an entry of the --ignore file matches no finding; remove it")

    /// Every rule, in the order the README documents them.
    public static let all: [Rule] = [
        pathRemoved, operationRemoved, operationSunset, operationAdded, operationIdChanged, operationDeprecated,
        webhookRemoved, webhookAdded,
        parameterAddedRequired, parameterAdded, parameterRemoved, parameterSunset, parameterMoved, parameterRenamed,
        parameterRequired, parameterStyleChanged, requestBodyRequired, requestMediaTypeRemoved, requestMediaTypeAdded,
        requestBodyRemoved,
        requestTypeChanged, requestFormatChanged, requestConstraintNarrowed, requestEnumValueRemoved,
        requestPropertyRequired, requestPropertyReadOnly, requestAdditionalPropertiesClosed, requestAlternativeRemoved,
        requestPropertyRemoved,
        requestPropertyAdded, requestSchemaWidened, responseSuccessStatusRemoved, responseStatusRemoved,
        responseSuccessStatusAdded, responseStatusAdded, responseMediaTypeRemoved, responseTypeChanged,
        responseRequiredPropertyRemoved, responseOptionalPropertyRemoved, responsePropertyOptional,
        responseEnumValueAdded, responseAlternativeAdded, responseFormatChanged, responseConstraintWidened,
        responsePropertyAdded, responsePropertyWriteOnly, responseHeaderRemoved, responseHeaderOptional,
        responseHeaderAdded, securityRequirementAdded, securitySchemeChanged, serverBasePathChanged,
        operationServerBasePathChanged, sdkTypeRemoved, sdkTypeRenamed, sdkMemberRemoved, sdkTypeChanged,
        sdkMemberRequired, sdkEnumCaseAdded, versionBump, ignoreUnused,
    ]

    public static func named(_ id: String) -> Rule? {
        all.first { $0.id == id }
    }
}
