/// An error thrown by a `TableStore`.
///
/// Its `description` names tables, attributes and sizes but never stored values, keys or file contents, so it can
/// be logged and returned to clients as it is. A backend's underlying error is kept in `cause` for logs that want it.
public struct TableStoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; compare with the static members (`.conditionFailed`, …).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case tableNotFound = "table not found"
            case tableConflict = "table conflict"
            case conditionFailed = "condition failed"
            case itemTooLarge = "item too large"
            case invalidKey = "invalid key"
            case invalidCursor = "invalid cursor"
            case invalidRequest = "invalid request"
            case incompatibleStore = "incompatible store"
            case storageFailure = "storage failure"
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The table does not exist.
        public static let tableNotFound = Code(.tableNotFound)
        /// A table of that name exists with a different definition.
        public static let tableConflict = Code(.tableConflict)
        /// A write's condition did not hold; nothing was changed.
        public static let conditionFailed = Code(.conditionFailed)
        /// An item is larger than `TableStoreLimits.maximumItemSize` once encoded.
        public static let itemTooLarge = Code(.itemTooLarge)
        /// A key is missing, has the wrong type, or is empty.
        public static let invalidKey = Code(.invalidKey)
        /// A cursor is malformed or belongs to another table, partition or operation.
        public static let invalidCursor = Code(.invalidCursor)
        /// The request is malformed: a bad limit, an update of a key attribute, a transaction too large, …
        public static let invalidRequest = Code(.invalidRequest)
        /// The storage holds something that is not a store of this version (a foreign or corrupt file).
        public static let incompatibleStore = Code(.incompatibleStore)
        /// The storage failed: I/O error, full or read-only disk, lost connection.
        public static let storageFailure = Code(.storageFailure)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A sentence for people: lowercase first word, names in single quotes, no stored values.
    public var message: String
    /// The underlying error of the backend, if any; it is not part of `description`.
    public var cause: (any Error)?
    /// For `conditionFailed` from `transactWrite`: the position (from 0) of the action whose condition did not hold,
    /// as DynamoDB's cancellation reasons tell which item failed. Nil for a single write.
    public var failedAction: Int?

    /// An error with a code, a message, an optional underlying cause and, for a transaction's failed condition,
    /// the action's position.
    public init(code: Code, message: String, cause: (any Error)? = nil, failedAction: Int? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
        self.failedAction = failedAction
    }

    public var description: String { "\(code): \(message)" }
}
