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

    /// As in libpq: a host that starts with a slash is the directory of the server's Unix-domain socket, given
    /// percent-encoded or as the `host` parameter, which wins over the URL's host.
    @Test func aHostThatIsADirectoryIsTheServersUnixSocket() throws {
        let encoded = try PostgresStoreURL("postgres://app:secret@%2Fvar%2Frun%2Fpostgresql/gatehouse")
        #expect(encoded.isUnixSocket)
        #expect(encoded.host == "/var/run/postgresql")
        #expect(encoded.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(encoded.description == "postgres://app:***@%2Fvar%2Frun%2Fpostgresql:5432/gatehouse")
        #expect(try PostgresStoreURL(encoded.description.replacingOccurrences(of: "***", with: "secret")) == encoded)

        let parameter = try PostgresStoreURL("postgresql://app@:6543/gatehouse?host=/tmp/pg%20sockets/")
        #expect(parameter.host == "/tmp/pg sockets/")
        #expect(parameter.port == 6543)
        #expect(parameter.server == "/tmp/pg sockets/.s.PGSQL.6543")

        let wins = try PostgresStoreURL("postgres://app@db.internal/gatehouse?sslmode=disable&host=/run/pg")
        #expect(wins.socketPath == "/run/pg/.s.PGSQL.5432")

        let tcp = try PostgresStoreURL("postgres://app@db.internal/gatehouse")
        #expect(!tcp.isUnixSocket)
        #expect(tcp.server == "db.internal:5432")
        #expect(try PostgresStoreURL("postgres://app@[::1]:6543/gatehouse").server == "[::1]:6543")
    }

    @Test(arguments: [
        ("mysql://a:b@h/d", "starts with 'postgres://'"),
        ("postgres://h/d", "has no user"),
        ("postgres://a:topsecret@h", "names no database"),
        ("postgres://a:topsecret@h:99999/d", "port must be a number from 1 to 65535"),
        ("postgres://a:topsecret@h/d?sslmode=maybe", "unknown sslmode 'maybe'"),
        ("postgres://a:topsecret@h/d?pool=3", "unknown URL parameter 'pool'"),
        ("postgres://a:topsecret@/d", "host is empty"),
        ("postgres://a:topsecret@/d?host=", "host parameter is empty"),
        ("postgres://a:topsecret@/d?host=/tmp&sslmode=require", "a Unix-domain socket (/tmp) does not use"),
        ("postgres://a:topsecret@%2Ftmp/d?sslmode=verify-full", "asks for TLS"),
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
