import Foundation
import GatehouseJSON
import GatehouseSpec

/// Renders `Client.swift`: the client with its configuration, the credentials for each security scheme and how
/// they are sent, and the servers the contract lists.
struct ClientTypeRenderer {
    let access: String

    struct Credential {
        var scheme: SecurityScheme
        var propertyName: String
    }

    func credentials(_ model: APIModel) -> [Credential] {
        var names = NameScope(reserved: ["init"])
        return model.securitySchemes.compactMap { scheme in
            if case .mutualTLS = scheme.kind { return nil }
            return Credential(scheme: scheme, propertyName: names.claim(SwiftName.member(scheme.name)))
        }
    }

    func render(_ model: APIModel, into writer: inout SwiftWriter) {
        let credentials = credentials(model)
        writer.line("import Foundation")
        writer.line()
        writer.documentation("A client for '\(model.info.title)' \(model.info.version).")
        writer.line("///")
        writer.line("/// One `async throws` method per operation; each takes a typed input and returns a typed output.")
        writer.block("\(access)struct Client: Sendable") { writer in
            writer.line("/// The base URL operations' paths are appended to (see `Servers`).")
            writer.line("\(access)var serverURL: URL")
            writer.line("/// Credentials for the contract's security schemes.")
            writer.line("\(access)var authentication: Authentication")
            writer.line("/// Sends the requests: `URLSessionTransport` unless another one is injected.")
            writer.line("\(access)var transport: any HTTPTransport")
            writer.line("/// Header fields sent with every request (a user agent, a tracing header).")
            writer.line("\(access)var additionalHeaderFields: [HTTPHeaderField]")
            writer.line()
            writer.line("\(access)init(")
            writer.indent { writer in
                writer.line("serverURL: URL,")
                writer.line("authentication: Authentication = Authentication(),")
                writer.line("transport: any HTTPTransport = URLSessionTransport(),")
                writer.line("additionalHeaderFields: [HTTPHeaderField] = []")
            }
            writer.block(")") { writer in
                writer.line("self.serverURL = serverURL")
                writer.line("self.authentication = authentication")
                writer.line("self.transport = transport")
                writer.line("self.additionalHeaderFields = additionalHeaderFields")
            }
            writer.line()
            renderAuthentication(credentials, into: &writer)
            writer.line()
            writer.line("/// A user name and password for HTTP basic authentication.")
            writer.block("\(access)struct BasicCredentials: Sendable, Hashable") { writer in
                writer.line("\(access)var username: String")
                writer.line("\(access)var password: String")
                writer.line()
                writer.block("\(access)init(username: String, password: String)") { writer in
                    writer.line("self.username = username")
                    writer.line("self.password = password")
                }
            }
            writer.line()
            renderAuthenticate(credentials, into: &writer)
        }
        renderServers(model, into: &writer)
    }

    func renderAuthentication(_ credentials: [Credential], into writer: inout SwiftWriter) {
        writer.line(
            "/// Credentials for the contract's security schemes: set the ones you have, and each call sends those its")
        writer.line("/// operation accepts.")
        writer.block("\(access)struct Authentication: Sendable") { writer in
            for credential in credentials {
                var documentation = credential.scheme.description.map { $0 + "\n\n" } ?? ""
                let type: String
                switch credential.scheme.kind {
                case .apiKey(let name, let location):
                    documentation +=
                        "Sent in the `\(name)` \(location.rawValue == "query" ? "query parameter" : location.rawValue)"
                    type = "String"
                case .http(let scheme, _) where scheme == "basic":
                    documentation += "Sent as `Authorization: Basic …`"
                    type = "BasicCredentials"
                case .http(let scheme, _):
                    documentation +=
                        "A token sent as `Authorization: \(scheme.prefix(1).uppercased() + scheme.dropFirst()) <token>`"
                    type = "String"
                default:
                    documentation += "An access token sent as `Authorization: Bearer <token>`"
                    type = "String"
                }
                writer.documentation(documentation + " (security scheme '\(credential.scheme.name)').")
                writer.line("\(access)var \(SwiftName.escaped(credential.propertyName)): \(type)?")
            }
            let parameters = credentials.map { credential -> String in
                let type: String
                if case .http(let scheme, _) = credential.scheme.kind, scheme == "basic" {
                    type = "BasicCredentials"
                } else {
                    type = "String"
                }
                return "\(SwiftName.escaped(credential.propertyName)): \(type)? = nil"
            }
            if !credentials.isEmpty { writer.line() }
            writer.block("\(access)init(\(parameters.joined(separator: ", ")))") { writer in
                for credential in credentials {
                    writer.line("self.\(credential.propertyName) = \(SwiftName.escaped(credential.propertyName))")
                }
            }
        }
    }

    func renderAuthenticate(_ credentials: [Credential], into writer: inout SwiftWriter) {
        writer.block("func hasCredentials(_ scheme: String) -> Bool") { writer in
            writer.switchBlock("scheme") { writer in
                for credential in credentials {
                    writer.line(
                        "case \(SwiftName.literal(credential.scheme.name)): return authentication.\(credential.propertyName) != nil"
                    )
                }
                writer.line("default: return false")
            }
        }
        writer.line()
        writer.line(
            "/// Adds the credentials of the first alternative of `alternatives` whose schemes all have credentials.")
        writer.line("func authenticate(")
        writer.indent { writer in
            writer.line("_ alternatives: [[String]], headerFields: inout [HTTPHeaderField], query: inout QueryItems,")
            writer.line("cookies: inout [String]")
        }
        writer.block(")") { writer in
            writer.line(
                "guard let chosen = alternatives.first(where: { !$0.isEmpty && $0.allSatisfy(hasCredentials) }) else {")
            writer.indent { $0.line("return") }
            writer.line("}")
            writer.block("for scheme in chosen") { writer in
                writer.switchBlock("scheme") { writer in
                    for credential in credentials {
                        writer.line("case \(SwiftName.literal(credential.scheme.name)):")
                        writer.indent { writer in
                            writer.block("if let value = authentication.\(credential.propertyName)") { writer in
                                renderSend(credential.scheme, into: &writer)
                            }
                        }
                    }
                    writer.line("default:")
                    writer.indent { $0.line("break") }
                }
            }
        }
    }

    func renderSend(_ scheme: SecurityScheme, into writer: inout SwiftWriter) {
        switch scheme.kind {
        case .apiKey(let name, .query):
            writer.line("query.append(rawName: \(SwiftName.literal(name)), value: value)")
        case .apiKey(let name, .cookie):
            writer.line(
                "cookies.append(\(SwiftName.literal(name + "=")) + ParameterCoding.percentEncoded(value, allowReserved: false))"
            )
        case .apiKey(let name, _):
            writer.line("headerFields.append(HTTPHeaderField(name: \(SwiftName.literal(name)), value: value))")
        case .http(let httpScheme, _) where httpScheme == "basic":
            writer.line("let encoded = Data(\"\\(value.username):\\(value.password)\".utf8).base64EncodedString()")
            writer.line("headerFields.append(HTTPHeaderField(name: \"Authorization\", value: \"Basic \" + encoded))")
        case .http(let httpScheme, _):
            let prefix = httpScheme.prefix(1).uppercased() + httpScheme.dropFirst() + " "
            writer.line(
                "headerFields.append(HTTPHeaderField(name: \"Authorization\", value: \(SwiftName.literal(prefix)) + value))"
            )
        default:
            writer.line("headerFields.append(HTTPHeaderField(name: \"Authorization\", value: \"Bearer \" + value))")
        }
    }

    func renderServers(_ model: APIModel, into writer: inout SwiftWriter) {
        let servers = model.servers.filter { server in
            guard let url = URL(string: server.resolvedURL), url.scheme != nil, url.host != nil else { return false }
            return true
        }
        guard !servers.isEmpty else { return }
        writer.line()
        writer.line("/// The servers the contract lists, with their variables at their defaults.")
        writer.block("\(access)enum Servers") { writer in
            var names = NameScope()
            for (index, server) in servers.enumerated() {
                if index > 0 { writer.line() }
                writer.documentation(
                    server.description.map { "\($0)\n\n`\(server.resolvedURL)`" } ?? "`\(server.resolvedURL)`")
                let name = names.claim("server\(index + 1)")
                writer.line("\(access)static let \(name) = URL(string: \(SwiftName.literal(server.resolvedURL)))!")
            }
        }
    }
}
