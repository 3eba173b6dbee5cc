import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseValidation

extension StatefulMocks {
    /// A key for a new item the client gave none for: the next integer of the table's sequence when the key is an
    /// integer (or the example's is a number), else the first of these that the key's schema accepts (its
    /// `pattern`, `format`, lengths): a time-ordered uuid, the same without dashes, the example's key with its end
    /// replaced by a sequence number; else the uuid.
    nonisolated(nonsending) func madeUpKey(_ request: StatefulRequest) async throws -> JSONValue {
        let info = request.operation.info
        if info.integerIds || (info.keySchema == nil && info.keyExample?.numberValue != nil) {
            do {
                return .number(try await nextSequence(request.mapping.table))
            } catch let error as TableStoreError where error.code == .invalidRequest {
                // The sequence is at the largest integer (a seed or load chose it): a random id, retried on a clash.
                return .number(JSONNumber(Int64.random(in: 1...(1 << 53))))
            }
        }
        let uuid = TimeOrderedID.shared.next()
        guard let schema = info.keySchema else { return .string(uuid) }
        let accepts = { (candidate: String) in
            schema.validate(.string(candidate), options: ItemConformer.options).isEmpty
        }
        if accepts(uuid) { return .string(uuid) }
        let hex = uuid.replacingOccurrences(of: "-", with: "")
        if accepts(hex) { return .string(hex) }
        if let example = info.keyExample?.stringValue, !example.isEmpty {
            let number = String(try await nextSequence(request.mapping.table).int64 ?? 0)
            let digits = String(repeating: "0", count: max(0, min(example.count, 12) - number.count)) + number
            let candidate = String(example.dropLast(min(example.count, digits.count))) + digits.suffix(example.count)
            if accepts(candidate) { return .string(candidate) }
        }
        return .string(uuid)
    }

    /// Moves the integer id sequence past an id a client chose just ahead of it (`POST {"id": 3}` after 2), so the
    /// next made-up id does not collide. An id far ahead (a timestamp, the largest integer) leaves the sequence
    /// where it is: numbering goes on from there, and a create that meets the id later takes the next one.
    nonisolated(nonsending) func skipSequence(of table: String, past id: Int64) async throws {
        _ = try await store.createTable(
            TableDefinition(name: Self.sequencesTable, partitionKey: KeyAttribute("name", .string))
        )
        let current = try await store.getItem(table: Self.sequencesTable, key: ItemKey(.string(table)))
        let value = current?["value"]?.numberValue?.int64 ?? 0
        guard id > value, id - value <= Self.sequenceSkip else { return }
        try await MockTables.advanceSequence(of: table, toAtLeast: id, in: store)
    }

    /// How far ahead of the sequence a client's id moves it.
    static let sequenceSkip: Int64 = 10_000

    /// The next integer of a table's id sequence, atomically.
    nonisolated(nonsending) func nextSequence(_ table: String) async throws -> JSONNumber {
        _ = try await store.createTable(
            TableDefinition(name: Self.sequencesTable, partitionKey: KeyAttribute("name", .string))
        )
        let updated = try await store.updateItem(
            table: Self.sequencesTable,
            key: ItemKey(.string(table)),
            actions: [.add("value", JSONNumber(1))],
            condition: nil
        )
        return updated["value"]?.numberValue ?? JSONNumber(1)
    }
}
