/// An operation as findings name it: its method, its path as the revision writes it (the base's when it was
/// removed) and its operationId.
public struct OperationRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var id: String

    public init(method: String, path: String, id: String) {
        self.method = method
        self.path = path
        self.id = id
    }

    /// `GET /pets/{petId}`.
    public var description: String { "\(method) \(path)" }

    public static func < (lhs: OperationRef, rhs: OperationRef) -> Bool {
        (lhs.path, lhs.method) < (rhs.path, rhs.method)
    }
}
