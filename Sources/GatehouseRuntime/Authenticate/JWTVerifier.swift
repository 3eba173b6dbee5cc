public import Foundation
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
        return .success(claims.sub?.value)
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
