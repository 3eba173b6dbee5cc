import Foundation
import GatehouseRuntime
import GatehouseStore
import JWTKit
import Testing

/// Real credentials for a gateway that enforces the contract's security: API keys issued into the store the gateway
/// reads them from (as `gatehouse keys create` does), and bearer JWTs signed with the HS256 secret the gateway
/// verifies them with (as `gatehouse serve --jwt-secret` does).
struct GatewayCredentials {
    /// A fixed time for token expiry and the usage plans' token buckets, so that no bucket refills while a test runs.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let secret = Array("generated-client-secret-32-bytes".utf8)

    let store: MemoryTableStore
    /// Secrets by key name.
    private(set) var keys: [String: String] = [:]

    /// Issues enabled keys `name: plan` and, for each of `revoked`, a key that is then revoked.
    static func issue(
        _ keys: KeyValuePairs<String, String?>, revoked: [String] = [], in store: MemoryTableStore = MemoryTableStore()
    ) async throws -> GatewayCredentials {
        var credentials = GatewayCredentials(store: store)
        let keyStore = APIKeyStore(store: store)
        for (name, plan) in keys {
            credentials.keys[name] = try await keyStore.create(name: name, plan: plan).secret
        }
        for name in revoked {
            credentials.keys[name] = try await keyStore.create(name: name, plan: nil).secret
            let key = try await keyStore.setEnabled(false, name: name)
            #expect(!key.enabled)
        }
        return credentials
    }

    func key(_ name: String) throws -> String {
        try #require(keys[name], "no key named '\(name)' was issued")
    }

    /// Enforces security, verifies bearer tokens signed with `secret`, and meters on a clock that stands still.
    static func access() async throws -> AccessConfiguration {
        let verifier = try await JWTVerifier.make(hs256Secret: secret, jwks: nil, audience: nil, issuer: nil)
        return AccessConfiguration(enforcesSecurity: true, jwtVerifier: verifier, clock: ManualClock(now))
    }

    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A JWT for `subject` that expires five minutes after `now`, signed with `secret` unless told otherwise.
    static func token(subject: String = "ada", signedWith key: [UInt8] = secret) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
        return try await keys.sign(Claims(sub: SubjectClaim(value: subject), exp: ExpirationClaim(value: now + 300)))
    }
}
