/// How an operation maps onto a table of the store, for stateful mocks.
///
/// Explicitly, with `x-gatehouse-table` on the operation:
/// `{name: todos, action: create|read|replace|merge|delete|list, key: id}`; otherwise inferred from REST shape:
/// `POST /todos` creates, `GET /todos` lists, `GET /todos/{id}` reads, `PUT` replaces, `PATCH` merges (JSON merge
/// patch), `DELETE` removes. Path parameters before the collection (`/lists/{listId}/todos`) partition the table, so
/// a nested collection lists only its parent's items.
public struct ResourceMapping: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case create
        case read
        case replace
        case merge
        case delete
        case list
    }

    public var action: Action
    /// The table: the collection's path segment (`todos`), or the extension's `name`.
    public var table: String
    /// The property that holds an item's id (`id` unless the extension's `key` says otherwise).
    public var idProperty: String
    /// The path parameter naming the item (`todoId` in `/lists/{listId}/todos/{todoId}`), for item actions.
    public var itemParameter: String?
    /// The path parameters before the collection, in order; their values partition the table.
    public var parentParameters: [String]

    public init(
        action: Action, table: String, idProperty: String, itemParameter: String?, parentParameters: [String]
    ) {
        self.action = action
        self.table = table
        self.idProperty = idProperty
        self.itemParameter = itemParameter
        self.parentParameters = parentParameters
    }

    /// The mapping of `operation`: the extension's when present, else the one its REST shape implies, else nil.
    ///
    /// It was worked out when the model was built (`Operation.gateway.table`); the front end reported a malformed
    /// `x-gatehouse-table` as a `gateway-table` diagnostic.
    public static func of(_ operation: Operation) -> ResourceMapping? {
        operation.gateway.table
    }

    /// The mapping of `operation` from the well-formed members of its `x-gatehouse-table` (each nil when absent or
    /// malformed): the inferred mapping with the explicit members on top, else the explicit mapping alone when it
    /// names both the table and the action.
    static func resolve(_ operation: Operation, name: String?, action: Action?, key: String?) -> ResourceMapping? {
        guard var inferred = infer(operation) else {
            return explicitOnly(operation, name: name, action: action, key: key)
        }
        if let name { inferred.table = name }
        if let key { inferred.idProperty = key }
        if let action { inferred.action = action }
        return inferred
    }

    /// REST shape: the last literal segment is the collection; a parameter after it names an item.
    static func infer(_ operation: Operation) -> ResourceMapping? {
        let segments = operation.path.segments
        guard let last = segments.last, last.count == 1 else { return nil }
        var itemParameter: String?
        var collectionIndex = segments.count - 1
        if case .parameter(let name) = last[0] {
            itemParameter = name
            collectionIndex -= 1
        }
        guard collectionIndex >= 0, segments[collectionIndex].count == 1,
            case .literal(let collection) = segments[collectionIndex][0], !collection.isEmpty
        else { return nil }
        let parents = segments[..<collectionIndex].flatMap { $0 }.compactMap { part -> String? in
            if case .parameter(let name) = part { return name }
            return nil
        }
        let action: Action
        switch (operation.method, itemParameter != nil) {
        case (.post, false): action = .create
        case (.get, false): action = .list
        case (.get, true): action = .read
        case (.put, true): action = .replace
        case (.patch, true): action = .merge
        case (.delete, true): action = .delete
        default: return nil
        }
        return ResourceMapping(
            action: action,
            table: collection,
            idProperty: "id",
            itemParameter: itemParameter,
            parentParameters: parents
        )
    }

    /// An operation whose shape implies nothing can still be mapped completely by the extension.
    static func explicitOnly(_ operation: Operation, name: String?, action: Action?, key: String?) -> ResourceMapping? {
        guard let name, let action else { return nil }
        let parameters = operation.path.parameterNames
        let isItemAction = action != .create && action != .list
        return ResourceMapping(
            action: action,
            table: name,
            idProperty: key ?? "id",
            itemParameter: isItemAction ? parameters.last : nil,
            parentParameters: isItemAction ? Array(parameters.dropLast()) : parameters
        )
    }
}
