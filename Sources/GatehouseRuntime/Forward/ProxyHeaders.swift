import Foundation
import HTTPTypes
import NIOHTTP1

/// The header hygiene of a reverse proxy (RFC 9110 §7.6): hop-by-hop fields stay on their hop, the backend learns
/// who called and how (`X-Forwarded-For/-Proto/-Host`, `Forwarded`), and a request keeps its id and its W3C trace
/// context across the gateway.
enum ProxyHeaders {
    /// Fields that describe one connection and are never forwarded (RFC 9110 §7.6.1), lowercased. `Host` and
    /// `Content-Length` are not hop-by-hop but are written anew by the client from the backend URL and the body.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "host", "content-length",
    ]

    /// What the gateway knows of the caller's hop, for the forwarding headers.
    struct Hop: Sendable {
        /// The caller's address (`127.0.0.1`, `::1`); nil when the socket does not say.
        var clientAddress: String?
        /// The `Host` (authority) the caller asked for.
        var host: String?
        /// `http`: the gateway does not terminate TLS.
        var proto = "http"
    }

    /// The request's fields as the backend gets them: hop-by-hop fields (and those the `Connection` field names)
    /// dropped, the forwarding headers added, `X-Request-Id` set to the gateway's id for the request, and
    /// `traceparent` passed on when well-formed or started anew.
    static func request(_ fields: HTTPFields, hop: Hop, requestId: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.reserveCapacity(fields.count + 6)
        let named = connectionNamed(fields)
        var forwardedFor: String?
        var forwarded: String?
        var forwardedProto: String?
        var forwardedHost: String?
        var traceparent: String?
        for field in fields {
            let name = field.name.canonicalName
            if hopByHop.contains(name) || named.contains(name) { continue }
            switch name {
            case "x-forwarded-for": forwardedFor = join(forwardedFor, field.value)
            case "forwarded": forwarded = join(forwarded, field.value)
            case "x-forwarded-proto": forwardedProto = forwardedProto ?? field.value
            case "x-forwarded-host": forwardedHost = forwardedHost ?? field.value
            case "x-request-id": continue
            case "traceparent": traceparent = traceparent ?? field.value
            default: headers.add(name: field.name.rawName, value: field.value)
            }
        }
        if let client = hop.clientAddress {
            headers.add(name: "X-Forwarded-For", value: join(forwardedFor, client) ?? client)
        } else if let forwardedFor {
            headers.add(name: "X-Forwarded-For", value: forwardedFor)
        }
        // A proxy in front of the gateway (a TLS terminator) knows the scheme and host the caller used.
        headers.add(name: "X-Forwarded-Proto", value: forwardedProto ?? hop.proto)
        if let host = forwardedHost ?? hop.host { headers.add(name: "X-Forwarded-Host", value: host) }
        headers.add(name: "Forwarded", value: join(forwarded, forwardedElement(hop)) ?? "")
        headers.add(name: "X-Request-Id", value: requestId)
        headers.add(name: "traceparent", value: TraceParent.passedOn(traceparent))
        return headers
    }

    /// The backend's fields as the client gets them: hop-by-hop fields (and those its `Connection` names) dropped.
    static func response(_ headers: HTTPHeaders) -> HTTPFields {
        var named: Set<String> = []
        for value in headers["connection"] {
            for token in value.split(separator: ",") {
                named.insert(token.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        var fields = HTTPFields()
        fields.reserveCapacity(headers.count)
        for (name, value) in headers {
            let lowercased = name.lowercased()
            if hopByHop.contains(lowercased) || named.contains(lowercased) { continue }
            fields.append(name, value)
        }
        return fields
    }

    /// The field names a request's `Connection` field lists (they are hop-by-hop too), lowercased.
    static func connectionNamed(_ fields: HTTPFields) -> Set<String> {
        var named: Set<String> = []
        for value in fields[values: .connection] {
            for token in value.split(separator: ",") {
                named.insert(token.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        return named
    }

    /// `for=…;host=…;proto=…` (RFC 7239), an IPv6 address quoted and bracketed.
    static func forwardedElement(_ hop: Hop) -> String {
        var parts: [String] = []
        if let client = hop.clientAddress {
            parts.append(client.contains(":") ? "for=\"[\(client)]\"" : "for=\(client)")
        }
        if let host = hop.host { parts.append("host=\"\(host.filter { $0 != "\"" && $0 != "\\" })\"") }
        parts.append("proto=\(hop.proto)")
        return parts.joined(separator: ";")
    }

    static func join(_ earlier: String?, _ value: String) -> String? {
        guard let earlier, !earlier.isEmpty else { return value.isEmpty ? nil : value }
        return value.isEmpty ? earlier : earlier + ", " + value
    }
}
