import Foundation
import GatehouseJSON
import GatehouseSpec
package import GatehouseStore

/// Request counters in the store's reserved `gatehouse_usage` table, written in batches by `UsageMeter`: one item
/// per key and day (`DAY#2026-11-21`), the per-day report of `gatehouse keys usage`, and one per key and quota
/// period (`WEEK#2026-W47`, `MONTH#2026-11`) for plans with a weekly or monthly quota. Atomic adds, so counts hold
/// across restarts and across instances sharing a store.
package struct UsageCounters: Sendable {
    package static let table = TableDefinition(
        name: "gatehouse_usage", partitionKey: KeyAttribute("key", .string), sortKey: KeyAttribute("period", .string))

    let store: any TableStore

    package init(store: any TableStore) {
        self.store = store
    }

    package func prepare() async throws {
        try await store.createTable(Self.table)
    }

    /// A counter's total, 0 when it does not exist yet.
    func read(key: String, period: String) async throws -> Int {
        let item: JSONObject?
        do {
            item = try await store.getItem(table: Self.table.name, key: ItemKey(.string(key), .string(period)))
        } catch let error as TableStoreError where error.code == .tableNotFound {
            return 0
        }
        return Int(item?["count"]?.numberValue?.int64 ?? 0)
    }

    /// Adds to a counter atomically (creating the table on first use); returns its new total.
    func add(_ amount: Int, key: String, period: String) async throws -> Int {
        let item: JSONObject
        do {
            item = try await store.updateItem(
                table: Self.table.name, key: ItemKey(.string(key), .string(period)),
                actions: [.add("count", JSONNumber(amount))])
        } catch let error as TableStoreError where error.code == .tableNotFound {
            try await prepare()
            item = try await store.updateItem(
                table: Self.table.name, key: ItemKey(.string(key), .string(period)),
                actions: [.add("count", JSONNumber(amount))])
        }
        return Int(item["count"]?.numberValue?.int64 ?? 0)
    }

    /// One row of the usage report.
    package struct DayCount: Sendable, Hashable {
        package var key: String
        /// The UTC day, `2026-11-21`.
        package var day: String
        package var requests: Int

        package init(key: String, day: String, requests: Int) {
            self.key = key
            self.day = day
            self.requests = requests
        }
    }

    /// Per-key, per-day counts of accepted requests, for the keys given (all when empty), between two UTC days
    /// (inclusive, `YYYY-MM-DD`), ordered by key then day.
    package func days(keys: [String], from: String?, to: String?) async throws -> [DayCount] {
        guard try await store.describeTable(Self.table.name) != nil else { return [] }
        var names = keys
        if names.isEmpty {
            var seen = Set<String>()
            var cursor: TableCursor?
            repeat {
                let page = try await store.scan(table: Self.table.name, limit: 1000, cursor: cursor)
                for item in page.items { if let key = item["key"]?.stringValue { seen.insert(key) } }
                cursor = page.cursor
            } while cursor != nil
            names = seen.sorted()
        }
        var rows: [DayCount] = []
        for name in names {
            let low = KeyValue.string("DAY#" + (from ?? "0000-00-00"))
            let high = KeyValue.string("DAY#" + (to ?? "9999-99-99"))
            var cursor: TableCursor?
            repeat {
                let page = try await store.query(
                    table: Self.table.name,
                    TableQuery(
                        partition: .string(name), sortKeyCondition: .between(low, high), limit: 1000, cursor: cursor))
                for item in page.items {
                    guard let period = item["period"]?.stringValue else { continue }
                    let count = Int(item["count"]?.numberValue?.int64 ?? 0)
                    rows.append(DayCount(key: name, day: String(period.dropFirst("DAY#".count)), requests: count))
                }
                cursor = page.cursor
            } while cursor != nil
        }
        return rows
    }
}
