/// How `gatehouse serve` runs: where it listens, what it checks, and its limits.
public struct RuntimeConfiguration: Sendable {
    /// The address to bind; loopback by default so a mock is not exposed by accident.
    public var host: String
    /// The port; 0 picks a free one (tests use that).
    public var port: Int
    /// The path prefix routes sit under; nil takes it from the first server URL of the contract.
    public var basePath: String?
    /// Whether requests are validated (the contract's `x-amazon-apigateway-request-validator` can narrow it per
    /// operation).
    public var validatesRequests: Bool
    /// Whether every response is checked against the contract; a violation is logged and reported in the
    /// `Gatehouse-Contract-Violation` header.
    public var validatesResponses: Bool
    /// Largest request body accepted, in bytes (10 MB, as a managed gateway's payload limit).
    public var maxBodySize: Int
    /// How long a request may take before it is answered with 504 (29 s, as a managed gateway's integration timeout).
    public var requestTimeout: Duration
    /// Origins allowed by CORS; empty turns CORS off, `*` allows any.
    public var corsOrigins: [String]
    /// Paths of the admin endpoints, configurable so they never shadow a contract path.
    public var metricsPath: String
    /// Access log lines as JSON instead of text.
    public var jsonLogs: Bool
    /// Authentication (security requirements, API keys, JWTs) and metering (usage plans).
    public var access: AccessConfiguration
    /// `--upstream`: the backend the contract's operations are forwarded to; nil answers from mocks and handlers.
    public var upstream: UpstreamConfiguration?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        basePath: String? = nil,
        validatesRequests: Bool = true,
        validatesResponses: Bool = false,
        maxBodySize: Int = 10 * 1024 * 1024,
        requestTimeout: Duration = .seconds(29),
        corsOrigins: [String] = [],
        metricsPath: String = "/metrics",
        jsonLogs: Bool = false,
        access: AccessConfiguration = AccessConfiguration(),
        upstream: UpstreamConfiguration? = nil
    ) {
        self.host = host
        self.port = port
        self.basePath = basePath
        self.validatesRequests = validatesRequests
        self.validatesResponses = validatesResponses
        self.maxBodySize = maxBodySize
        self.requestTimeout = requestTimeout
        self.corsOrigins = corsOrigins
        self.metricsPath = metricsPath
        self.jsonLogs = jsonLogs
        self.access = access
        self.upstream = upstream
    }
}
