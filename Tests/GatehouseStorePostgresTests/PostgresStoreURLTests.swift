import GatehouseStorePostgres
import Testing

struct PostgresStoreURLTests {
    @Test func readsEveryPartAndHidesThePassword() throws {
        let url = try PostgresStoreURL("postgres://app:s%40cret@db.internal:6543/gate%20house?sslmode=require")
        #expect(url.username == "app")
        #expect(url.password == "s@cret")
        #expect(url.host == "db.internal")
        #expect(url.port == 6543)
        #expect(url.database == "gate house")
        #expect(url.tlsMode == .require)
        #expect(url.description == "postgres://app:***@db.internal:6543/gate%20house?sslmode=require")
    }

    @Test func defaultsThePortAndTLSAndTakesIPv6AndPostgresqlScheme() throws {
        let url = try PostgresStoreURL("postgresql://app@[::1]/gatehouse")
        #expect(url.host == "::1")
        #expect(url.port == 5432)
        #expect(url.password == nil)
        #expect(url.tlsMode == .prefer)
        #expect(url.description == "postgres://app@[::1]:5432/gatehouse")
    }

    @Test(arguments: [
        ("mysql://a:b@h/d", "starts with 'postgres://'"),
        ("postgres://h/d", "has no user"),
        ("postgres://a:topsecret@h", "names no database"),
        ("postgres://a:topsecret@h:99999/d", "port must be a number from 1 to 65535"),
        ("postgres://a:topsecret@h/d?sslmode=maybe", "unknown sslmode 'maybe'"),
        ("postgres://a:topsecret@h/d?pool=3", "unknown URL parameter 'pool'"),
        ("postgres://a:topsecret@/d", "host is empty"),
    ])
    func refusesMalformedURLsWithoutPrintingThePassword(_ text: String, _ message: String) {
        #expect {
            _ = try PostgresStoreURL(text)
        } throws: { error in
            let description = "\(error)"
            return description.contains(message) && !description.contains("topsecret")
        }
    }
}
