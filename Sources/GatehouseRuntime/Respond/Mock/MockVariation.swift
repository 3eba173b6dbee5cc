import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// Varies a valid instance into another valid one, for `Prefer: dynamic=true`: a client that asks for dynamic data
/// should not get the same bytes every time, yet every answer must still satisfy the contract.
///
/// The synthesizer is deterministic, so variation works on its result: arrays may grow by a copy of an item, and each
/// scalar leaf is replaced by a nearby value of the same shape (another UUID, date, number, a suffixed string). Every
/// change is kept only when the whole instance still validates, so enums, patterns, bounds and `uniqueItems` simply
/// keep the original where a change would break them.
struct MockVariation {
    let schema: CompiledSchema
    /// At most this many leaves are varied, which bounds the work (one validation per attempt) for large bodies.
    let maxLeaves = 64
    private let options = ValidationOptions(direction: .response, maxIssues: 1)

    init(schema: CompiledSchema) {
        self.schema = schema
    }

    private enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    func vary(_ base: JSONValue, using random: inout MockRandom) -> JSONValue {
        var current = base
        if case .array(let items) = current, let item = items.randomElement(using: &random) {
            let grown = JSONValue.array(items + [item])
            if schema.isValid(grown, options: options) { current = grown }
        }
        var leaves: [[Step]] = []
        collectLeaves(current, path: [], into: &leaves)
        for path in leaves.prefix(maxLeaves) {
            guard let original = value(in: current, at: path[...]) else { continue }
            for candidate in alternatives(to: original, using: &random) {
                let changed = replacing(in: current, at: path[...], with: candidate)
                if schema.isValid(changed, options: options) {
                    current = changed
                    break
                }
            }
        }
        return current
    }

    private func collectLeaves(_ value: JSONValue, path: [Step], into leaves: inout [[Step]]) {
        guard leaves.count < maxLeaves else { return }
        switch value {
        case .object(let object):
            for member in object { collectLeaves(member.value, path: path + [.key(member.key)], into: &leaves) }
        case .array(let items):
            for (index, item) in items.enumerated() { collectLeaves(item, path: path + [.index(index)], into: &leaves) }
        case .null:
            break
        default:
            leaves.append(path)
        }
    }

    private func value(in root: JSONValue, at path: ArraySlice<Step>) -> JSONValue? {
        guard let step = path.first else { return root }
        switch (root, step) {
        case (.object(let object), .key(let key)): return object[key].flatMap { value(in: $0, at: path.dropFirst()) }
        case (.array(let items), .index(let index)):
            return items.indices.contains(index) ? value(in: items[index], at: path.dropFirst()) : nil
        default: return nil
        }
    }

    private func replacing(in root: JSONValue, at path: ArraySlice<Step>, with replacement: JSONValue) -> JSONValue {
        guard let step = path.first else { return replacement }
        switch (root, step) {
        case (.object(var object), .key(let key)):
            guard let child = object[key] else { return root }
            object[key] = replacing(in: child, at: path.dropFirst(), with: replacement)
            return .object(object)
        case (.array(var items), .index(let index)) where items.indices.contains(index):
            items[index] = replacing(in: items[index], at: path.dropFirst(), with: replacement)
            return .array(items)
        default:
            return root
        }
    }

    /// Values of the same shape as `original`, most likely to stay valid first.
    private func alternatives(to original: JSONValue, using random: inout MockRandom) -> [JSONValue] {
        switch original {
        case .bool(let bool):
            return [.bool(!bool)]
        case .number(let number):
            if let integer = number.int64 {
                let delta = Int64.random(in: 1...99, using: &random)
                return [.number(JSONNumber(integer &+ delta)), .number(JSONNumber(integer &- delta))]
            }
            let factor = Double.random(in: 0.5...1.5, using: &random)
            return [.number(JSONNumber((number.double * factor * 100).rounded() / 100))]
        case .string(let text):
            return alternatives(to: text, using: &random).map(JSONValue.string)
        default:
            return []
        }
    }

    private func alternatives(to text: String, using random: inout MockRandom) -> [String] {
        let bytes = Array(text.utf8)
        if Self.isUUID(bytes) {
            let uuid = Self.uuid(using: &random)
            return [bytes.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") } ? uuid.uppercased() : uuid]
        }
        if bytes.count >= 10, Self.isDate(bytes[..<10]) {
            let date = Self.date(using: &random)
            if bytes.count == 10 { return [date] }
            // A date-time: keep the time and zone as written, vary the date and the hour.
            guard bytes.count >= 13, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return [] }
            let hour = Int.random(in: 0...23, using: &random)
            let rest = String(decoding: bytes[13...], as: UTF8.self)
            return [date + "T" + (hour < 10 ? "0" : "") + String(hour) + rest]
        }
        let number = Int.random(in: 1...9_999, using: &random)
        if !bytes.isEmpty, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return [String(number)]
        }
        if let at = text.firstIndex(of: "@") {
            return [text[..<at] + "+\(number)" + text[at...]]
        }
        return [text + " \(number)", text + "\(number)"]
    }

    /// `8-4-4-4-12` hexadecimal digits.
    private static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isHexDigit(byte) else { return false }
            }
        }
        return true
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    /// `YYYY-MM-DD`.
    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let digits = bytes.enumerated().allSatisfy { offset, byte in
            offset == 4 || offset == 7
                ? byte == UInt8(ascii: "-") : (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return bytes.count == 10 && digits
    }

    /// A version 4 UUID, lowercase.
    private static func uuid(using random: inout MockRandom) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text += "-" }
            let hex = String(byte, radix: 16)
            text += (hex.count == 1 ? "0" : "") + hex
        }
        return text
    }

    /// A date between 2000 and 2030 (day at most 28, valid in every month).
    private static func date(using random: inout MockRandom) -> String {
        let year = Int.random(in: 2000...2030, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let day = Int.random(in: 1...28, using: &random)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
