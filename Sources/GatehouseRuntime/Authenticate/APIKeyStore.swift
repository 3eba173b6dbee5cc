package import Foundation
import GatehouseJSON
import GatehouseSpec
package import GatehouseStore

/// API keys kept in a `TableStore`, in two reserved tables: `gatehouse_api_keys` by the secret's hash (what a
/// request looks up) and `gatehouse_api_key_names` by name (what the CLI addresses). Created in one transaction, so
/// a name is never taken twice.
///
/// Any backend works: with SQLite the CLI and a running gateway share the file, so a key revoked by
/// `gatehouse keys revoke` is refused by the server at its next lookup.
package struct APIKeyStore: Sendable {
    package static let keysTable = TableDefinition(
        name: "gatehouse_api_keys", partitionKey: KeyAttribute("hash", .string))
    package static let namesTable = TableDefinition(
        name: "gatehouse_api_key_names", partitionKey: KeyAttribute("name", .string))

    let store: any TableStore

    package init(store: any TableStore) {
        self.store = store
    }

    /// Creates the reserved tables when they are missing.
    package func prepare() async throws {
        try await store.createTable(Self.keysTable)
        try await store.createTable(Self.namesTable)
    }

    /// Issues a key: returns the record and the secret, which is shown once and never stored.
    package func create(name: String, plan: String?, now: Date = Date()) async throws -> (key: APIKey, secret: String) {
        guard APIKey.isValidName(name) else {
            throw APIKeyStoreError(
                code: .invalidName,
                message: "invalid key name '\(name)': use 1 to 64 letters, digits, '.', '_' or '-'")
        }
        try await prepare()
        let secret = APIKey.generateSecret()
        let key = APIKey(
            name: name, plan: plan, createdAt: now, enabled: true, hash: APIKey.hash(ofSecret: secret))
        do {
            try await store.transactWrite([
                .put(
                    table: Self.namesTable.name,
                    item: JSONObject(["name": .string(name), "hash": .string(key.hash)]),
                    condition: .attributeNotExists("name")),
                .put(table: Self.keysTable.name, item: Self.item(key), condition: .attributeNotExists("hash")),
            ])
        } catch let error as TableStoreError where error.code == .conditionFailed {
            throw APIKeyStoreError(code: .duplicateName, message: "a key named '\(name)' exists")
        }
        return (key, secret)
    }

    /// The key whose secret has this hash, or nil.
    package func key(hash: String) async throws -> APIKey? {
        let item: JSONObject?
        do {
            item = try await store.getItem(table: Self.keysTable.name, key: ItemKey(.string(hash)))
        } catch let error as TableStoreError where error.code == .tableNotFound {
            return nil
        }
        return try item.map(Self.key(from:))
    }

    /// The key with this name, or nil.
    package func key(named name: String) async throws -> APIKey? {
        guard let hash = try await hash(named: name) else { return nil }
        return try await key(hash: hash)
    }

    /// Every key, ordered by name.
    package func list() async throws -> [APIKey] {
        guard try await store.describeTable(Self.keysTable.name) != nil else { return [] }
        var keys: [APIKey] = []
        var cursor: TableCursor?
        repeat {
            let page = try await store.scan(table: Self.keysTable.name, limit: 500, cursor: cursor)
            keys += try page.items.map(Self.key(from:))
            cursor = page.cursor
        } while cursor != nil
        return keys.sorted { $0.name < $1.name }
    }

    /// Turns a key off (`revoke`) or back on (`enable`); returns the key as stored.
    @discardableResult
    package func setEnabled(_ enabled: Bool, name: String) async throws -> APIKey {
        guard let hash = try await hash(named: name) else {
            throw APIKeyStoreError(code: .unknownKey, message: "no key named '\(name)'")
        }
        do {
            let item = try await store.updateItem(
                table: Self.keysTable.name, key: ItemKey(.string(hash)), actions: [.set("enabled", .bool(enabled))],
                condition: .attributeExists("name"))
            return try Self.key(from: item)
        } catch let error as TableStoreError where error.code == .conditionFailed {
            throw APIKeyStoreError(code: .unknownKey, message: "no key named '\(name)'")
        }
    }

    func hash(named name: String) async throws -> String? {
        do {
            let item = try await store.getItem(table: Self.namesTable.name, key: ItemKey(.string(name)))
            return item?["hash"]?.stringValue
        } catch let error as TableStoreError where error.code == .tableNotFound {
            return nil
        }
    }

    static func item(_ key: APIKey) -> JSONObject {
        var item = JSONObject()
        item["hash"] = .string(key.hash)
        item["name"] = .string(key.name)
        if let plan = key.plan { item["plan"] = .string(plan) }
        item["createdAt"] = .string(Timestamps.string(key.createdAt))
        item["enabled"] = .bool(key.enabled)
        return item
    }

    static func key(from item: JSONObject) throws -> APIKey {
        guard let hash = item["hash"]?.stringValue, let name = item["name"]?.stringValue,
            let enabled = item["enabled"]?.boolValue
        else {
            throw APIKeyStoreError(
                code: .corruptRecord, message: "a record in '\(keysTable.name)' lacks 'hash', 'name' or 'enabled'")
        }
        let created = item["createdAt"]?.stringValue.flatMap(Timestamps.date(from:)) ?? Date(timeIntervalSince1970: 0)
        return APIKey(name: name, plan: item["plan"]?.stringValue, createdAt: created, enabled: enabled, hash: hash)
    }
}

/// RFC 3339 timestamps in UTC (`2026-11-21T09:30:00Z`), the form every stored time and every answer uses.
enum Timestamps {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func date(from string: String) -> Date? {
        try? Date(string, strategy: .iso8601)
    }
}
