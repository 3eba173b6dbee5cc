import GatehouseJSON

/// The API Gateway extensions: the key source, the request validators and each operation's integration.
extension GatewayExtensionReader {
    static let integrationMembers = [
        "type", "uri", "httpMethod", "credentials", "requestParameters", "requestTemplates", "passthroughBehavior",
        "cacheNamespace", "cacheKeyParameters", "contentHandling", "timeoutInMillis", "connectionType", "connectionId",
        "responses", "tlsConfig", "integrationSubtype", "payloadFormatVersion",
    ]
    static let responseMembers = [
        "statusCode", "selectionPattern", "responseParameters", "responseTemplates", "contentHandling",
    ]
    static let validatorMembers = ["validateRequestBody", "validateRequestParameters"]

    mutating func readAPIKeySource(_ value: JSONValue?, at root: NodeAddress) -> APIKeySource? {
        guard let value else { return nil }
        if let source = value.stringValue.flatMap({ APIKeySource(rawValue: $0.uppercased()) }) { return source }
        report(
            .apiGatewayExtension, "'\(APIKeySource.extensionName)' must be 'HEADER' or 'AUTHORIZER'",
            at: root.appending(APIKeySource.extensionName))
        return nil
    }

    mutating func readRequestValidators(_ value: JSONValue?, at root: NodeAddress) -> [APIGatewayRequestValidator] {
        guard let value else { return [] }
        let name = APIGatewayRequestValidator.declarationsName
        let address = root.appending(name)
        guard let object = value.objectValue else {
            report(.apiGatewayExtension, "'\(name)' must map validator names to objects", at: address)
            return []
        }
        var validators: [APIGatewayRequestValidator] = []
        for member in object {
            let at = address.appending(member.key)
            guard let declaration = member.value.objectValue else {
                report(
                    .apiGatewayExtension,
                    "request validator '\(member.key)' must be an object with 'validateRequestBody' and "
                        + "'validateRequestParameters'",
                    at: at)
                continue
            }
            var validator = APIGatewayRequestValidator(
                name: member.key, validatesBody: false, validatesParameters: false)
            for flag in declaration {
                guard Self.validatorMembers.contains(flag.key) else {
                    report(
                        .apiGatewayExtension,
                        "unknown member '\(flag.key)' of request validator '\(member.key)'; expected "
                            + Self.alternatives(Self.validatorMembers),
                        at: at.appending(flag.key), key: true)
                    continue
                }
                guard let on = flag.value.boolValue else {
                    report(
                        .apiGatewayExtension,
                        "'\(flag.key)' of request validator '\(member.key)' must be true or false",
                        at: at.appending(flag.key))
                    continue
                }
                if flag.key == "validateRequestBody" {
                    validator.validatesBody = on
                } else {
                    validator.validatesParameters = on
                }
            }
            validators.append(validator)
        }
        return validators
    }

    /// The `x-amazon-apigateway-request-validator` of the root or an operation, when it names a declared validator.
    mutating func readValidatorName(_ extensions: JSONObject, at owner: NodeAddress, in gateway: GatewayExtensions)
        -> String?
    {
        let extensionName = APIGatewayRequestValidator.extensionName
        guard let value = extensions[extensionName] else { return nil }
        let address = owner.appending(extensionName)
        guard let name = value.stringValue else {
            report(.apiGatewayExtension, "'\(extensionName)' must be the name of a request validator", at: address)
            return nil
        }
        guard gateway.requestValidator(named: name) != nil else {
            report(
                .apiGatewayExtension,
                "request validator '\(name)' is not declared in '\(APIGatewayRequestValidator.declarationsName)'; "
                    + "every request is validated",
                at: address)
            return nil
        }
        return name
    }

    mutating func readIntegration(_ operation: Operation) -> APIGatewayIntegration? {
        let extensionName = APIGatewayIntegration.extensionName
        guard let value = operation.extensions[extensionName] else { return nil }
        let address = operation.address.appending(extensionName)
        guard let object = value.objectValue else {
            report(.apiGatewayExtension, "'\(extensionName)' must be an object", at: address)
            return nil
        }
        for key in object.keys where !Self.integrationMembers.contains(key) {
            report(
                .apiGatewayExtension,
                "unknown member '\(key)' of '\(extensionName)'; expected "
                    + Self.alternatives(Self.integrationMembers),
                at: address.appending(key), key: true)
        }
        var type = ""
        if let text = object["type"]?.stringValue, APIGatewayIntegration.types.contains(text.lowercased()) {
            type = text.lowercased()
        } else {
            report(
                .apiGatewayExtension,
                "'type' of '\(extensionName)' must be " + Self.alternatives(APIGatewayIntegration.types),
                at: object["type"] == nil ? address : address.appending("type"))
        }
        let requestTemplates = readTemplates(
            object["requestTemplates"], at: address.appending("requestTemplates"), what: "request template",
            owner: "'\(extensionName)'")
        var responses: [APIGatewayIntegration.Response] = []
        if let value = object["responses"] {
            let responsesAddress = address.appending("responses")
            if let members = value.objectValue {
                for member in members {
                    if let response = readResponse(member.key, member.value, at: responsesAddress.appending(member.key))
                    {
                        responses.append(response)
                    }
                }
            } else {
                report(
                    .apiGatewayExtension,
                    "'responses' of '\(extensionName)' must map selection patterns to integration responses",
                    at: responsesAddress)
            }
        }
        let uri = readString(object["uri"], at: address.appending("uri"), what: "'uri' of '\(extensionName)'")
        if let uri, APIGatewayIntegration(type: type, requestTemplates: [], responses: [], address: address).isHTTP,
            !(uri.hasPrefix("http://") || uri.hasPrefix("https://"))
        {
            report(
                .apiGatewayExtension,
                "'uri' of an '\(type)' integration must be an http:// or https:// URL, found '\(uri)'",
                at: address.appending("uri"))
        }
        let httpMethod = readString(
            object["httpMethod"], at: address.appending("httpMethod"), what: "'httpMethod' of '\(extensionName)'")
        var requestParameters: [APIGatewayIntegration.RequestParameter] = []
        if let value = object["requestParameters"] {
            let at = address.appending("requestParameters")
            if let members = value.objectValue {
                for member in members {
                    guard let source = member.value.stringValue else {
                        report(
                            .apiGatewayExtension,
                            "request parameter '\(member.key)' of '\(extensionName)' must be a string",
                            at: at.appending(member.key))
                        continue
                    }
                    requestParameters.append(.init(name: member.key, value: source))
                }
            } else {
                report(
                    .apiGatewayExtension,
                    "'requestParameters' of '\(extensionName)' must map parameters to their sources", at: at)
            }
        }
        return APIGatewayIntegration(
            type: type, requestTemplates: requestTemplates, responses: responses, uri: uri,
            httpMethod: httpMethod?.uppercased(), requestParameters: requestParameters, address: address)
    }

    mutating func readString(_ value: JSONValue?, at address: NodeAddress, what: String) -> String? {
        guard let value else { return nil }
        guard let text = value.stringValue else {
            report(.apiGatewayExtension, "\(what) must be a string", at: address)
            return nil
        }
        return text
    }

    mutating func readResponse(_ key: String, _ value: JSONValue, at address: NodeAddress)
        -> APIGatewayIntegration.Response?
    {
        let subject = "integration response '\(key)'"
        guard let object = value.objectValue else {
            report(.apiGatewayExtension, "\(subject) must be an object", at: address)
            return nil
        }
        for member in object.keys where !Self.responseMembers.contains(member) {
            report(
                .apiGatewayExtension,
                "unknown member '\(member)' of \(subject); expected " + Self.alternatives(Self.responseMembers),
                at: address.appending(member), key: true)
        }
        var statusCode: Int?
        if let value = object["statusCode"] {
            statusCode = Self.statusCode(value)
            if statusCode == nil {
                report(
                    .apiGatewayExtension, "'statusCode' of \(subject) must be a status code from 100 to 599",
                    at: address.appending("statusCode"))
            }
        }
        var selectionPattern: String?
        if let value = object["selectionPattern"] {
            selectionPattern = value.stringValue
            if selectionPattern == nil {
                report(
                    .apiGatewayExtension, "'selectionPattern' of \(subject) must be a regular expression",
                    at: address.appending("selectionPattern"))
            }
        }
        let pattern = selectionPattern ?? (key == "default" ? nil : key)
        if let pattern, (try? Regex(pattern)) == nil {
            report(
                .apiGatewayExtension, "the selection pattern '\(pattern)' of \(subject) is not a regular expression",
                at: selectionPattern == nil ? address : address.appending("selectionPattern"),
                key: selectionPattern == nil)
        }
        var parameters: [APIGatewayIntegration.ResponseParameter] = []
        if let value = object["responseParameters"] {
            let at = address.appending("responseParameters")
            if let members = value.objectValue {
                for member in members {
                    guard let source = member.value.stringValue else {
                        report(
                            .apiGatewayExtension, "response parameter '\(member.key)' of \(subject) must be a string",
                            at: at.appending(member.key))
                        continue
                    }
                    parameters.append(.init(name: member.key, value: source))
                }
            } else {
                report(
                    .apiGatewayExtension, "'responseParameters' of \(subject) must map parameters to their sources",
                    at: at)
            }
        }
        let templates = readTemplates(
            object["responseTemplates"], at: address.appending("responseTemplates"), what: "response template",
            owner: subject)
        return APIGatewayIntegration.Response(
            key: key, statusCode: statusCode, selectionPattern: selectionPattern, responseParameters: parameters,
            responseTemplates: templates, address: address)
    }

    mutating func readTemplates(_ value: JSONValue?, at address: NodeAddress, what: String, owner: String)
        -> [APIGatewayIntegration.Template]
    {
        guard let value else { return [] }
        guard let members = value.objectValue else {
            report(
                .apiGatewayExtension,
                "'\(address.pointer.tokens.last ?? "")' of \(owner) must map media types to templates",
                at: address)
            return []
        }
        var templates: [APIGatewayIntegration.Template] = []
        for member in members {
            guard let text = member.value.stringValue else {
                report(
                    .apiGatewayExtension, "\(what) '\(member.key)' of \(owner) must be a string",
                    at: address.appending(member.key))
                continue
            }
            templates.append(.init(mediaType: member.key, text: text))
        }
        return templates
    }

    /// A status from `200`, `"200"` or `200.0`, from 100 to 599.
    static func statusCode(_ value: JSONValue) -> Int? {
        switch value {
        case .number(let number): return number.int64.flatMap { (100...599).contains($0) ? Int($0) : nil }
        case .string(let text):
            let trimmed = text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            return Int(String(trimmed)).flatMap { (100...599).contains($0) ? $0 : nil }
        default: return nil
        }
    }
}
