import GatehouseJSON
import GatehouseSpec

extension SchemaShape {
    /// The typed value a string stands for, given the types the schema allows.
    ///
    /// A string that is none of the allowed types stays a string: the schema validator then reports the one clear
    /// message ("expected an integer, found a string 'abc'"), so decoding never reports a type problem twice.
    func coerce(_ text: String) -> JSONValue {
        if types.isEmpty || types == .string { return .string(text) }
        if types.contains(.null) && !types.contains(.string) && (text.isEmpty || text == "null") { return .null }
        if types.contains(.boolean) {
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
        }
        if !types.isDisjoint(with: [.integer, .number]), Self.isJSONNumber(text),
            let number = JSONNumber(literal: text)
        {
            return .number(number)
        }
        return .string(text)
    }

    /// The value of an empty serialization (`color=`, `;color`): an empty array or object for those shapes.
    func emptyValue() -> JSONValue {
        switch kind {
        case .array: return .array([])
        case .object: return .object(JSONObject())
        case .primitive: return coerce("")
        }
    }

    /// True when `text` follows the JSON number grammar (no `+`, no leading zeros, no `.5`), so `0x10` or `1_000`
    /// are not silently read as numbers.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let leadingZero = bytes.first == UInt8(ascii: "0")
        let integerDigits = digits()
        guard integerDigits > 0, !(leadingZero && integerDigits > 1) else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
