/// The shape of a table: its name, its key attributes and an optional time-to-live attribute.
///
/// A table is keyed by a partition key and, optionally, a sort key. Items with the same partition key are kept in
/// sort-key order, which is what `TableStore.query` walks.
public struct TableDefinition: Sendable, Hashable {
    /// The table's name: 1 to 255 UTF-8 bytes.
    public var name: String
    /// The attribute whose value picks the partition.
    public var partitionKey: KeyAttribute
    /// The attribute that orders items within a partition, if the table has one.
    public var sortKey: KeyAttribute?
    /// A number attribute holding an expiry time in seconds since 1970; items past it are no longer returned.
    public var timeToLiveAttribute: String?

    /// A table definition.
    public init(
        name: String,
        partitionKey: KeyAttribute,
        sortKey: KeyAttribute? = nil,
        timeToLiveAttribute: String? = nil
    ) {
        self.name = name
        self.partitionKey = partitionKey
        self.sortKey = sortKey
        self.timeToLiveAttribute = timeToLiveAttribute
    }

    /// True when `attribute` is the partition key or the sort key.
    public func isKeyAttribute(_ attribute: String) -> Bool {
        attribute == partitionKey.name || attribute == sortKey?.name
    }
}

extension TableDefinition {
    /// Checks names and key layout, so a bad definition is refused before anything is stored.
    package func validate() throws(TableStoreError) {
        try TableDefinition.validateName(name)
        for attribute in [partitionKey.name, sortKey?.name, timeToLiveAttribute].compactMap({ $0 }) {
            guard !attribute.isEmpty, attribute.utf8.count <= 255 else {
                throw TableStoreError(
                    code: .invalidRequest,
                    message: "table '\(name)': attribute names must be 1 to 255 UTF-8 bytes"
                )
            }
        }
        if let sortKey, sortKey.name == partitionKey.name {
            throw TableStoreError(
                code: .invalidRequest,
                message: "table '\(name)': the sort key must differ from the partition key '\(partitionKey.name)'"
            )
        }
        if let timeToLiveAttribute, isKeyAttribute(timeToLiveAttribute) {
            throw TableStoreError(
                code: .invalidRequest,
                message: "table '\(name)': the time-to-live attribute '\(timeToLiveAttribute)' cannot be a key"
            )
        }
    }

    /// Checks a table name given to any operation.
    package static func validateName(_ name: String) throws(TableStoreError) {
        guard !name.isEmpty, name.utf8.count <= 255 else {
            throw TableStoreError(code: .invalidRequest, message: "table names must be 1 to 255 UTF-8 bytes")
        }
    }
}
