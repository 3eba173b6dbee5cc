/// Why a key operation failed; the description names the key but never a secret.
public struct APIKeyStoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidName = "invalid name"
            case duplicateName = "duplicate name"
            case unknownKey = "unknown key"
            case corruptRecord = "corrupt record"
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The name is empty, too long or has characters other than letters, digits, `.`, `_` and `-`.
        public static let invalidName = Code(.invalidName)
        /// A key of that name exists.
        public static let duplicateName = Code(.duplicateName)
        /// No key has that name.
        public static let unknownKey = Code(.unknownKey)
        /// A stored key record lacks a field (the table was edited by hand).
        public static let corruptRecord = Code(.corruptRecord)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
