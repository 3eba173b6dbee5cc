extension SortKeyCondition {
    /// Checks the condition's values against the sort key's type, so a mistyped bound is an error, not an empty page.
    package func validate(for sortKey: KeyAttribute, table: String) throws(TableStoreError) {
        for value in values where value.type != sortKey.type {
            throw TableStoreError(
                code: .invalidRequest,
                message: "the condition on sort key '\(sortKey.name)' of table '\(table)' needs a "
                    + "\(sortKey.type.rawValue) value"
            )
        }
        switch self {
        case .beginsWith where sortKey.type == .number:
            throw TableStoreError(
                code: .invalidRequest,
                message: "begins_with needs a string or binary sort key; '\(sortKey.name)' is a number"
            )
        case .between(let lower, let upper) where lower > upper:
            throw TableStoreError(
                code: .invalidRequest,
                message: "the lower bound of between on '\(sortKey.name)' sorts after the upper bound"
            )
        default:
            break
        }
    }

    /// The key values the condition mentions.
    package var values: [KeyValue] {
        switch self {
        case .equal(let value), .lessThan(let value), .lessThanOrEqual(let value), .greaterThan(let value),
            .greaterThanOrEqual(let value), .beginsWith(let value):
            return [value]
        case .between(let lower, let upper):
            return [lower, upper]
        }
    }

    /// Whether `key` satisfies the condition.
    package func matches(_ key: KeyValue) -> Bool {
        switch self {
        case .equal(let value): return key == value
        case .lessThan(let value): return key < value
        case .lessThanOrEqual(let value): return key <= value
        case .greaterThan(let value): return key > value
        case .greaterThanOrEqual(let value): return key >= value
        case .between(let lower, let upper): return lower <= key && key <= upper
        case .beginsWith(let prefix):
            guard let bytes = key.orderedBytes, let prefixBytes = prefix.orderedBytes else { return false }
            return bytes.starts(with: prefixBytes)
        }
    }
}

extension KeyValue {
    /// The smallest byte string greater than every string that starts with `prefix`, or nil when there is none
    /// (a prefix of only 0xFF bytes): the exclusive upper bound of a `begins_with` range in a backend that orders
    /// keys by their bytes.
    package static func successor(ofPrefix prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }
}
