import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseStore
import GatehouseValidation
import HTTPTypes
import Logging

/// Checks the credentials an operation asks for (API keys in header, query or cookie, bearer tokens, basic
/// credentials) and says who is calling; `AuthenticateStage` runs it per request.
///
/// Long-lived (one per gateway, across spec reloads) because it holds the key-lookup cache.
final class Authenticator: Sendable {
    let configuration: AccessConfiguration
    let keys: APIKeyStore?
    let cache: KeyLookupCache
    let logger: Logger

    init(configuration: AccessConfiguration, store: (any TableStore)?, logger: Logger) {
        self.configuration = configuration
        self.keys = store.map(APIKeyStore.init(store:))
        self.cache = KeyLookupCache(
            capacity: configuration.keyCacheCapacity, timeToLive: configuration.keyCacheTimeToLive)
        self.logger = logger
    }

    /// The outcome of authentication.
    enum Authentication {
        case caller(Caller)
        case refused(GatewayAnswer)
    }

    /// How checking one credential went.
    enum Check {
        /// The credential is good: the key it names, or the claims of a verified bearer token.
        case satisfied(APIKey?, claims: JSONObject? = nil)
        case missing
        case rejectedKey
        case badToken(String)
        case badBasic(String)
        case unsupported
    }

    /// An operation's security requirement, prepared when the contract is loaded.
    struct Requirement: Sendable {
        /// The alternatives as declared, for messages.
        let alternatives: [[AccessPolicy.Credential]]
        /// The same, the anonymous one (if any) last: a caller who presents a key is metered by its plan.
        let checkingOrder: [[AccessPolicy.Credential]]
        /// Every API key the alternatives name, once.
        let keys: [(name: String, location: ParameterLocation)]

        init(_ alternatives: [[AccessPolicy.Credential]]) {
            self.alternatives = alternatives
            self.checkingOrder = alternatives.sorted { !$0.isEmpty && $1.isEmpty }
            var keys: [(name: String, location: ParameterLocation)] = []
            for credential in alternatives.joined() {
                guard case .apiKey(let name, let location) = credential,
                    !keys.contains(where: { $0.name == name && $0.location == location })
                else { continue }
                keys.append((name, location))
            }
            self.keys = keys
        }
    }

    nonisolated(nonsending) func authenticate(
        _ request: PresentedCredentials, requirement: Requirement, operation: GatehouseSpec.Operation
    ) async -> Authentication {
        // A second key header is a smuggling attempt (a proxy may check one and the gateway another): refused
        // before anything else, whichever alternative would pass.
        for (name, location) in requirement.keys where values(of: name, in: location, request).count > 1 {
            return .refused(smuggled(name: name, location: location, operation: operation))
        }
        let alternatives = requirement.alternatives
        var checks: [AccessPolicy.Credential: Check] = [:]
        var failures: [Check] = []
        for alternative in requirement.checkingOrder {
            guard !alternative.isEmpty else { return .caller(.anonymous) }
            var key: APIKey?
            var bearer: Caller?
            var satisfied = true
            for credential in alternative {
                let check: Check
                if let known = checks[credential] {
                    check = known
                } else {
                    do {
                        check = try await self.check(credential, request)
                    } catch {
                        logger.error(
                            "the key store cannot be read", metadata: ["error": .string("\(error)")])
                        return .refused(
                            GatewayAnswer(
                                Problem(
                                    status: 503, title: "Service Unavailable",
                                    detail: "API keys cannot be checked right now"),
                                operationId: operation.id, headers: [.retryAfter: "1"]))
                    }
                    checks[credential] = check
                }
                if case .satisfied(let found, let claims) = check {
                    key = key ?? found
                    if found == nil { bearer = bearer ?? .bearer(claims: claims) }
                } else {
                    satisfied = false
                    failures.append(check)
                }
            }
            if satisfied { return .caller(key.map(Caller.key) ?? bearer ?? .bearer(claims: nil)) }
        }
        return .refused(refusal(failures, alternatives: alternatives, operation: operation))
    }

    func values(of name: String, in location: ParameterLocation, _ request: PresentedCredentials)
        -> [String]
    {
        switch location {
        case .header: return request.headerValues(name)
        case .query: return request.queryValues(name)
        case .cookie: return request.cookieValues(name)
        case .path: return []
        }
    }

    nonisolated(nonsending) func check(_ credential: AccessPolicy.Credential, _ request: PresentedCredentials)
        async throws -> Check
    {
        switch credential {
        case .apiKey(let name, let location):
            guard let secret = values(of: name, in: location, request).first, !secret.isEmpty else { return .missing }
            guard let key = try await lookUp(secret) else { return .rejectedKey }
            return .satisfied(key)
        case .bearer:
            guard let token = authorization(request, scheme: "bearer") else { return .missing }
            guard Self.isToken68(token) else { return .badToken("the bearer token is malformed") }
            guard let verifier = configuration.jwtVerifier else { return .satisfied(nil) }
            switch await verifier.verifiedClaims(token, now: configuration.clock.now) {
            case .success(let claims): return .satisfied(nil, claims: claims)
            case .failure(let failure): return .badToken(failure.reason)
            }
        case .basic:
            // The user is a key's name and the password its secret: keys issued with `gatehouse keys create` serve
            // basic authentication too, checked and metered like API keys.
            guard let encoded = authorization(request, scheme: "basic") else { return .missing }
            guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
                let colon = text.firstIndex(of: ":")
            else { return .badBasic("the basic credentials are not base64 of 'user:password'") }
            let user = text[..<colon]
            let password = text[text.index(after: colon)...]
            guard !password.isEmpty, let key = try await lookUp(String(password)),
                ConstantTime.equals(key.name, String(user))
            else { return .badBasic("the user or password is not valid") }
            return .satisfied(key)
        case .unsupported:
            return .unsupported
        }
    }

    /// The credentials after `Authorization: <scheme> `, the scheme matched case-insensitively.
    func authorization(_ request: PresentedCredentials, scheme: String) -> String? {
        let values = request.headers[values: .authorization]
        guard values.count == 1, let value = values.first else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, HeaderField.sameName(String(parts[0]), scheme) else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// RFC 7235's token68: letters, digits and `-._~+/`, then `=` padding.
    static func isToken68(_ token: String) -> Bool {
        let body = token.reversed().drop(while: { $0 == "=" })
        return !body.isEmpty && token.utf8.count <= 8192
            && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~+/".contains($0)) }
    }

    /// The key a secret belongs to when it exists and is enabled. Secrets are hashed first and the hashes compared
    /// in constant time; the lookup is cached (see `KeyLookupCache`).
    nonisolated(nonsending) func lookUp(_ secret: String) async throws -> APIKey? {
        // Nothing a client sends past this size can be a key; no hashing, no lookup, no cache entry.
        guard secret.utf8.count <= 512 else { return nil }
        let hash = APIKey.hash(ofSecret: secret)
        let now = configuration.clock.now
        let key: APIKey?
        if let cached = cache.lookup(hash, now: now) {
            key = cached
        } else {
            key = try await keys?.key(hash: hash)
            cache.insert(hash, key: key, now: now)
        }
        guard let key, ConstantTime.equals(key.hash, hash), key.enabled else { return nil }
        return key
    }
}
