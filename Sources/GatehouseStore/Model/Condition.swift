public import GatehouseJSON

/// A condition a write requires of the item as it is before the write; a missing item has no attributes.
///
/// When it does not hold, the write fails with `TableStoreError.Code.conditionFailed` and changes nothing.
public enum Condition: Sendable, Hashable {
    /// The attribute is present (`attribute_exists`). On the partition key: the item exists.
    case attributeExists(String)
    /// The attribute is absent (`attribute_not_exists`). On the partition key: the item does not exist yet.
    case attributeNotExists(String)
    /// The attribute is present and equal to the value (JSON equality: `1` equals `1.0`), e.g. a version number.
    case equals(String, JSONValue)
    /// Every condition holds.
    case and([Condition])

    /// Whether the condition holds for `item` (nil when there is no item).
    public func isSatisfied(by item: JSONObject?) -> Bool {
        switch self {
        case .attributeExists(let attribute):
            return item?[attribute] != nil
        case .attributeNotExists(let attribute):
            return item?[attribute] == nil
        case .equals(let attribute, let expected):
            guard let actual = item?[attribute] else { return false }
            return actual == expected
        case .and(let conditions):
            return conditions.allSatisfy { $0.isSatisfied(by: item) }
        }
    }
}
