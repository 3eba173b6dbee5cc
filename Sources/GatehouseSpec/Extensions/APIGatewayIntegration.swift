/// An operation's `x-amazon-apigateway-integration`: how API Gateway answers it. Gatehouse follows integrations of
/// type `mock`, and with `serve --upstream` those of type `http` and `http_proxy` (their `uri` and
/// `requestParameters`); the others are kept for what they say.
public struct APIGatewayIntegration: Sendable, Hashable {
    public static let extensionName = "x-amazon-apigateway-integration"

    /// A mapping template by media type (`application/json: '{"statusCode": 200}'`), in document order.
    public struct Template: Sendable, Hashable {
        /// The key as written (a media type).
        public var mediaType: String
        /// The template's text (VTL).
        public var text: String

        public init(mediaType: String, text: String) {
            self.mediaType = mediaType
            self.text = text
        }
    }

    /// One member of `responseParameters`: `method.response.header.NAME: "'value'"`.
    public struct ResponseParameter: Sendable, Hashable {
        /// The key as written (`method.response.header.X-Request-Id`).
        public var name: String
        /// The source as written (`'*'`, `context.requestId`, `integration.response.header.X`).
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One integration response, by its key under `responses` (a regular expression over the integration's status,
    /// or `default`).
    public struct Response: Sendable, Hashable {
        public var key: String
        /// The method response status (from `200` or `'200'`); nil when missing or not a code from 100 to 599.
        public var statusCode: Int?
        /// The regular expression that selects this response; nil means the key is the pattern.
        public var selectionPattern: String?
        public var responseParameters: [ResponseParameter]
        public var responseTemplates: [Template]
        /// Where the response object is.
        public var address: NodeAddress

        public init(
            key: String, statusCode: Int?, selectionPattern: String?, responseParameters: [ResponseParameter],
            responseTemplates: [Template], address: NodeAddress
        ) {
            self.key = key
            self.statusCode = statusCode
            self.selectionPattern = selectionPattern
            self.responseParameters = responseParameters
            self.responseTemplates = responseTemplates
            self.address = address
        }
    }

    /// One member of `requestParameters`: `integration.request.header.NAME: method.request.path.id`.
    public struct RequestParameter: Sendable, Hashable {
        /// The key as written (`integration.request.path.id`, `integration.request.querystring.q`,
        /// `integration.request.header.X-Tenant`).
        public var name: String
        /// The source as written (`method.request.path.id`, `'literal'`, `context.requestId`).
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The integration type, lowercased: `mock`, `http`, `http_proxy`, `aws` or `aws_proxy` (empty when missing).
    public var type: String
    public var requestTemplates: [Template]
    public var responses: [Response]
    /// The backend's URL for `http` and `http_proxy` (`http://backend/pets/{id}`), as written.
    public var uri: String?
    /// The method the backend is called with (`GET`, or `ANY` for the request's own), uppercased.
    public var httpMethod: String?
    /// How the backend request's path, query and header parameters are filled, in document order.
    public var requestParameters: [RequestParameter]
    /// Where the extension is.
    public var address: NodeAddress

    public init(
        type: String, requestTemplates: [Template], responses: [Response], uri: String? = nil,
        httpMethod: String? = nil, requestParameters: [RequestParameter] = [], address: NodeAddress
    ) {
        self.type = type
        self.requestTemplates = requestTemplates
        self.responses = responses
        self.uri = uri
        self.httpMethod = httpMethod
        self.requestParameters = requestParameters
        self.address = address
    }

    public var isMock: Bool { type == "mock" }

    /// Whether the integration calls an HTTP backend (`http` or `http_proxy`).
    public var isHTTP: Bool { type == "http" || type == "http_proxy" }

    /// The integration types API Gateway knows.
    public static let types = ["mock", "http", "http_proxy", "aws", "aws_proxy"]
}
