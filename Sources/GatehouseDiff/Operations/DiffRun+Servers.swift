import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// The root servers' base path: the first server's, which the gateway and generated clients use.
    mutating func compareServers() {
        let before = base.model.servers.first?.basePath ?? ""
        let after = revision.model.servers.first?.basePath ?? ""
        guard before != after else { return }
        let pointer = JSONPointer.root.appending("servers").appending(0).appending("url")
        report(
            DiffRules.serverBasePathChanged,
            "the servers' base path changed from '\(before.isEmpty ? "/" : before)' to '\(after.isEmpty ? "/" : after)'",
            at: revision.place(revision.document.rootAddress(pointer)),
            note: "the base had '\(base.model.servers.first?.url ?? "/")'",
            noteAt: base.place(base.document.rootAddress(pointer))
        )
    }

    /// An operation's own servers (or its path item's): a base path that moved with them moves the operation's URL.
    /// A change the root servers explain is reported once, by `compareServers`.
    mutating func compareOperationServers(_ before: Operation, _ after: Operation) {
        let old = before.servers.first?.basePath ?? ""
        let new = after.servers.first?.basePath ?? ""
        let oldRoot = base.model.servers.first?.basePath ?? ""
        let newRoot = revision.model.servers.first?.basePath ?? ""
        guard old != new, !(old == oldRoot && new == newRoot) else { return }
        report(
            DiffRules.operationServerBasePathChanged,
            "the base path of '\(after.id)' changed from '\(old.isEmpty ? "/" : old)' to '\(new.isEmpty ? "/" : new)'",
            at: revision.place(Self.serversAddress(of: after, in: revision)),
            note: "the base had '\(before.servers.first?.url ?? "/")'",
            noteAt: base.place(Self.serversAddress(of: before, in: base)))
    }

    /// Where the servers that apply to an operation are written: its own, its path item's, else the root's.
    private static func serversAddress(of operation: Operation, in side: DiffSide) -> NodeAddress {
        let own = operation.address.appending("servers")
        if side.document.value(at: own) != nil { return own.appending(0).appending("url") }
        var pathItem = operation.address
        pathItem.pointer = JSONPointer(tokens: Array(pathItem.pointer.tokens.dropLast()))
        let shared = pathItem.appending("servers")
        if side.document.value(at: shared) != nil { return shared.appending(0).appending("url") }
        return side.document.rootAddress(JSONPointer.root.appending("servers").appending(0).appending("url"))
    }
}
