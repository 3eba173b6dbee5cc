import Foundation

/// A store location of the form `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]`, the form libpq and
/// most PostgreSQL tools take (`postgresql://` too).
///
/// As in libpq, a host that starts with a slash is the directory of the server's Unix-domain socket (the socket is
/// `.s.PGSQL.PORT` in it), given percent-encoded (`postgres://app@%2Fvar%2Frun%2Fpostgresql/gatehouse`) or as the
/// `host` parameter, which wins over the URL's host (`postgres://app@/gatehouse?host=/var/run/postgresql`). A
/// server on the same machine answers there without TCP's work on each statement.
///
/// The password is kept for connecting and never shown: `description` is the URL with `***` in its place, which is
/// what logs, banners and error messages print.
public struct PostgresStoreURL: Sendable, Hashable, CustomStringConvertible {
    /// How TLS is used, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, else plain TCP (libpq's default).
        case prefer
        /// TLS, without checking the server's certificate (libpq's meaning of `require`).
        case require
        /// TLS with the server's certificate checked against the system's trusted roots and the host name.
        case verifyFull = "verify-full"
    }

    public var username: String
    public var password: String?
    /// A host name or address, or the directory of a Unix-domain socket (starting with `/`).
    public var host: String
    public var port: Int
    public var database: String
    public var tlsMode: TLSMode

    /// Reads `text`; throws a message that names what is wrong (and never the password).
    public init(_ text: String) throws(PostgresStoreURLError) {
        let schemes = ["postgres://", "postgresql://"]
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else {
            throw PostgresStoreURLError("a PostgreSQL store URL starts with 'postgres://'")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        guard let at = rest.lastIndex(of: "@") else {
            throw PostgresStoreURLError("the URL has no user: expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        let credentials = rest[..<at]
        let location = rest[rest.index(after: at)...]
        if let colon = credentials.firstIndex(of: ":") {
            username = try Self.decode(credentials[..<colon], "user")
            password = try Self.decode(credentials[credentials.index(after: colon)...], "password")
        } else {
            username = try Self.decode(credentials, "user")
            password = nil
        }
        guard !username.isEmpty else { throw PostgresStoreURLError("the URL's user is empty") }
        guard let slash = location.firstIndex(of: "/") else {
            throw PostgresStoreURLError("the URL names no database: expected …@HOST[:PORT]/DATABASE")
        }
        database = try Self.decode(location[location.index(after: slash)...], "database")
        guard !database.isEmpty else { throw PostgresStoreURLError("the URL's database is empty") }
        let hostAndPort = location[..<slash]
        if hostAndPort.hasPrefix("["), let close = hostAndPort.firstIndex(of: "]") {
            // An IPv6 address: [::1]:5432.
            host = String(hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close])
            let after = hostAndPort[hostAndPort.index(after: close)...]
            port = try Self.port(after.hasPrefix(":") ? after.dropFirst() : nil)
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = try Self.decode(hostAndPort[..<colon], "host")
            port = try Self.port(hostAndPort[hostAndPort.index(after: colon)...])
        } else {
            host = try Self.decode(hostAndPort, "host")
            port = 5432
        }
        tlsMode = .prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            switch name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw PostgresStoreURLError(
                        "unknown sslmode '\(value)'; expected "
                            + TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    )
                }
                tlsMode = mode
            case "host":
                host = try Self.decode(Substring(value), "host parameter")
                guard !host.isEmpty else { throw PostgresStoreURLError("the URL's host parameter is empty") }
            default:
                throw PostgresStoreURLError(
                    "unknown URL parameter '\(name)'; the store URL takes only 'sslmode' and 'host'")
            }
        }
        guard !host.isEmpty else {
            throw PostgresStoreURLError(
                "the URL's host is empty: name a server (…@HOST[:PORT]/DATABASE) or a socket directory (?host=/DIR)")
        }
        if isUnixSocket, tlsMode == .require || tlsMode == .verifyFull {
            throw PostgresStoreURLError(
                "sslmode=\(tlsMode.rawValue) asks for TLS, which a Unix-domain socket (\(host)) does not use; "
                    + "connect over TCP for TLS, or leave sslmode out")
        }
    }

    /// Whether the server is reached through a Unix-domain socket: the host is the socket's directory.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The Unix-domain socket's path, libpq's way: `.s.PGSQL.PORT` in the host's directory.
    public var socketPath: String {
        (host.hasSuffix("/") ? host : host + "/") + ".s.PGSQL.\(port)"
    }

    /// Where the server is, for messages: `HOST:PORT`, or the socket's path.
    public var server: String {
        isUnixSocket ? socketPath : "\(networkHost):\(port)"
    }

    /// The host as a URL writes it: an IPv6 address in brackets.
    private var networkHost: String {
        host.contains(":") ? "[\(host)]" : host
    }

    private static func decode(_ part: Substring, _ what: String) throws(PostgresStoreURLError) -> String {
        guard let decoded = String(part).removingPercentEncoding else {
            throw PostgresStoreURLError("the URL's \(what) has a malformed percent escape")
        }
        return decoded
    }

    private static func port(_ text: Substring?) throws(PostgresStoreURLError) -> Int {
        guard let text else { return 5432 }
        guard let port = Int(text), (1...65535).contains(port) else {
            throw PostgresStoreURLError("the URL's port must be a number from 1 to 65535")
        }
        return port
    }

    /// The URL with the password replaced by `***`: safe to print and log.
    public var description: String {
        let user = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
        let credentials = password == nil ? user : user + ":***"
        // A socket's directory percent-encoded, slashes included, as libpq reads it in the host's place.
        let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let hostPart =
            isUnixSocket
            ? host.addingPercentEncoding(withAllowedCharacters: unreserved) ?? host
            : networkHost
        let databasePart = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database
        let query = tlsMode == .prefer ? "" : "?sslmode=\(tlsMode.rawValue)"
        return "postgres://\(credentials)@\(hostPart):\(port)/\(databasePart)\(query)"
    }
}

/// Why a PostgreSQL store URL cannot be read.
public struct PostgresStoreURLError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
