public import Foundation
public import GatehouseJSON
import JWTKit

/// Verifies bearer JWTs: the signature with an HS256 secret or the keys of a JWKS document (chosen by `kid`), then
/// `exp` (required), `nbf`, and `aud` and `iss` when configured. No clock-skew leeway.
public struct JWTVerifier: Sendable {
    let keys: JWTKeyCollection
    public let audience: String?
    public let issuer: String?

    /// A verifier for an HS256 secret, a JWKS document (JSON), or both.
    public static func make(hs256Secret: [UInt8]?, jwks: String?, audience: String?, issuer: String?) async throws
        -> JWTVerifier
    {
        let keys = JWTKeyCollection()
        if let hs256Secret {
            // RFC 7518 §3.2: a key at least as long as the hash output.
            guard hs256Secret.count >= 32 else {
                throw JWTConfigurationError(
                    message: "the HS256 secret must be at least 32 bytes long; it has \(hs256Secret.count)")
            }
            await keys.add(hmac: HMACKey(from: hs256Secret), digestAlgorithm: .sha256)
        }
        if let jwks {
            do {
                _ = try await keys.add(jwksJSON: jwks)
            } catch {
                throw JWTConfigurationError(message: "the JWKS document cannot be used: \(Self.reason(error))")
            }
        }
        return JWTVerifier(keys: keys, audience: audience, issuer: issuer)
    }

    /// Why a token was refused, in words fit for a `WWW-Authenticate` `error_description`.
    public struct Failure: Error, Sendable, Equatable {
        public var reason: String
    }

    /// The token's subject when it verifies at `now`, else why not.
    public func verify(_ token: String, now: Date) async -> Result<String?, Failure> {
        await verifiedClaims(token, now: now).map { $0["sub"]?.stringValue }
    }

    /// The token's claims (its payload) when it verifies at `now`, else why not.
    public func verifiedClaims(_ token: String, now: Date) async -> Result<JSONObject, Failure> {
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            return .failure(Failure(reason: "the token's signature does not verify"))
        } catch {
            return .failure(Failure(reason: "the token cannot be verified: \(Self.reason(error))"))
        }
        guard let expiry = claims.exp?.value else {
            return .failure(Failure(reason: "the token has no expiry ('exp')"))
        }
        guard now < expiry else { return .failure(Failure(reason: "the token has expired")) }
        if let notBefore = claims.nbf?.value, now < notBefore {
            return .failure(Failure(reason: "the token is not valid yet ('nbf')"))
        }
        if let audience, !(claims.aud?.value.contains(audience) ?? false) {
            return .failure(Failure(reason: "the token is not meant for audience '\(audience)'"))
        }
        if let issuer, claims.iss?.value != issuer {
            return .failure(Failure(reason: "the token was not issued by '\(issuer)'"))
        }
        // The signature verified, so the payload is the issuer's: its claims are read as they are.
        guard let payload = Self.payload(of: token) else {
            return .failure(Failure(reason: "the token's payload is not a JSON object"))
        }
        return .success(payload)
    }

    /// The JWT's middle segment, base64url-decoded and parsed.
    static func payload(of token: String) -> JSONObject? {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else { return nil }
        var base64 = segments[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONParser.parse(Array(data)))?.objectValue
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? JWTError { return error.reason ?? error.errorType.description }
        return "\(error)"
    }

    /// The registered claims the gateway checks; their checks run in `verify(_:now:)` with the injected clock.
    struct Claims: JWTPayload {
        var exp: ExpirationClaim?
        var nbf: NotBeforeClaim?
        var aud: AudienceClaim?
        var iss: IssuerClaim?
        var sub: SubjectClaim?

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}

/// A JWT option (secret, JWKS) that cannot be used.
public struct JWTConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
