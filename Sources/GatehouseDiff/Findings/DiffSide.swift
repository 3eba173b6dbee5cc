import GatehouseJSON
public import GatehouseSpec

/// One of the two versions being compared: its model and how its files are named in findings.
public struct DiffSide: Sendable {
    public var model: APIModel
    /// Put before each file path in locations: `main:` for a git revision, empty for files on disk.
    public var filePrefix: String

    public init(model: APIModel, filePrefix: String = "") {
        self.model = model
        self.filePrefix = filePrefix
    }

    var document: SpecDocument { model.document }

    /// Where a node is, as findings print it; with `key`, where its key is.
    func place(_ address: NodeAddress, key: Bool = false) -> DiffPlace {
        var location = document.location(of: address, key: key)
        location.file = filePrefix + location.file
        return DiffPlace(location: location, pointer: address.pointer)
    }

    /// The value at an address after following `$ref`s, with the address it was found at.
    func resolved(_ address: NodeAddress) -> (address: NodeAddress, value: JSONValue)? {
        guard case .success(let found) = document.dereference(address) else { return nil }
        return found
    }
}
