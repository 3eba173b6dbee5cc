/// Limits every backend enforces, so an application behaves the same on each.
public enum TableStoreLimits: Sendable {
    /// The largest item, as compact JSON in UTF-8: 400 KiB.
    public static let maximumItemSize = 400 * 1024
    /// The most actions in one `transactWrite`.
    public static let maximumTransactionActions = 100
    /// The longest key value, in bytes (strings as UTF-8, binary decoded).
    public static let maximumKeySize = 1024
}
