import ArgumentParser
import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec

/// The security and usage-plan options of the gateway (`GatewayOptions`).
struct AccessOptions: ParsableArguments {
    @Flag(help: "Do not enforce the contract's security requirements (every call is anonymous).")
    var noAuth = false

    @Flag(
        help: """
            Refuse calls as a managed API gateway does: 403 {"message":"Forbidden"}, 429 {"message":"Too Many \
            Requests"}, with x-amzn-ErrorType (default: application/problem+json).
            """)
    var apiGatewayCompatible = false

    @Option(help: "A file holding the HS256 secret bearer JWTs are verified with (its bytes, a final newline dropped).")
    var jwtHs256SecretFile: String?

    @Option(help: "A JWKS file (JSON Web Key Set) bearer JWTs are verified with, by their 'kid'.")
    var jwks: String?

    @Option(help: "The audience ('aud') a bearer JWT must name.")
    var jwtAudience: String?

    @Option(help: "The issuer ('iss') a bearer JWT must have.")
    var jwtIssuer: String?

    @Option(help: "A YAML or JSON file of usage plans, used instead of the contract's x-gatehouse-usage-plans.")
    var usagePlans: String?

    @Option(help: "Requests per second allowed to all anonymous calls together (a token bucket; off without it).")
    var anonymousRate: Double?

    @Option(help: "The burst of the anonymous throttle (default: the rate, rounded up).")
    var anonymousBurst: Int?

    /// Applies the `GATEHOUSE_*` variables of the options not given (see `GatewayEnvironment`), then checks the
    /// options together. Running it again changes nothing.
    mutating func validate() throws {
        noAuth = try noAuth || GatewayEnvironment.flag("no-auth")
        apiGatewayCompatible = try apiGatewayCompatible || GatewayEnvironment.flag("api-gateway-compatible")
        jwtHs256SecretFile =
            try jwtHs256SecretFile ?? GatewayEnvironment.optional("jwt-hs256-secret-file", as: String.self)
        jwks = try jwks ?? GatewayEnvironment.optional("jwks", as: String.self)
        jwtAudience = try jwtAudience ?? GatewayEnvironment.optional("jwt-audience", as: String.self)
        jwtIssuer = try jwtIssuer ?? GatewayEnvironment.optional("jwt-issuer", as: String.self)
        usagePlans = try usagePlans ?? GatewayEnvironment.optional("usage-plans", as: String.self)
        anonymousRate = try anonymousRate ?? GatewayEnvironment.optional("anonymous-rate", as: Double.self)
        anonymousBurst = try anonymousBurst ?? GatewayEnvironment.optional("anonymous-burst", as: Int.self)
        if let anonymousRate, !(anonymousRate > 0 && anonymousRate <= 1_000_000) {
            throw ValidationError("--anonymous-rate must be above 0 and at most 1000000")
        }
        if let anonymousBurst, anonymousBurst <= 0 { throw ValidationError("--anonymous-burst must be positive") }
        if anonymousBurst != nil, anonymousRate == nil {
            throw ValidationError("--anonymous-burst needs --anonymous-rate")
        }
        if jwtAudience != nil || jwtIssuer != nil, jwtHs256SecretFile == nil, jwks == nil {
            throw ValidationError("--jwt-audience and --jwt-issuer need --jwt-hs256-secret-file or --jwks")
        }
    }

    /// The runtime's configuration; a file that cannot be read or used ends the command with a message.
    func configuration(model: APIModel, spec: String) async throws -> AccessConfiguration {
        var configuration = AccessConfiguration(enforcesSecurity: !noAuth, apiGatewayCompatible: apiGatewayCompatible)
        if let anonymousRate {
            configuration.anonymousThrottle = Throttle(
                rate: anonymousRate, burst: anonymousBurst ?? Int(anonymousRate.rounded(.up)))
        }
        if let error = model.gateway.usagePlansError {
            Self.report(error, root: model.document.root) {
                model.document.location(of: model.document.rootAddress($0))
            }
            StandardError.write("error: '\(spec)' has unusable usage plans; fix them before serving it\n")
            throw ExitStatus.problemsFound
        }
        if let usagePlans { configuration.usagePlans = try Self.loadPlans(usagePlans) }
        if jwtHs256SecretFile != nil || jwks != nil {
            var secret: [UInt8]?
            if let jwtHs256SecretFile {
                var bytes = try Self.read(jwtHs256SecretFile, what: "the HS256 secret")
                if bytes.last == 0x0A { bytes.removeLast() }
                if bytes.last == 0x0D { bytes.removeLast() }
                secret = bytes
            }
            let document = try jwks.map { String(decoding: try Self.read($0, what: "the JWKS"), as: UTF8.self) }
            do {
                configuration.jwtVerifier = try await JWTVerifier.make(
                    hs256Secret: secret, jwks: document, audience: jwtAudience, issuer: jwtIssuer)
            } catch {
                StandardError.write("error: \(error)\n")
                throw ExitStatus.usageOrIO
            }
        }
        return configuration
    }

    static func read(_ path: String, what: String) throws -> [UInt8] {
        do {
            return try SpecFileReader().readBytes(path: path)
        } catch {
            StandardError.write("error: cannot read \(what): \(error)\n")
            throw ExitStatus.usageOrIO
        }
    }

    /// A usage-plans file: the plans object itself, or a document with an `x-gatehouse-usage-plans` member.
    static func loadPlans(_ path: String) throws -> UsagePlans {
        let bytes = try read(path, what: "the usage plans")
        let (file, diagnostics) = SpecFileReader().parse(bytes, path: path)
        guard let root = file?.root else {
            StandardError.write(diagnostics.map { "\($0)\n" }.joined())
            StandardError.write("error: cannot read the usage plans in '\(path)'\n")
            throw ExitStatus.usageOrIO
        }
        do {
            if let nested = root[UsagePlans.extensionName] {
                return try UsagePlans(json: nested, path: UsagePlans.extensionName)
            }
            return try UsagePlans(json: root)
        } catch {
            if let file { report(error, root: root) { file.location(of: $0) } }
            StandardError.write("error: cannot use the usage plans in '\(path)'\n")
            throw ExitStatus.problemsFound
        }
    }

    /// Each problem as a diagnostic at the deepest member of its path that exists (a missing `rate` is reported
    /// at its throttle), with the path in a note.
    static func report(_ error: UsagePlansError, root: JSONValue, locate: (JSONPointer) -> SourceLocation) {
        for problem in error.problems {
            var tokens = problem.path.split(separator: "/").map(String.init)
            while !tokens.isEmpty, root.value(at: JSONPointer(tokens: tokens)) == nil { tokens.removeLast() }
            let location = locate(JSONPointer(tokens: tokens))
            StandardError.write("\(location): error: \(problem.message) [usage-plans]\n")
            StandardError.write("\(location): note: at '#/\(problem.path)'\n")
        }
    }

    /// One line for the banner: what is enforced and which plans meter keys.
    func summary(model: APIModel, configuration: AccessConfiguration) -> String {
        let secured = model.operations.filter {
            !$0.allowsAnonymous || $0.gateway.apiKeyRequired
        }.count
        let plans = configuration.usagePlans ?? model.gateway.usagePlans
        let names = plans.plans.keys.sorted().map { $0 == plans.defaultPlan ? "\($0) (default)" : $0 }
        let security =
            configuration.enforcesSecurity
            ? "security enforced: \(secured) of \(model.operations.count) operations need credentials"
            : "security off (--no-auth)"
        return "  \(security); usage plans: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
    }
}
