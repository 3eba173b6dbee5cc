import GatehouseJSON

/// The Gatehouse extensions: usage plans, table mappings and seed items.
extension GatewayExtensionReader {
    /// `x-gatehouse-usage-plans`, through the same parser as `--usage-plans FILE`; each problem is reported at the
    /// deepest member of its path that exists (a missing `rate` at its throttle), with the whole path as pointer.
    mutating func readUsagePlans(_ value: JSONValue?, at root: NodeAddress, into gateway: inout GatewayExtensions) {
        guard let value else { return }
        do {
            gateway.usagePlans = try UsagePlans(json: value, path: UsagePlans.extensionName)
        } catch {
            gateway.usagePlansError = error
            for problem in error.problems {
                let path = problem.path.split(separator: "/").map(String.init)
                var tokens = path
                while !tokens.isEmpty, document.value(at: root.appending(tokens)) == nil { tokens.removeLast() }
                diagnostics.append(
                    Diagnostic(
                        .usagePlans, problem.message, at: document.location(of: root.appending(tokens)),
                        pointer: JSONPointer(tokens: path)))
            }
        }
    }

    /// An operation's `x-gatehouse-upstream`: `mock` keeps it on its mock under `serve --upstream`; `backend` (the
    /// default) forwards it.
    mutating func readUpstream(_ operation: Operation) -> Bool {
        let extensionName = OperationGateway.upstreamName
        guard let value = operation.extensions[extensionName] else { return false }
        switch value.stringValue {
        case "mock": return true
        case "backend": return false
        default:
            report(
                .apiGatewayExtension, "'\(extensionName)' must be 'mock' or 'backend'",
                at: operation.address.appending(extensionName))
            return false
        }
    }

    /// An operation's `x-gatehouse-table`: its well-formed members over the mapping the REST shape implies.
    mutating func readTable(_ operation: Operation) -> ResourceMapping? {
        let extensionName = OperationGateway.tableName
        guard let value = operation.extensions[extensionName] else {
            return ResourceMapping.resolve(operation, name: nil, action: nil, key: nil)
        }
        let address = operation.address.appending(extensionName)
        guard let object = value.objectValue else {
            report(.gatewayTable, "'\(extensionName)' must be an object with 'name', 'action' and 'key'", at: address)
            return ResourceMapping.resolve(operation, name: nil, action: nil, key: nil)
        }
        var name: String?
        var action: ResourceMapping.Action?
        var key: String?
        for member in object {
            let at = address.appending(member.key)
            switch member.key {
            case "name":
                name = member.value.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                if name == nil { report(.gatewayTable, "'name' of '\(extensionName)' must be a table name", at: at) }
            case "action":
                action = member.value.stringValue.flatMap(ResourceMapping.Action.init(rawValue:))
                if action == nil {
                    let actions = Self.alternatives(ResourceMapping.Action.allCases.map(\.rawValue))
                    report(.gatewayTable, "'action' of '\(extensionName)' must be \(actions)", at: at)
                }
            case "key":
                key = member.value.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                if key == nil {
                    report(.gatewayTable, "'key' of '\(extensionName)' must be the name of the id property", at: at)
                }
            default:
                report(
                    .gatewayTable,
                    "unknown member '\(member.key)' of '\(extensionName)'; expected 'name', 'action' or 'key'",
                    at: at, key: true)
            }
        }
        if ResourceMapping.infer(operation) == nil, name == nil || action == nil {
            report(
                .gatewayTable,
                "the path of '\(operation.id)' implies no table, so '\(extensionName)' needs 'name' and 'action'",
                at: address)
        }
        return ResourceMapping.resolve(operation, name: name, action: action, key: key)
    }

    /// `x-gatehouse-seed`: tables of arrays of item objects.
    mutating func readSeeds(_ value: JSONValue?, at root: NodeAddress) -> [GatewaySeed] {
        guard let value else { return [] }
        let address = root.appending(GatewaySeed.extensionName)
        guard let tables = value.objectValue else {
            report(.gatewaySeed, "'\(GatewaySeed.extensionName)' must map table names to arrays of items", at: address)
            return []
        }
        var seeds: [GatewaySeed] = []
        for member in tables {
            let tableAddress = address.appending(member.key)
            guard let array = member.value.arrayValue else {
                report(.gatewaySeed, "the seed of table '\(member.key)' must be an array of items", at: tableAddress)
                continue
            }
            for (index, value) in array.enumerated() {
                let itemAddress = tableAddress.appending(index)
                guard let item = value.objectValue else {
                    report(.gatewaySeed, "a seed item must be an object", at: itemAddress)
                    continue
                }
                seeds.append(GatewaySeed(table: member.key, item: item, address: itemAddress))
            }
        }
        return seeds
    }
}

extension NodeAddress {
    func appending(_ tokens: [String]) -> NodeAddress {
        tokens.reduce(self) { $0.appending($1) }
    }
}
