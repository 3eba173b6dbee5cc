import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import JWTKit
import NIOHTTP1
import Testing

/// Bearer JWTs verified with an HS256 secret or a JWKS: signature, `exp`, `nbf`, `aud` and `iss`, with the 401 and
/// its `WWW-Authenticate` challenge a client acts on.
struct JWTAuthenticationTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let secret = Array("a-test-secret-of-32-bytes-length".utf8)

    struct Claims: JWTPayload {
        var exp: ExpirationClaim?
        var nbf: NotBeforeClaim?
        var aud: AudienceClaim?
        var iss: IssuerClaim?
        var sub: SubjectClaim? = "ada"

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static func claims(
        expiresIn: TimeInterval? = 300, notBefore: TimeInterval? = nil, audience: String? = "todo-api",
        issuer: String? = "https://issuer.example"
    ) -> Claims {
        Claims(
            exp: expiresIn.map { ExpirationClaim(value: now + $0) },
            nbf: notBefore.map { NotBeforeClaim(value: now + $0) },
            aud: audience.map { AudienceClaim(value: [$0]) },
            iss: issuer.map { IssuerClaim(value: $0) })
    }

    static func hs256(_ claims: Claims, secret: [UInt8] = secret) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        return try await keys.sign(claims)
    }

    static func access(_ verifier: JWTVerifier) -> AccessConfiguration {
        AccessConfiguration(jwtVerifier: verifier, clock: ManualClock(now))
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var claims: Claims
        var signedWith: [UInt8] = JWTAuthenticationTests.secret
        /// Nil when the token is accepted.
        var refusal: String?
    }

    static let cases = [
        Case(description: "valid", claims: claims()),
        Case(description: "expired", claims: claims(expiresIn: -1), refusal: "the token has expired"),
        Case(description: "no expiry", claims: claims(expiresIn: nil), refusal: "the token has no expiry ('exp')"),
        Case(
            description: "not yet valid", claims: claims(notBefore: 60), refusal: "the token is not valid yet ('nbf')"),
        Case(
            description: "wrong audience", claims: claims(audience: "other-api"),
            refusal: "the token is not meant for audience 'todo-api'"),
        Case(
            description: "wrong issuer", claims: claims(issuer: "https://evil.example"),
            refusal: "the token was not issued by 'https://issuer.example'"),
        Case(
            description: "another secret", claims: claims(), signedWith: Array("another-secret-also-of-32-bytes!".utf8),
            refusal: "the token's signature does not verify"),
    ]

    @Test(arguments: cases)
    func hs256Tokens(_ row: Case) async throws {
        let verifier = try await JWTVerifier.make(
            hs256Secret: Self.secret, jwks: nil, audience: "todo-api", issuer: "https://issuer.example")
        let token = try await Self.hs256(row.claims, secret: row.signedWith)
        try await KeyedGateway.with(access: Self.access(verifier)) { gateway, _, _ in
            let reply = try await gateway.request(.GET, "/bearer", headers: [("Authorization", "Bearer \(token)")])
            if let refusal = row.refusal {
                #expect(reply.status == 401)
                #expect(reply.json?["detail"] == .string(refusal))
                #expect(
                    reply.headers["WWW-Authenticate"]
                        == [#"Bearer realm="gatehouse", error="invalid_token", error_description="\#(refusal)""#])
            } else {
                #expect(reply.status == 200)
            }
        }
    }

    @Test func aTokenWithoutASignatureIsRefused() async throws {
        let verifier = try await JWTVerifier.make(hs256Secret: Self.secret, jwks: nil, audience: nil, issuer: nil)
        let signed = try await Self.hs256(Self.claims())
        let parts = signed.split(separator: ".")
        let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        let unsigned = "\(header).\(parts[1])."
        try await KeyedGateway.with(access: Self.access(verifier)) { gateway, _, _ in
            let reply = try await gateway.request(.GET, "/bearer", headers: [("Authorization", "Bearer \(unsigned)")])
            #expect(reply.status == 401)
        }
    }

    @Test func jwksKeysAreChosenByKid() async throws {
        let key = ES256PrivateKey()
        let parameters = try #require(key.parameters)
        let jwks = """
            {"keys": [{"kty": "EC", "crv": "P-256", "alg": "ES256", "kid": "k1", "x": "\(parameters.x)", "y": "\(parameters.y)"}]}
            """
        let verifier = try await JWTVerifier.make(hs256Secret: nil, jwks: jwks, audience: "todo-api", issuer: nil)
        let signer = JWTKeyCollection()
        await signer.add(ecdsa: key, kid: "k1")
        let good = try await signer.sign(Self.claims(), kid: "k1")
        let other = JWTKeyCollection()
        await other.add(ecdsa: ES256PrivateKey(), kid: "k1")
        let forged = try await other.sign(Self.claims(), kid: "k1")
        try await KeyedGateway.with(access: Self.access(verifier)) { (gateway, _, _) async throws in
            #expect(
                try await gateway.request(.GET, "/bearer", headers: [("Authorization", "Bearer \(good)")]).status == 200
            )
            #expect(
                try await gateway.request(.GET, "/bearer", headers: [("Authorization", "Bearer \(forged)")]).status
                    == 401)
        }
    }

    @Test func aBadJWKSIsAnErrorAtStartup() async throws {
        await #expect(throws: JWTConfigurationError.self) {
            _ = try await JWTVerifier.make(
                hs256Secret: nil, jwks: #"{"keys": [{"kty": "EC"}]}"#, audience: nil, issuer: nil)
        }
        await #expect(throws: JWTConfigurationError.self) {
            _ = try await JWTVerifier.make(hs256Secret: Array("short".utf8), jwks: nil, audience: nil, issuer: nil)
        }
    }
}
