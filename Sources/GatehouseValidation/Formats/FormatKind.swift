import GatehouseJSON
import GatehouseSpec

/// The `format`s Gatehouse asserts; any other format name is an annotation only.
enum FormatKind: Sendable, Hashable {
    case dateTime, date, time, duration
    case email, hostname, ipv4, ipv6, uri, uriReference, uuid, regex
    case int32, int64, float, double, byte

    init?(name: String) {
        switch name {
        case "date-time": self = .dateTime
        case "date": self = .date
        case "time": self = .time
        case "duration": self = .duration
        case "email": self = .email
        case "hostname": self = .hostname
        case "ipv4": self = .ipv4
        case "ipv6": self = .ipv6
        case "uri": self = .uri
        case "uri-reference": self = .uriReference
        case "uuid": self = .uuid
        case "regex": self = .regex
        case "int32": self = .int32
        case "int64": self = .int64
        case "float": self = .float
        case "double": self = .double
        case "byte": self = .byte
        default: return nil
        }
    }

    /// What a valid value looks like, for messages: "expected a 'date-time' string (RFC 3339)".
    var expectation: String {
        switch self {
        case .dateTime: return "a 'date-time' string (RFC 3339)"
        case .date: return "a 'date' string (RFC 3339 full-date)"
        case .time: return "a 'time' string (RFC 3339 full-time)"
        case .duration: return "a 'duration' string (ISO 8601)"
        case .email: return "an 'email' address"
        case .hostname: return "a 'hostname' (RFC 1123)"
        case .ipv4: return "an 'ipv4' address"
        case .ipv6: return "an 'ipv6' address"
        case .uri: return "an absolute 'uri' (RFC 3986)"
        case .uriReference: return "a 'uri-reference' (RFC 3986)"
        case .uuid: return "a 'uuid' string"
        case .regex: return "a 'regex' (ECMA-262)"
        case .int32: return "an 'int32' integer"
        case .int64: return "an 'int64' integer"
        case .float: return "a 'float' number"
        case .double: return "a 'double' number"
        case .byte: return "a 'byte' string (base64)"
        }
    }

    /// Whether `value` satisfies the format; values of the other JSON types always do.
    func check(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text):
            return checkString(text)
        case .number(let number):
            switch self {
            case .int32:
                guard let exact = number.int64 else { return false }
                return exact >= Int64(Int32.min) && exact <= Int64(Int32.max)
            case .int64:
                return number.int64 != nil
            case .float:
                return number.double.isFinite && abs(number.double) <= Double(Float.greatestFiniteMagnitude)
            case .double:
                return number.double.isFinite
            default:
                return true
            }
        default:
            return true
        }
    }

    /// Whether a string satisfies the format (numeric formats accept every string).
    func checkString(_ text: String) -> Bool {
        switch self {
        case .int32, .int64, .float, .double: return true
        case .regex: return PatternMatcher.isValid(text)
        default: break
        }
        if let result = text.utf8.withContiguousStorageIfAvailable({ checkBytes($0) }) { return result }
        var copy = text
        return copy.withUTF8 { checkBytes($0) }
    }

    /// `checkString(_:)` for a string given as its (valid) UTF-8 bytes.
    func checkString(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if self == .regex { return PatternMatcher.isValid(String(decoding: bytes, as: UTF8.self)) }
        return checkBytes(bytes)
    }

    private func checkBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .dateTime: return FormatChecker.isDateTime(bytes)
        case .date: return FormatChecker.isDate(bytes)
        case .time: return FormatChecker.isTime(bytes)
        case .duration: return FormatChecker.isDuration(bytes)
        case .email: return FormatChecker.isEmail(bytes)
        case .hostname: return FormatChecker.isHostname(bytes[...])
        case .ipv4: return FormatChecker.isIPv4(bytes[...])
        case .ipv6: return FormatChecker.isIPv6(bytes[...])
        case .uri: return FormatChecker.isURI(bytes, requireScheme: true)
        case .uriReference: return FormatChecker.isURI(bytes, requireScheme: false)
        case .uuid: return FormatChecker.isUUID(bytes)
        case .byte: return FormatChecker.isBase64(bytes)
        case .regex, .int32, .int64, .float, .double: return true
        }
    }
}
