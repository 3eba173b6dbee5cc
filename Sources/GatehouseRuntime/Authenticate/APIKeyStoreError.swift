/// Why a key operation failed; the description names the key but never a secret.
package struct APIKeyStoreError: Error, Sendable, CustomStringConvertible {
    package struct Code: Sendable, Hashable, CustomStringConvertible {
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
        package static let invalidName = Code(.invalidName)
        /// A key of that name exists.
        package static let duplicateName = Code(.duplicateName)
        /// No key has that name.
        package static let unknownKey = Code(.unknownKey)
        /// A stored key record lacks a field (the table was edited by hand).
        package static let corruptRecord = Code(.corruptRecord)

        package var description: String { base.rawValue }
    }

    package var code: Code
    package var message: String

    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
