import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import NIOHTTP1
import Testing

/// The contract's security requirements through a real server: anonymous and keyed operations, OR and AND,
/// header, query and cookie keys, unknown and revoked keys, and both styles of 403.
struct SecurityRequirementTests {
    @Test func anonymousOperationsNeedNoKeyAndKeyedOnesDo() async throws {
        try await KeyedGateway.with { gateway, secrets, _ in
            #expect(try await gateway.request(.GET, "/open").status == 200)
            let refused = try await gateway.request(.GET, "/keyed")
            #expect(refused.status == 403)
            #expect(refused.headers["Content-Type"] == ["application/problem+json"])
            #expect(refused.json?["detail"] == .string("this operation needs an API key in header 'X-API-Key'"))
            let allowed = try await gateway.request(.GET, "/keyed", headers: [("X-API-Key", secrets["alice"]!)])
            #expect(allowed.status == 200)
            #expect(allowed.json?["keyed"] == .bool(true))
            // An operation with `{}` among its alternatives is open, and a key on it is still welcome.
            #expect(try await gateway.request(.GET, "/maybe").status == 200)
            #expect(
                try await gateway.request(.GET, "/maybe", headers: [("X-API-Key", secrets["alice"]!)]).status == 200)
        }
    }

    @Test func alternativesAreORedAndSchemesInOneAlternativeANDed() async throws {
        try await KeyedGateway.with { gateway, secrets, _ in
            let key = secrets["alice"]!
            // OR: a key or a bearer token.
            #expect(try await gateway.request(.GET, "/either", headers: [("X-API-Key", key)]).status == 200)
            #expect(
                try await gateway.request(.GET, "/either", headers: [("Authorization", "Bearer abc.def.ghi")]).status
                    == 200)
            let neither = try await gateway.request(.GET, "/either")
            #expect(neither.status == 403)
            #expect(
                neither.json?["detail"]
                    == .string("this operation needs one of: an API key in header 'X-API-Key'; a bearer token"))
            // AND: the header key and the query key, both.
            #expect(try await gateway.request(.GET, "/both", headers: [("X-API-Key", key)]).status == 403)
            #expect(try await gateway.request(.GET, "/both?api_key=\(key)").status == 403)
            #expect(
                try await gateway.request(.GET, "/both?api_key=\(key)", headers: [("X-API-Key", key)]).status == 200)
        }
    }

    @Test func keysAreReadFromTheQueryAndFromCookies() async throws {
        try await KeyedGateway.with { (gateway, secrets, _) async throws in
            let key = secrets["alice"]!
            #expect(try await gateway.request(.GET, "/query?api_key=\(key)").status == 200)
            #expect(try await gateway.request(.GET, "/query", headers: [("X-API-Key", key)]).status == 403)
            #expect(
                try await gateway.request(.GET, "/cookie", headers: [("Cookie", "theme=dark; session_key=\(key)")])
                    .status == 200)
            #expect(try await gateway.request(.GET, "/cookie", headers: [("Cookie", "theme=dark")]).status == 403)
        }
    }

    @Test func theManagedGatewayFlagRequiresTheXAPIKeyHeader() async throws {
        try await KeyedGateway.with { (gateway, secrets, _) async throws in
            #expect(try await gateway.request(.GET, "/flagged").status == 403)
            #expect(
                try await gateway.request(.GET, "/flagged", headers: [("x-api-key", secrets["alice"]!)]).status == 200)
        }
    }

    @Test func unknownAndRevokedKeysAreRefusedAndAnEnabledKeyWorksAgain() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await KeyedGateway.with(access: AccessConfiguration(clock: clock)) { gateway, secrets, keys in
            let key = secrets["alice"]!
            let unknown = try await gateway.request(.GET, "/keyed", headers: [("X-API-Key", "ghk_not-a-key")])
            #expect(unknown.status == 403)
            #expect(unknown.json?["detail"] == .string("the API key is not valid: it is unknown or disabled"))
            #expect(try await gateway.request(.GET, "/keyed", headers: [("X-API-Key", key)]).status == 200)
            _ = try await keys.setEnabled(false, name: "alice")
            // The cache remembers a lookup for at most half a second: one second later the key is refused.
            clock.advance(by: 1)
            #expect(try await gateway.request(.GET, "/keyed", headers: [("X-API-Key", key)]).status == 403)
            try await keys.setEnabled(true, name: "alice")
            clock.advance(by: 1)
            #expect(try await gateway.request(.GET, "/keyed", headers: [("X-API-Key", key)]).status == 200)
        }
    }

    @Test func apiGatewayCompatibleModeAnswersWithTheirBodies() async throws {
        try await KeyedGateway.with(access: AccessConfiguration(apiGatewayCompatible: true)) { gateway, _, _ in
            for headers in [[], [("X-API-Key", "wrong")]] {
                let refused = try await gateway.request(.GET, "/keyed", headers: headers)
                #expect(refused.status == 403)
                #expect(refused.body == #"{"message":"Forbidden"}"#)
                #expect(refused.headers["Content-Type"] == ["application/json"])
                #expect(refused.headers["x-amzn-ErrorType"] == ["ForbiddenException"])
            }
        }
    }

    @Test func bearerIsCheckedForFormatAndBasicAgainstTheIssuedKeys() async throws {
        try await KeyedGateway.with { gateway, secrets, keys in
            let missing = try await gateway.request(.GET, "/bearer")
            #expect(missing.status == 401)
            #expect(missing.headers["WWW-Authenticate"] == [#"Bearer realm="gatehouse""#])
            let malformed = try await gateway.request(.GET, "/bearer", headers: [("Authorization", "Bearer a b")])
            #expect(malformed.status == 401)
            #expect(malformed.headers["WWW-Authenticate"].first?.contains(#"error="invalid_token""#) == true)
            #expect(
                try await gateway.request(.GET, "/bearer", headers: [("Authorization", "Bearer abc")]).status == 200)
            #expect(
                try await gateway.request(.GET, "/basic").headers["WWW-Authenticate"] == [#"Basic realm="gatehouse""#])
            #expect(try await gateway.request(.GET, "/basic", headers: [("Authorization", "Basic !!")]).status == 401)
            // The user is a key's name, the password its secret; the call is metered by the key's plan.
            func basic(_ user: String, _ password: String) -> [(String, String)] {
                [("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())]
            }
            let alice = try #require(secrets["alice"])
            let accepted = try await gateway.request(.GET, "/basic", headers: basic("alice", alice))
            #expect(accepted.status == 200)
            #expect(accepted.headers["RateLimit-Limit"] == ["1000"])
            for (user, password) in [("ada", "secret"), ("bob", alice), ("alice", ""), ("alice", alice + "x")] {
                let refused = try await gateway.request(.GET, "/basic", headers: basic(user, password))
                #expect(refused.status == 401, "\(user)")
                #expect(refused.headers["WWW-Authenticate"] == [#"Basic realm="gatehouse""#])
                #expect(refused.json?["detail"] == .string("the user or password is not valid"))
            }
            // A revoked key no longer signs in (the lookup cache holds for at most 0.5 s).
            _ = try await keys.setEnabled(false, name: "alice")
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await gateway.request(.GET, "/basic", headers: basic("alice", alice)).status == 401)
        }
    }

    @Test func noAuthServesEveryOperationAnonymously() async throws {
        try await KeyedGateway.with(access: AccessConfiguration(enforcesSecurity: false)) {
            (gateway, _, _) async throws in
            #expect(try await gateway.request(.GET, "/keyed").status == 200)
            #expect(try await gateway.request(.GET, "/bearer").status == 200)
        }
    }
}
