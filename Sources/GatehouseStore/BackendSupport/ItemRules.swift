package import GatehouseJSON

/// The rules every backend applies to keys and items of one table, so they all accept and refuse the same input.
package struct ItemRules: Sendable {
    package let definition: TableDefinition

    package init(_ definition: TableDefinition) {
        self.definition = definition
    }

    /// The key of `item`, after checking that it holds its key attributes with the table's types.
    package func key(of item: JSONObject) throws(TableStoreError) -> ItemKey {
        let partition = try keyValue(of: item, attribute: definition.partitionKey)
        let sort = try definition.sortKey.map { (attribute) throws(TableStoreError) in
            try keyValue(of: item, attribute: attribute)
        }
        return ItemKey(partition, sort)
    }

    private func keyValue(of item: JSONObject, attribute: KeyAttribute) throws(TableStoreError) -> KeyValue {
        guard let value = item[attribute.name] else {
            throw TableStoreError(
                code: .invalidKey,
                message: "the item has no key attribute '\(attribute.name)' of table '\(definition.name)'"
            )
        }
        guard let key = KeyValue(value, as: attribute.type) else {
            throw typeMismatch(attribute)
        }
        try checkBounds(key, attribute: attribute)
        return key
    }

    /// Checks a key given to get, update, delete or a condition check.
    package func validate(_ key: ItemKey) throws(TableStoreError) {
        try validate(key.partition, as: definition.partitionKey)
        switch (definition.sortKey, key.sort) {
        case (nil, nil):
            break
        case (let attribute?, let sort?):
            try validate(sort, as: attribute)
        case (let attribute?, nil):
            throw TableStoreError(
                code: .invalidKey,
                message: "the key lacks the sort key '\(attribute.name)' of table '\(definition.name)'"
            )
        case (nil, _?):
            throw TableStoreError(
                code: .invalidKey,
                message: "the key has a sort key but table '\(definition.name)' has none"
            )
        }
    }

    /// Checks one key value against its attribute's type and size limits.
    package func validate(_ value: KeyValue, as attribute: KeyAttribute) throws(TableStoreError) {
        guard value.type == attribute.type else { throw typeMismatch(attribute) }
        try checkBounds(value, attribute: attribute)
    }

    private func checkBounds(_ value: KeyValue, attribute: KeyAttribute) throws(TableStoreError) {
        if case .double(let double) = value.numericValue, !double.isFinite {
            throw TableStoreError(
                code: .invalidKey,
                message: "key attribute '\(attribute.name)' of table '\(definition.name)' must be a finite number"
            )
        }
        guard let bytes = value.orderedBytes else { return }
        guard !bytes.isEmpty, bytes.count <= TableStoreLimits.maximumKeySize else {
            throw TableStoreError(
                code: .invalidKey,
                message: "key attribute '\(attribute.name)' of table '\(definition.name)' must be 1 to "
                    + "\(TableStoreLimits.maximumKeySize) bytes"
            )
        }
    }

    private func typeMismatch(_ attribute: KeyAttribute) -> TableStoreError {
        let expected = attribute.type == .binary ? "binary (a base64 string)" : attribute.type.rawValue
        return TableStoreError(
            code: .invalidKey,
            message: "key attribute '\(attribute.name)' of table '\(definition.name)' must be a \(expected)"
        )
    }

    /// The item as compact JSON, after checking it is within the size limit.
    package func encode(_ item: JSONObject) throws(TableStoreError) -> String {
        // A JSONNumber built in code can hold NaN or infinity, which JSON cannot: stored, they would make the item
        // unreadable.
        guard Self.isFinite(.object(item)) else {
            throw TableStoreError(
                code: .invalidRequest,
                message: "an item for table '\(definition.name)' holds a number that is not finite"
            )
        }
        let bytes = JSONWriter.bytes(.object(item))
        let size = bytes.count
        guard size <= TableStoreLimits.maximumItemSize else {
            throw TableStoreError(
                code: .itemTooLarge,
                message: "the item is \(size) bytes as JSON, over the limit of \(TableStoreLimits.maximumItemSize) "
                    + "bytes of table '\(definition.name)'"
            )
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isFinite(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let number): return number.double.isFinite || number.int64 != nil
        case .array(let array): return array.allSatisfy(isFinite)
        case .object(let object): return object.allSatisfy { isFinite($0.value) }
        case .null, .bool, .string: return true
        }
    }

    /// The item's expiry time in seconds since 1970, when the table has a time-to-live attribute and the item
    /// holds a number there.
    package func expiry(of item: JSONObject) -> Double? {
        guard let attribute = definition.timeToLiveAttribute, let number = item[attribute]?.numberValue else {
            return nil
        }
        return number.double
    }

    /// True when an item that expires at `expiry` is gone at `now`.
    package static func isExpired(_ expiry: Double?, now: Double) -> Bool {
        guard let expiry else { return false }
        return expiry <= now
    }

    /// A new item holding only `key`'s attributes: what an update starts from when there is no item.
    package func item(from key: ItemKey) -> JSONObject {
        var item = JSONObject()
        item[definition.partitionKey.name] = key.partition.jsonValue
        if let sortKey = definition.sortKey, let sort = key.sort {
            item[sortKey.name] = sort.jsonValue
        }
        return item
    }

    /// Checks a query's limit, sort-key condition and cursor; returns the key the page starts after, if any.
    package func validate(_ query: TableQuery) throws(TableStoreError) -> ItemKey? {
        try Self.validate(limit: query.limit)
        try validate(query.partition, as: definition.partitionKey)
        if let condition = query.sortKeyCondition {
            guard let sortKey = definition.sortKey else {
                throw TableStoreError(
                    code: .invalidRequest,
                    message: "table '\(definition.name)' has no sort key to put a condition on"
                )
            }
            try condition.validate(for: sortKey, table: definition.name)
        }
        return try query.cursor?.key(in: definition, operation: .query, partition: query.partition)
    }

    /// Checks a page limit: nil or at least 1.
    package static func validate(limit: Int?) throws(TableStoreError) {
        if let limit, limit < 1 {
            throw TableStoreError(code: .invalidRequest, message: "a limit must be at least 1")
        }
    }
}
