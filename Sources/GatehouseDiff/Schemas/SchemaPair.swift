import GatehouseSpec

/// Two schemas compared in one direction.
struct SchemaPair: Hashable {
    var base: NodeAddress
    var revision: NodeAddress
    var direction: Direction
}
