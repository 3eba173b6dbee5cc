import GatehouseSpec
import HTTPTypes

/// The answers of refused calls: problem+json by default, or a managed gateway's `{"message": …}` bodies with
/// `x-amzn-ErrorType` in compatibility mode.
extension Authenticator {
    func refusal(_ failures: [Check], alternatives: [[AccessPolicy.Credential]], operation: Operation)
        -> GatewayAnswer
    {
        for failure in failures {
            if case .badToken(let reason) = failure {
                return unauthorized(
                    reason,
                    challenge: #"Bearer realm="gatehouse", error="invalid_token", error_description="\#(reason)""#,
                    operation: operation)
            }
        }
        for failure in failures {
            if case .rejectedKey = failure {
                return forbidden("the API key is not valid: it is unknown or disabled", operation: operation)
            }
        }
        for failure in failures {
            if case .badBasic(let reason) = failure {
                return unauthorized(reason, challenge: #"Basic realm="gatehouse""#, operation: operation)
            }
        }
        let ways = alternatives.map { alternative in
            alternative.map(Self.describe).joined(separator: " and ")
        }
        let needs = ways.count == 1 ? ways[0] : "one of: " + ways.joined(separator: "; ")
        let asksForKey = alternatives.contains { $0.contains { if case .apiKey = $0 { true } else { false } } }
        if asksForKey { return forbidden("this operation needs \(needs)", operation: operation) }
        var challenges: [String] = []
        for credential in Set(alternatives.joined()) {
            switch credential {
            case .bearer: challenges.append(#"Bearer realm="gatehouse""#)
            case .basic: challenges.append(#"Basic realm="gatehouse""#)
            default: continue
            }
        }
        return unauthorized(
            "this operation needs \(needs)", challenge: Set(challenges).sorted().joined(separator: ", "),
            operation: operation)
    }

    static func describe(_ credential: AccessPolicy.Credential) -> String {
        switch credential {
        case .apiKey(let name, let location): return "an API key in \(location.rawValue) '\(name)'"
        case .bearer: return "a bearer token"
        case .basic: return "basic credentials"
        case .unsupported(let scheme): return "'\(scheme)' (which the gateway cannot check)"
        }
    }

    func forbidden(_ detail: String, operation: Operation) -> GatewayAnswer {
        if configuration.apiGatewayCompatible {
            return GatewayAnswer.compatible(
                403, message: "Forbidden", type: "ForbiddenException", operationId: operation.id)
        }
        return GatewayAnswer(Problem(status: 403, title: "Forbidden", detail: detail), operationId: operation.id)
    }

    func unauthorized(_ detail: String, challenge: String, operation: Operation) -> GatewayAnswer {
        var headers = HTTPFields()
        if !challenge.isEmpty { headers[.wwwAuthenticate] = challenge.headerSafe }
        if configuration.apiGatewayCompatible {
            var answer = GatewayAnswer.compatible(
                401, message: "Unauthorized", type: "UnauthorizedException", operationId: operation.id)
            answer.headers.append(contentsOf: headers)
            return answer
        }
        return GatewayAnswer(
            Problem(status: 401, title: "Unauthorized", detail: detail), operationId: operation.id, headers: headers)
    }

    func smuggled(name: String, location: ParameterLocation, operation: Operation) -> GatewayAnswer {
        GatewayAnswer(
            Problem(
                status: 400, title: "Bad Request",
                detail: "the request carries more than one \(location.rawValue) '\(name)'; send exactly one API key"),
            operationId: operation.id)
    }
}
