import GatehouseJSON
package import GatehouseSpec
import GatehouseValidation

/// One operation's part in the stateful mocks, as `MockTableMap` worked it out over the whole contract.
package struct TableOperation: Sendable {
    /// What the operation does to its table beyond the plain action of its mapping.
    package enum Kind: Sendable, Hashable {
        /// The mapping's action as it is.
        case plain
        /// A create whose body is an array of items (`POST /user/createWithList`).
        case createMany
        /// A replace on the collection, the item named by the id in the body (`PUT /pet`).
        case replaceByBody
        /// A merge from form or query fields on the item path (`POST /pet/{petId}?name=x`).
        case mergeFromFields
        /// A list of the items whose properties match the query parameters (`GET /pet/findByStatus?status=sold`).
        case filter
    }

    /// The table, the action, the key path (`id`, `username`, `metadata.name`) and the path parameters.
    package var mapping: ResourceMapping
    package var kind: Kind
    /// For a filter or a list: which query parameter matches which item property (`status=open` lists open items).
    var filters: [ItemFilter] = []
    /// For a nested collection (`/lists/{listId}/todos`): the table that holds the parent item.
    var parent: ParentLink?
    /// Whether no operation (and no seed in the contract) fills the table: then only items seeded from files or
    /// loaded are found, and a missing item or an empty list is the contract's example instead.
    var unfilled = false

    /// What the operation does, for the start banner: `create pets`, `read pets by petId`, `filter pets by status`.
    package var summary: String {
        unfilled ? "\(action), else example" : action
    }

    private var action: String {
        let table = mapping.table
        let by = mapping.itemParameter.map { " by \($0)" } ?? ""
        switch (kind, mapping.action) {
        case (.createMany, _): return "create many \(table)"
        case (.replaceByBody, _): return "replace \(table) by body '\(mapping.idProperty)'"
        case (.mergeFromFields, _): return "update \(table)\(by) from fields"
        case (.filter, _):
            let names = filters.map(\.parameter)
            return names.isEmpty ? "list \(table)" : "filter \(table) by \(names.joined(separator: ", "))"
        case (.plain, .create): return "create \(table)"
        case (.plain, .read): return "read \(table)\(by)"
        case (.plain, .replace): return "replace \(table)\(by)"
        case (.plain, .merge): return "merge \(table)\(by)"
        case (.plain, .delete): return "delete \(table)\(by)"
        case (.plain, .list):
            let names = filters.map(\.parameter)
            return names.isEmpty ? "list \(table)" : "list \(table), filtered by \(names.joined(separator: ", "))"
        }
    }
}

/// A query parameter of a finder operation that names an item property: `status` matches items whose `status` is
/// one of the values; `tags` matches items with a tag whose `name` (the `member`) is one of them.
struct ItemFilter: Sendable, Hashable {
    /// The query parameter.
    var parameter: String
    /// The item property it matches.
    var property: String
    /// For an array of objects: the member of each element that is compared.
    var member: String?
}

/// The table holding the parent item of a nested collection, and how the path names that item.
struct ParentLink: Sendable, Hashable {
    /// The parent's table (`lists` for `/lists/{listId}/todos`).
    var table: String
    /// The path parameter naming the parent item (`listId`).
    var itemParameter: String
    /// The path parameters partitioning the parent's table (its own parents).
    var parentParameters: [String]
    /// Whether the parent table's ids are integers.
    var integerIds: Bool
}
