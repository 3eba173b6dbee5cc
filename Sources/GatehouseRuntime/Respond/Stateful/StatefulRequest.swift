import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseStore

/// The parts of a request a stateful answer needs, decoded.
struct StatefulRequest: Sendable {
    /// What the operation does, prepared when the contract was loaded.
    var operation: StatefulOperation
    var mapping: ResourceMapping { operation.table.mapping }
    /// How the operation pages, for a list.
    var paging: ListPaging { operation.paging }
    /// Whether the table's ids are integers, keyed in numeric order (see `MockTables.idKey`).
    var integerIds: Bool { operation.info.integerIds }
    /// Path parameters, percent-decoded.
    var captures: [String: String]
    /// The first value of each query parameter, decoded.
    var query: [String: String]
    /// The body decoded by its media type (JSON, a form, XML), or the item fields of the query without one.
    var body: JSONObject?
    /// Where `body` came from, to name a field in a message: the body, or the query's parameters.
    var fieldsPart = "body member"
    /// The body when it is an array (a create of many items).
    var bodyArray: [JSONValue]?
    /// The values of each query parameter a finder filters by, as text.
    var filterValues: [String: [String]] = [:]
    /// The contract's example for the answer, the shape stored items follow.
    var example: JSONValue?
    /// The properties the item schema requires; the only ones taken from the example.
    var required: Set<String> { operation.required }
    /// Required, nullable properties the client may send: `null` when a create or replace leaves them out.
    var clearedWhenOmitted: Set<String> { operation.clearedWhenOmitted }
    /// The request path, for `Location`.
    var path: String
    /// The contract's own answer for a status (its declared 404, 409…) with the value its body encodes, when it
    /// declares one.
    var declared: @Sendable (Int) -> (answer: GatewayAnswer, value: JSONValue?)?

    /// The contract's declared answer for `status`, else `fallback` (a problem document with `detail`).
    ///
    /// The declared answer is the contract's example, which describes some other request ("There is no list with
    /// id 42."): its string members `detail` and `message` get this answer's `detail`, and `instance` the request
    /// path. Everything else stays as the contract shows it.
    func declaredOr(_ status: Int, detail: String, _ fallback: GatewayAnswer) -> GatewayAnswer {
        guard let (declaredAnswer, value) = declared(status) else { return fallback }
        var answer = declaredAnswer
        guard var object = value?.objectValue else { return answer }
        var filled = false
        for member in ["detail", "message"] where object[member]?.stringValue != nil {
            object[member] = .string(detail)
            filled = true
        }
        if object["instance"]?.stringValue != nil {
            object["instance"] = .string(path)
            filled = true
        }
        if filled { answer.body = JSONWriter.bytes(.object(object)) }
        return answer
    }

    /// Whether the item passes the query parameters that filter the list (`status=open`): its property (or, for an
    /// array, one of its elements, compared by `member` when they are objects) is among the values of each.
    func passesFilters(_ item: JSONObject) -> Bool {
        operation.table.filters.allSatisfy { filter in
            guard let values = filterValues[filter.parameter] else { return true }
            return StatefulMocks.matches(item, filter, Set(values))
        }
    }

    /// The partition of the table: the parent path parameters' values (`/lists/7/todos` is partition `7`).
    var partition: String {
        let values = mapping.parentParameters.map { captures[$0] ?? "" }
        return values.isEmpty ? MockTables.topLevelPartition : values.joined(separator: "/")
    }

    /// The item named by the path (`/todos/{id}`).
    var itemId: String? { mapping.itemParameter.flatMap { captures[$0] } }

    /// The key of the item with id `id`; nil when no item can have it (an empty id, a key over the store's limit).
    func key(_ id: String) -> ItemKey? {
        let sortKey = MockTables.idKey(path: id, integerIds: integerIds)
        guard MockTables.isStorable(sortKey), MockTables.isStorable(partition) else { return nil }
        return ItemKey(.string(partition), .string(sortKey))
    }

    /// The key of the parent item of a nested collection (list 7 of `/lists/7/todos`); nil when it cannot exist.
    func parentKey(_ parent: ParentLink) -> ItemKey? {
        let values = parent.parentParameters.map { captures[$0] ?? "" }
        let partition = values.isEmpty ? MockTables.topLevelPartition : values.joined(separator: "/")
        let sortKey = MockTables.idKey(path: captures[parent.itemParameter] ?? "", integerIds: parent.integerIds)
        guard MockTables.isStorable(sortKey), MockTables.isStorable(partition) else { return nil }
        return ItemKey(.string(partition), .string(sortKey))
    }

    /// The item as the answer shows it: without the store's key attributes, shaped by the answer's schema; nil when
    /// it cannot be made to fit (the answer is then the contract's example).
    func visible(_ item: JSONObject) -> JSONValue? {
        // Built without the store's key attributes in one pass (removing a member re-indexes the object).
        let copy = JSONObject(
            item.filter { $0.key != MockTables.partitionAttribute && $0.key != MockTables.idAttribute })
        guard let conformer = operation.conformer else { return .object(copy) }
        return conformer.conform(copy).map(JSONValue.object)
    }

    /// `item` shaped as it is stored, and the answer's item when it is the same (see `ItemConformer.storable`): not
    /// when it holds the store's key attributes (a merge patch starts from the stored item), which an answer never
    /// shows.
    func storable(_ item: JSONObject) -> WrittenItem {
        let holdsKeys = item[MockTables.partitionAttribute] != nil || item[MockTables.idAttribute] != nil
        guard let conformer = operation.conformer else {
            return WrittenItem(item: item, answer: holdsKeys ? nil : item)
        }
        let (stored, answer) = conformer.storable(item)
        return WrittenItem(item: stored, answer: holdsKeys ? nil : answer)
    }

    /// The answer's value for an item a create or replace wrote: the one its shaping already made, else `visible`.
    func visible(_ written: WrittenItem) -> JSONValue? {
        written.answer.map(JSONValue.object) ?? visible(written.item)
    }

    /// The example the answer's item follows: the object itself, or the first element of a list example; else the
    /// table's example item (a create whose answer has no example).
    var itemExample: JSONObject {
        let own = ownItemExample
        return own.isEmpty ? operation.info.example : own
    }

    private var ownItemExample: JSONObject {
        switch example {
        case .object(let object) where mapping.action == .list:
            return object.first { $0.value.arrayValue != nil }?.value.arrayValue?.first?.objectValue ?? JSONObject()
        case .object(let object): return object
        case .array(let array): return array.first?.objectValue ?? JSONObject()
        default: return JSONObject()
        }
    }

    /// An item built from the example, the client's fields, the id and the parent parameters, with fresh timestamps.
    func item(id: JSONValue, created: JSONValue?, from fields: JSONObject? = nil) -> JSONObject {
        var item = JSONObject(itemExample.filter { required.contains($0.key) })
        for name in clearedWhenOmitted { item[name] = .null }
        for member in fields ?? body ?? JSONObject() { item[member.key] = member.value }
        ItemKeyPath.set(id, in: &item, mapping.idProperty)
        for parameter in mapping.parentParameters {
            guard let raw = captures[parameter], let existing = item[parameter] else { continue }
            item[parameter] =
                existing.numberValue != nil
                ? (JSONNumber(literal: raw).map(JSONValue.number) ?? .string(raw)) : .string(raw)
        }
        let now = ItemTimestamp.now()
        for key in ["createdAt", "created_at"] where item[key] != nil { item[key] = created ?? now }
        for key in ["updatedAt", "updated_at"] where item[key] != nil { item[key] = now }
        return item
    }
}

/// An item a create or replace wrote (with the store's key attributes), and the answer's item when shaping it for
/// the store already made that; nil when `StatefulRequest.visible` must make it.
struct WrittenItem: Sendable {
    var item: JSONObject
    var answer: JSONObject?
}
