import GatehouseJSON

/// A table's key as a path into its items: a property (`id`, `username`) or a property of a nested object
/// (`metadata.name`). A property whose own name has a dot is found first.
enum ItemKeyPath {
    /// The value at `path` in `item`.
    static func value(in item: JSONObject, _ path: String) -> JSONValue? {
        if let value = item[path] { return value }
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return item[parts[0]]?.objectValue?[parts[1]]
    }

    /// `item` with `value` at `path`, creating the nested object when it is missing.
    static func set(_ value: JSONValue?, in item: inout JSONObject, _ path: String) {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, item[path] == nil else {
            item[path] = value
            return
        }
        var nested = item[parts[0]]?.objectValue ?? JSONObject()
        nested[parts[1]] = value
        item[parts[0]] = .object(nested)
    }
}
