import GatehouseJSON

/// A seed item goes into a table some operation maps onto; one for another table could never be served.
struct SeedTableRule: LintRule {
    func check(_ model: APIModel) -> [Diagnostic] {
        let tables = GatewayExtensions.tables(of: model.operations)
        let known = tables.map { "'\($0)'" }.joined(separator: ", ")
        var reported = Set<String>()
        var diagnostics: [Diagnostic] = []
        for seed in model.gateway.seeds where !tables.contains(seed.table) && reported.insert(seed.table).inserted {
            let address = model.document.rootAddress().appending(GatewaySeed.extensionName).appending(seed.table)
            diagnostics.append(
                Diagnostic(
                    .gatewaySeed,
                    "'\(seed.table)' is not a table of the contract"
                        + (known.isEmpty ? " (no operation maps to a table)" : "; its tables are \(known)"),
                    at: model.document.location(of: address, key: true), pointer: address.pointer))
        }
        return diagnostics
    }
}
