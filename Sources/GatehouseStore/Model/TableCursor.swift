import GatehouseJSON

/// An opaque position in a query or a scan, returned with a page and given back to read the next one.
///
/// The token is URL-safe text. It records the last key returned, the table and the operation, with a checksum;
/// a token that was cut, edited or made for another table, partition or operation is refused with
/// `TableStoreError.Code.invalidCursor`. It is not a secret: it holds the key it stopped at.
public struct TableCursor: Sendable, Hashable, CustomStringConvertible {
    /// The token to hand to a client and take back.
    public let token: String

    /// A cursor from a token a client sent back; it is checked when used.
    public init(token: String) {
        self.token = token
    }

    public var description: String { token }
}

extension TableCursor {
    /// Which operation a cursor continues; a query cursor also pins its partition.
    package enum Operation: String, Sendable {
        case query = "q"
        case scan = "s"
    }

    private static let version: Int64 = 1
    private static let maximumTokenLength = 8192

    /// The cursor after `key`, the last key of a page.
    package init(after key: ItemKey, table: TableDefinition, operation: Operation) {
        var members: [JSONObject.Member] = [
            .init(key: "v", value: .number(JSONNumber(Self.version))),
            .init(key: "o", value: .string(operation.rawValue)),
            .init(key: "t", value: .string(table.name)),
            .init(key: "p", value: key.partition.jsonValue),
        ]
        if let sort = key.sort { members.append(.init(key: "s", value: sort.jsonValue)) }
        var payload = JSONWriter.bytes(.object(JSONObject(members)))
        let checksum = Self.checksum(payload)
        payload.append(contentsOf: withUnsafeBytes(of: checksum.bigEndian) { Array($0) })
        self.token = Base64.encodeURLSafe(payload)
    }

    /// The key this cursor continues after, checked against the table, the operation and (for a query) the
    /// partition.
    package func key(
        in table: TableDefinition,
        operation: Operation,
        partition: KeyValue? = nil
    ) throws(TableStoreError) -> ItemKey {
        guard token.utf8.count <= Self.maximumTokenLength, var bytes = Base64.decodeURLSafe(token), bytes.count > 4
        else {
            throw invalid("the cursor is not a token this store issued")
        }
        let stored = bytes.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        bytes.removeLast(4)
        guard stored == Self.checksum(bytes), let value = try? JSONParser.parse(bytes), let object = value.objectValue
        else {
            throw invalid("the cursor is damaged")
        }
        guard object["v"] == .number(JSONNumber(Self.version)) else {
            throw invalid("the cursor was issued by another version of the store")
        }
        guard object["o"] == .string(operation.rawValue) else {
            throw invalid("the cursor continues a \(operation == .query ? "scan" : "query"), not a \(operation)")
        }
        guard object["t"] == .string(table.name) else {
            throw invalid("the cursor belongs to another table than '\(table.name)'")
        }
        guard let partitionValue = object["p"],
            let cursorPartition = KeyValue(partitionValue, as: table.partitionKey.type)
        else {
            throw invalid("the cursor's partition key does not fit table '\(table.name)'")
        }
        var sort: KeyValue? = nil
        if let sortKey = table.sortKey {
            guard let sortValue = object["s"], let value = KeyValue(sortValue, as: sortKey.type) else {
                throw invalid("the cursor's sort key does not fit table '\(table.name)'")
            }
            sort = value
        } else if object["s"] != nil {
            throw invalid("the cursor's sort key does not fit table '\(table.name)'")
        }
        if let partition, partition != cursorPartition {
            throw invalid("the cursor belongs to another partition")
        }
        return ItemKey(cursorPartition, sort)
    }

    private func invalid(_ message: String) -> TableStoreError {
        TableStoreError(code: .invalidCursor, message: message)
    }

    /// FNV-1a: cheap, and enough to tell a damaged token from one this store wrote (it is not a signature).
    private static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return hash
    }
}

extension TableCursor.Operation: CustomStringConvertible {
    package var description: String { self == .query ? "query" : "scan" }
}
