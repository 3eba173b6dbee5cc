/// A condition on the sort key of a query.
public enum SortKeyCondition: Sendable, Hashable {
    /// Equal to the value.
    case equal(KeyValue)
    /// Sorts before the value.
    case lessThan(KeyValue)
    /// Sorts before or equal to the value.
    case lessThanOrEqual(KeyValue)
    /// Sorts after the value.
    case greaterThan(KeyValue)
    /// Sorts after or equal to the value.
    case greaterThanOrEqual(KeyValue)
    /// Between the bounds, both included; the lower bound must not sort after the upper one.
    case between(KeyValue, KeyValue)
    /// Starts with the prefix: for string and binary sort keys only.
    case beginsWith(KeyValue)
}

/// The order of a query's items.
public enum SortOrder: Sendable, Hashable {
    /// Smallest sort key first.
    case ascending
    /// Largest sort key first.
    case descending
}
