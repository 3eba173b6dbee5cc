import GatehouseRuntime
import GatehouseSpec

/// What the gateway prints when it starts: the title, the operation count and a table of routes.
enum GatewayBanner {
    /// The title, the operation count and a table of routes (method, path, operationId), with what the stateful
    /// mock does for each (`create pets`, `read pets by petId`, `filter pets by status`, `example`) when mocks are
    /// stored, so a wrong guess can be corrected with `x-gatehouse-table`; `→ backend` for an operation `--upstream`
    /// forwards (`forwarded`: where to, by operationId).
    static func text(
        model: APIModel, spec: String, basePath: String, mocks: MockTableMap? = nil, forwarded: [String: String] = [:]
    ) -> String {
        var lines = [
            "Gatehouse serving '\(model.info.title)' \(model.info.version) from \(spec): \(counted(model.operations.count, "operation"))"
        ]
        let paths = model.operations.map { basePath + $0.path.raw }
        let width = min(60, paths.map(\.count).max() ?? 0)
        let idWidth = min(40, model.operations.map(\.id.count).max() ?? 0)
        for (operation, path) in zip(model.operations, paths) {
            let method = operation.method.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            let padded = path.count < width ? path.padding(toLength: width, withPad: " ", startingAt: 0) : path
            guard mocks != nil || !forwarded.isEmpty else {
                lines.append("  \(method) \(padded)  \(operation.id)")
                continue
            }
            let id =
                operation.id.count < idWidth
                ? operation.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) : operation.id
            let what = forwarded[operation.id].map { "→ \($0)" } ?? mocks?.summary(of: operation) ?? "mock"
            lines.append("  \(method) \(padded)  \(id)  \(what)")
        }
        return lines.joined(separator: "\n")
    }
}
