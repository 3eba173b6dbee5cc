import GatehouseValidation
import HTTPTypes

/// The runtime keeps header fields as `HTTPFields` from the request to the response; these helpers cover what the
/// contract names by string (a response header, a credential's header) and the hand-over to the validators.
extension HTTPFields {
    /// Appends a field whose name comes from the contract or a handler; a name that is not a valid token is dropped
    /// (it could not be written on the wire).
    mutating func append(_ name: String, _ value: String) {
        guard let name = HTTPField.Name(name) else { return }
        append(HTTPField(name: name, value: value))
    }

    /// Replaces every field of `name` with one field (or removes them when `value` is nil).
    mutating func set(_ name: String, _ value: String?) {
        guard let name = HTTPField.Name(name) else { return }
        self[name] = value
    }

    /// The value of the first field of `name`, nil when absent. For a field that does not repeat (`Content-Length`):
    /// the subscript's getter joins every value into a new string, which cost a stored create 1.9 % for its three
    /// `Content-Length` lookups.
    func firstValue(_ name: HTTPField.Name) -> String? {
        for field in self where field.name == name { return field.value }
        return nil
    }

    /// Every field of `name` joined with `, `, as HTTP allows for list-valued headers; nil when absent.
    func joined(_ name: HTTPField.Name) -> String? {
        let values = self[values: name]
        switch values.count {
        case 0: return nil
        case 1: return values[0]
        default: return values.joined(separator: ", ")
        }
    }

    /// The fields as the validators and handlers read them (name as received, value).
    var pairs: [(name: String, value: String)] { map { ($0.name.rawName, $0.value) } }

    /// The fields as `HeaderField` values, for the request and response validators.
    var headerFields: [HeaderField] { map { HeaderField(name: $0.name.rawName, value: $0.value) } }

    /// Fields from name-value pairs (a handler's answer, a mock's declared headers).
    init(_ pairs: some Sequence<(name: String, value: String)>) {
        self.init()
        for pair in pairs { append(pair.name, pair.value) }
    }

    init(_ fields: [HeaderField]) {
        self.init()
        for field in fields { append(field.name, field.value) }
    }
}

extension HTTPField.Name {
    static let requestId = HTTPField.Name("X-Request-Id")!
    static let prefer = HTTPField.Name("Prefer")!
    static let contractViolation = HTTPField.Name("Gatehouse-Contract-Violation")!
}

extension String {
    /// The text as a header value: line breaks and control characters (which a value cannot carry) become spaces.
    var headerSafe: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}
