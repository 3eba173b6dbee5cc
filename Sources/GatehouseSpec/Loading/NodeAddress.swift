public import GatehouseJSON

/// A node of a loaded document: which file, and where in it.
public struct NodeAddress: Sendable, Hashable, Comparable {
    /// The file's key in `SpecDocument.files` (its path as reached from the root file).
    public var file: String
    public var pointer: JSONPointer

    public init(file: String, pointer: JSONPointer) {
        self.file = file
        self.pointer = pointer
    }

    public func appending(_ token: String) -> NodeAddress {
        NodeAddress(file: file, pointer: pointer.appending(token))
    }

    public func appending(_ index: Int) -> NodeAddress {
        NodeAddress(file: file, pointer: pointer.appending(index))
    }

    public static func < (lhs: NodeAddress, rhs: NodeAddress) -> Bool {
        (lhs.file, lhs.pointer) < (rhs.file, rhs.pointer)
    }
}

extension NodeAddress: CustomStringConvertible {
    /// `file#/pointer`.
    public var description: String { "\(file)\(pointer.fragment)" }
}
