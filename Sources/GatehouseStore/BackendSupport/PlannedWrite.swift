package import GatehouseJSON

/// One write, checked against its table and ready to be resolved against the item it replaces.
///
/// Backends share this so that conditions, updates and limits mean the same everywhere: a backend reads the
/// current item (nil when absent or expired), calls `resolve(current:)` inside its write transaction or lock, and
/// applies the outcome.
package struct PlannedWrite: Sendable {
    package enum Change: Sendable {
        case put(StoredItem)
        case update([UpdateAction])
        case delete
        case check
    }

    package let rules: ItemRules
    package let key: ItemKey
    package let change: Change
    package let condition: Condition?
    /// The action's position in a transaction (0-based), for messages; nil for a single write.
    package let position: Int?

    package var table: TableDefinition { rules.definition }

    /// Checks `action` against `definition`: key types, sizes, updates of key attributes.
    package init(_ action: TransactionAction, definition: TableDefinition, position: Int? = nil) throws(TableStoreError)
    {
        let rules = ItemRules(definition)
        self.rules = rules
        self.position = position
        switch action {
        case .put(_, let item, let condition):
            key = try rules.key(of: item)
            change = .put(try StoredItem(item, rules: rules))
            self.condition = condition
        case .update(_, let key, let actions, let condition):
            try rules.validate(key)
            try Self.validate(actions, definition: definition)
            self.key = key
            change = .update(actions)
            self.condition = condition
        case .delete(_, let key, let condition):
            try rules.validate(key)
            self.key = key
            change = .delete
            self.condition = condition
        case .conditionCheck(_, let key, let condition):
            try rules.validate(key)
            self.key = key
            change = .check
            self.condition = condition
        }
    }

    private static func validate(_ actions: [UpdateAction], definition: TableDefinition) throws(TableStoreError) {
        var seen = Set<String>()
        for action in actions {
            let attribute = action.attribute
            guard !attribute.isEmpty else {
                throw TableStoreError(code: .invalidRequest, message: "an update names an empty attribute")
            }
            guard !definition.isKeyAttribute(attribute) else {
                throw TableStoreError(
                    code: .invalidRequest,
                    message: "an update cannot change key attribute '\(attribute)' of table '\(definition.name)'"
                )
            }
            guard seen.insert(attribute).inserted else {
                throw TableStoreError(
                    code: .invalidRequest,
                    message: "an update changes attribute '\(attribute)' more than once"
                )
            }
        }
    }

    /// Whether only the item's existence decides this write: a condition check whose condition names only key
    /// attributes (`attributeExists` on the key: the item exists). A backend may then resolve it against
    /// `presence(_:)` instead of reading and parsing the item.
    package var isExistenceCheck: Bool {
        guard case .check = change, let condition else { return false }
        return Self.namesOnlyKeys(condition, table)
    }

    private static func namesOnlyKeys(_ condition: Condition, _ table: TableDefinition) -> Bool {
        switch condition {
        case .attributeExists(let attribute), .attributeNotExists(let attribute): table.isKeyAttribute(attribute)
        case .equals: false
        case .and(let conditions): conditions.allSatisfy { namesOnlyKeys($0, table) }
        }
    }

    /// The stand-in for the current item of an existence check: an item holding only the key when one is live.
    package func presence(_ exists: Bool) -> JSONObject? {
        exists ? rules.item(from: key) : nil
    }

    /// What to do given the current item (nil when there is none or it expired); throws `conditionFailed` when
    /// the condition does not hold.
    package func resolve(current: JSONObject?) throws(TableStoreError) -> WriteOutcome {
        if let condition, !condition.isSatisfied(by: current) {
            let message =
                if let position {
                    "the condition of transaction action \(position + 1) on table '\(table.name)' does not hold; "
                        + "nothing was written"
                } else {
                    "the condition on table '\(table.name)' does not hold; nothing was written"
                }
            throw TableStoreError(code: .conditionFailed, message: message, failedAction: position)
        }
        switch change {
        case .put(let stored):
            return .store(stored)
        case .update(let actions):
            var item = current ?? rules.item(from: key)
            for action in actions {
                try apply(action, to: &item)
            }
            return .store(try StoredItem(item, rules: rules))
        case .delete:
            return .remove
        case .check:
            return .unchanged
        }
    }

    private func apply(_ action: UpdateAction, to item: inout JSONObject) throws(TableStoreError) {
        switch action {
        case .set(let attribute, let value):
            item[attribute] = value
        case .remove(let attribute):
            item[attribute] = nil
        case .add(let attribute, let amount):
            let current: JSONNumber
            switch item[attribute] {
            case nil:
                current = JSONNumber(0)
            case .number(let number):
                current = number
            default:
                throw TableStoreError(
                    code: .invalidRequest,
                    message: "cannot add to attribute '\(attribute)' of table '\(table.name)': it is not a number"
                )
            }
            item[attribute] = .number(try Self.sum(current, amount, attribute: attribute))
        }
    }

    /// Integers add exactly (an overflow is an error, not a rounded double); other numbers add as doubles.
    private static func sum(_ lhs: JSONNumber, _ rhs: JSONNumber, attribute: String) throws(TableStoreError)
        -> JSONNumber
    {
        if let left = lhs.int64, let right = rhs.int64 {
            let (result, overflow) = left.addingReportingOverflow(right)
            guard !overflow else {
                throw TableStoreError(
                    code: .invalidRequest,
                    message: "adding to attribute '\(attribute)' overflows a 64-bit integer"
                )
            }
            return JSONNumber(result)
        }
        let result = lhs.double + rhs.double
        guard result.isFinite else {
            throw TableStoreError(code: .invalidRequest, message: "adding to attribute '\(attribute)' overflows")
        }
        return JSONNumber(result)
    }

    /// Checks a transaction's size and that no two actions touch the same item; returns the planned writes.
    package static func plan(
        _ actions: [TransactionAction],
        definition: (String) throws -> TableDefinition?
    ) throws -> [PlannedWrite] {
        guard !actions.isEmpty, actions.count <= TableStoreLimits.maximumTransactionActions else {
            throw TableStoreError(
                code: .invalidRequest,
                message: "a transaction has 1 to \(TableStoreLimits.maximumTransactionActions) actions, not "
                    + "\(actions.count)"
            )
        }
        var seen = Set<ItemIdentity>()
        var planned: [PlannedWrite] = []
        planned.reserveCapacity(actions.count)
        for (position, action) in actions.enumerated() {
            try TableDefinition.validateName(action.table)
            guard let table = try definition(action.table) else {
                throw TableStoreError.tableNotFound(action.table)
            }
            let write = try PlannedWrite(action, definition: table, position: position)
            guard seen.insert(ItemIdentity(table: table.name, key: write.key)).inserted else {
                throw TableStoreError(
                    code: .invalidRequest,
                    message: "transaction action \(position + 1) touches an item an earlier action touches"
                )
            }
            planned.append(write)
        }
        return planned
    }

    private struct ItemIdentity: Hashable {
        var table: String
        var key: ItemKey
    }
}

/// What a write does to the stored item.
package enum WriteOutcome: Sendable {
    case unchanged
    case store(StoredItem)
    case remove
}

/// An item ready to store: its JSON text (within the size limit) and expiry.
package struct StoredItem: Sendable {
    package let item: JSONObject
    package let json: String
    package let expiry: Double?

    package init(_ item: JSONObject, rules: ItemRules) throws(TableStoreError) {
        self.item = item
        self.json = try rules.encode(item)
        self.expiry = rules.expiry(of: item)
    }
}

extension TableStoreError {
    /// The error for an operation on a table that does not exist.
    package static func tableNotFound(_ name: String) -> TableStoreError {
        TableStoreError(code: .tableNotFound, message: "table '\(name)' does not exist")
    }
}
