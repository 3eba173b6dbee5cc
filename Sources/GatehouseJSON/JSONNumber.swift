/// A JSON number that remembers whether it was written as an integer.
///
/// Integers that fit in 64 bits are kept exactly; other numbers keep their literal text so later stages
/// (`multipleOf`, `int64` bounds) can work at full precision.
public struct JSONNumber: Sendable, Hashable {
    /// The value as a signed 64-bit integer, when it is an integer in range.
    public let int64: Int64?
    /// The value as a double (possibly rounded).
    public let double: Double
    /// The literal as written, for numbers that are not 64-bit integers.
    public let literal: String?

    public init(_ value: Int64) {
        self.int64 = value
        self.double = Double(value)
        self.literal = nil
    }

    public init(_ value: Int) {
        self.init(Int64(value))
    }

    public init(_ value: Double) {
        if value.rounded() == value, abs(value) < 9.2e18 {
            self.int64 = Int64(value)
            self.literal = nil
        } else {
            self.int64 = nil
            self.literal = nil
        }
        self.double = value
    }

    /// A number from its JSON literal; nil when the text is not a finite number.
    public init?(literal text: String) {
        if let exact = Int64(text) {
            self.init(exact)
            return
        }
        guard let value = Double(text), value.isFinite else { return nil }
        // 1.0 and 1e2 are integers in JSON Schema's sense; they are kept exactly when they fit.
        if value.rounded() == value, abs(value) < 9.2e18 {
            self.init(int64: Int64(value), double: value, literal: nil)
        } else {
            self.init(int64: nil, double: value, literal: text)
        }
    }

    private init(int64: Int64?, double: Double, literal: String?) {
        self.int64 = int64
        self.double = double
        self.literal = literal
    }

    /// True when the value is mathematically an integer (JSON Schema counts 1.0 as an integer).
    public var isInteger: Bool {
        int64 != nil || (double.rounded() == double && double.isFinite)
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let left = lhs.int64, let right = rhs.int64 { return left == right }
        return lhs.double == rhs.double
    }

    public func hash(into hasher: inout Hasher) {
        if let int64 {
            hasher.combine(Double(int64))
        } else {
            hasher.combine(double)
        }
    }
}

extension JSONNumber: CustomStringConvertible {
    public var description: String {
        if let int64 { return String(int64) }
        if let literal { return literal }
        return String(double)
    }
}
