import GatehouseJSON

/// The support files every generated client contains, verbatim (with the configured access level): the JSON
/// value type, calendar dates, out-of-line storage for recursive types, `Nullable` for three-state members, date
/// coding, parameter styles, the transport abstraction and the client's request helpers. They are Swift 5.9 and 6 clean and use Foundation only.
enum ClientSupportSources {
    /// File names (under `Support/`) and contents, in a fixed order.
    static let files: [(name: String, contents: String)] = [
        ("JSONValue.swift", jsonValue),
        ("CalendarDate.swift", calendarDate),
        ("Indirect.swift", indirect),
        ("Nullable.swift", nullable),
        ("JSONCoding.swift", jsonCoding),
        ("ParameterCoding.swift", parameterCoding),
        ("HTTPTransport.swift", httpTransport),
        ("ClientSupport.swift", clientSupport),
        ("OperationCoding.swift", operationCoding),
    ]

    static let jsonValue = #"""
        import Foundation

        /// Any JSON value: the type of free-form objects and of schemas that map to no more specific Swift type.
        public enum JSONValue: Codable, Hashable, Sendable {
            case null
            case bool(Bool)
            case integer(Int64)
            case number(Double)
            case string(String)
            case array([JSONValue])
            case object([String: JSONValue])

            public init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if container.decodeNil() {
                    self = .null
                } else if let value = try? container.decode(Bool.self) {
                    self = .bool(value)
                } else if let value = try? container.decode(Int64.self) {
                    self = .integer(value)
                } else if let value = try? container.decode(Double.self) {
                    self = .number(value)
                } else if let value = try? container.decode(String.self) {
                    self = .string(value)
                } else if let value = try? container.decode([JSONValue].self) {
                    self = .array(value)
                } else {
                    self = .object(try container.decode([String: JSONValue].self))
                }
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                switch self {
                case .null: try container.encodeNil()
                case .bool(let value): try container.encode(value)
                case .integer(let value): try container.encode(value)
                case .number(let value): try container.encode(value)
                case .string(let value): try container.encode(value)
                case .array(let value): try container.encode(value)
                case .object(let value): try container.encode(value)
                }
            }
        }
        """#

    static let calendarDate = #"""
        import Foundation

        /// A day in the calendar, without a time or time zone: the `date` format, written `2024-05-10`.
        public struct CalendarDate: Codable, Hashable, Sendable, Comparable, LosslessStringConvertible {
            public var year: Int
            public var month: Int
            public var day: Int

            public init(year: Int, month: Int, day: Int) {
                self.year = year
                self.month = month
                self.day = day
            }

            /// Parses `YYYY-MM-DD`; nil for anything else.
            public init?(_ description: String) {
                let parts = description.split(separator: "-", omittingEmptySubsequences: false)
                guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                    let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
                    (1...12).contains(month), (1...31).contains(day)
                else { return nil }
                self.init(year: year, month: month, day: day)
            }

            public var description: String {
                func padded(_ value: Int, _ width: Int) -> String {
                    let digits = String(value)
                    return String(repeating: "0", count: max(0, width - digits.count)) + digits
                }
                return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
            }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                let text = try container.decode(String.self)
                guard let date = CalendarDate(text) else {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "expected a date as YYYY-MM-DD, found '\(text)'")
                }
                self = date
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(description)
            }

            public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
                (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
            }
        }
        """#

    static let indirect = #"""
        /// A value stored out of line, so that a type can contain itself (a recursive schema).
        public struct Indirect<Wrapped: Sendable>: Sendable {
            private final class Storage: Sendable {
                let value: Wrapped

                init(_ value: Wrapped) {
                    self.value = value
                }
            }

            private let storage: Storage

            public init(_ value: Wrapped) {
                self.storage = Storage(value)
            }

            public var value: Wrapped { storage.value }
        }

        extension Indirect: Equatable where Wrapped: Equatable {
            public static func == (lhs: Indirect, rhs: Indirect) -> Bool { lhs.value == rhs.value }
        }

        extension Indirect: Hashable where Wrapped: Hashable {
            public func hash(into hasher: inout Hasher) { hasher.combine(value) }
        }

        extension Indirect: Codable where Wrapped: Codable {
            public init(from decoder: any Decoder) throws {
                self.init(try decoder.singleValueContainer().decode(Wrapped.self))
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(value)
            }
        }

        /// A coding key for object members whose names are only known at run time (additional properties, discriminators).
        public struct AnyCodingKey: CodingKey, Hashable, Sendable {
            public var stringValue: String
            public var intValue: Int? { nil }

            public init(_ stringValue: String) {
                self.stringValue = stringValue
            }

            public init?(stringValue: String) {
                self.stringValue = stringValue
            }

            public init?(intValue: Int) {
                return nil
            }
        }
        """#

    static let jsonCoding = #"""
        import Foundation

        /// The JSON encoder and decoder the client uses: `date-time` values as RFC 3339 strings.
        public enum JSONCoding {
            public static func makeEncoder() -> JSONEncoder {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .custom { date, encoder in
                    var container = encoder.singleValueContainer()
                    try container.encode(formatDateTime(date))
                }
                return encoder
            }

            public static func makeDecoder() -> JSONDecoder {
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .custom { decoder in
                    let container = try decoder.singleValueContainer()
                    let text = try container.decode(String.self)
                    guard let date = parseDateTime(text) else {
                        throw DecodingError.dataCorruptedError(
                            in: container, debugDescription: "expected an RFC 3339 date-time, found '\(text)'")
                    }
                    return date
                }
                return decoder
            }

            // Format styles are Sendable values, and about a hundred times cheaper per date than building an
            // `ISO8601DateFormatter` for each one (bench/handlers).
            private static let wholeSeconds = Date.ISO8601FormatStyle()
            private static let fractionalSeconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

            /// `2024-05-01T09:30:00Z`, with milliseconds (rounded) only when the date has a fraction of a second.
            public static func formatDateTime(_ date: Date) -> String {
                let seconds = date.timeIntervalSince1970
                guard seconds != seconds.rounded(.down), seconds.isFinite else { return date.formatted(wholeSeconds) }
                // The milliseconds are computed here rather than by the style, which truncates.
                let milliseconds = (seconds * 1000).rounded()
                let whole = (milliseconds / 1000).rounded(.down)
                let fraction = Int(milliseconds - whole * 1000)
                let text = Date(timeIntervalSince1970: whole).formatted(wholeSeconds)
                let digits = String(fraction)
                return text.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
            }

            /// Parses an RFC 3339 date-time, with or without fractional seconds and with any offset.
            public static func parseDateTime(_ text: String) -> Date? {
                if let date = try? wholeSeconds.parse(text) { return date }
                return try? fractionalSeconds.parse(text)
            }
        }
        """#
}
