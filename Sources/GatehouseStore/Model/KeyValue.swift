public import GatehouseJSON

/// The value of a key attribute: a string, a number or bytes.
///
/// Key values compare the way the store orders them: strings by UTF-8 bytes (so equality is byte equality, not
/// Unicode canonical equivalence), numbers by exact numeric value (2 < 10, and 64-bit integers without rounding),
/// binary values by bytes.
public enum KeyValue: Sendable {
    /// A string key.
    case string(String)
    /// A number key.
    case number(JSONNumber)
    /// A binary key: the bytes themselves (items hold them as base64).
    case binary([UInt8])

    /// The key's scalar type.
    public var type: KeyType {
        switch self {
        case .string: return .string
        case .number: return .number
        case .binary: return .binary
        }
    }

    /// The value as it appears in an item: binary values as base64 strings.
    public var jsonValue: JSONValue {
        switch self {
        case .string(let string): return .string(string)
        case .number(let number): return .number(number)
        case .binary(let bytes): return .string(Base64.encode(bytes))
        }
    }

    /// The key value of type `type` held by `value`, or nil when `value` is not one (binary keys are base64 strings).
    public init?(_ value: JSONValue, as type: KeyType) {
        switch (type, value) {
        case (.string, .string(let string)):
            self = .string(string)
        case (.number, .number(let number)):
            self = .number(number)
        case (.binary, .string(let text)):
            guard let bytes = Base64.decode(text) else { return nil }
            self = .binary(bytes)
        default:
            return nil
        }
    }

    /// The number as an exact integer or a double that is not one, so equal numbers have one form.
    package var numericValue: NumericKey? {
        guard case .number(let number) = self else { return nil }
        return NumericKey(number)
    }

    /// The bytes a string or binary value is ordered by; nil for numbers.
    package var orderedBytes: [UInt8]? {
        switch self {
        case .string(let string): return Array(string.utf8)
        case .binary(let bytes): return bytes
        case .number: return nil
        }
    }
}

/// A number key in canonical form: integers that fit 64 bits are exact, every other number is a double.
package enum NumericKey: Sendable, Hashable {
    case integer(Int64)
    case double(Double)

    package init(_ number: JSONNumber) {
        if let integer = number.int64 {
            self = .integer(integer)
        } else if number.double.rounded() == number.double, number.double >= -0x1p63, number.double < 0x1p63 {
            self = .integer(Int64(number.double))
        } else {
            self = .double(number.double)
        }
    }

    /// Exact comparison, also between an integer and a double (a double of 2^53 + 1 never equals one).
    package static func compare(_ lhs: NumericKey, _ rhs: NumericKey) -> Int {
        switch (lhs, rhs) {
        case (.integer(let left), .integer(let right)):
            return left < right ? -1 : (left == right ? 0 : 1)
        case (.double(let left), .double(let right)):
            return left < right ? -1 : (left == right ? 0 : 1)
        case (.integer(let left), .double(let right)):
            return -compareDouble(right, toInteger: left)
        case (.double(let left), .integer(let right)):
            return compareDouble(left, toInteger: right)
        }
    }

    private static func compareDouble(_ double: Double, toInteger integer: Int64) -> Int {
        if double < -0x1p63 { return -1 }
        if double >= 0x1p63 { return 1 }
        let floor = double.rounded(.down)
        let whole = Int64(floor)
        if whole != integer { return whole < integer ? -1 : 1 }
        return floor == double ? 0 : 1
    }
}

extension KeyValue: Hashable, Comparable {
    public static func == (lhs: KeyValue, rhs: KeyValue) -> Bool {
        compare(lhs, rhs) == 0
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let string):
            hasher.combine(0)
            for byte in string.utf8 { hasher.combine(byte) }
        case .number:
            hasher.combine(1)
            hasher.combine(numericValue)
        case .binary(let bytes):
            hasher.combine(2)
            hasher.combine(bytes)
        }
    }

    /// Values of different types order by type (number, string, binary); a table never mixes them.
    public static func < (lhs: KeyValue, rhs: KeyValue) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0 or 1 as `lhs` sorts before, with or after `rhs`.
    package static func compare(_ lhs: KeyValue, _ rhs: KeyValue) -> Int {
        switch (lhs, rhs) {
        case (.number, .number):
            return NumericKey.compare(lhs.numericValue!, rhs.numericValue!)
        case (.string(let left), .string(let right)):
            return compareBytes(left.utf8, right.utf8)
        case (.binary(let left), .binary(let right)):
            return compareBytes(left, right)
        default:
            return lhs.typeRank < rhs.typeRank ? -1 : 1
        }
    }

    private var typeRank: Int {
        switch self {
        case .number: return 0
        case .string: return 1
        case .binary: return 2
        }
    }

    private static func compareBytes(
        _ left: some Sequence<UInt8>,
        _ right: some Sequence<UInt8>
    ) -> Int {
        var leftIterator = left.makeIterator()
        var rightIterator = right.makeIterator()
        while true {
            switch (leftIterator.next(), rightIterator.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let leftByte?, let rightByte?):
                if leftByte != rightByte { return leftByte < rightByte ? -1 : 1 }
            }
        }
    }
}

extension KeyValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(integerLiteral value: Int64) {
        self = .number(JSONNumber(value))
    }
}

extension KeyValue: CustomStringConvertible {
    /// The value as JSON text; for tests and debugging, never for error messages (keys are stored values).
    public var description: String { jsonValue.description }
}
