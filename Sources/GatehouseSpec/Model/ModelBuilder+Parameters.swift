import GatehouseJSON

extension ModelBuilder {
    /// The parameters of one `parameters` list, reporting a name and location listed twice.
    mutating func makeParameters(_ value: JSONValue?, at listAddress: NodeAddress) -> [Parameter] {
        guard let array = value?.arrayValue else { return [] }
        var result: [Parameter] = []
        for index in array.indices {
            let declaredAt = listAddress.appending(index)
            guard let (address, object) = object(at: declaredAt),
                let name = object["name"]?.stringValue,
                let location = object["in"]?.stringValue.flatMap(ParameterLocation.init(rawValue:))
            else { continue }
            let parameter = makeParameter(object, name: name, location: location, at: address, declaredAt: declaredAt)
            if let first = result.first(where: { $0.identity == parameter.identity }) {
                diagnostics.append(
                    Diagnostic(
                        .duplicateParameter,
                        "\(location.rawValue) parameter '\(name)' is declared twice in the same list",
                        at: document.location(of: declaredAt),
                        pointer: declaredAt.pointer,
                        notes: [Diagnostic.Note("first declared here", at: document.location(of: first.declaredAt))]
                    )
                )
                continue
            }
            result.append(parameter)
        }
        return result
    }

    func makeParameter(
        _ object: JSONObject,
        name: String,
        location: ParameterLocation,
        at address: NodeAddress,
        declaredAt: NodeAddress
    ) -> Parameter {
        let style = object["style"]?.stringValue.flatMap(ParameterStyle.init(rawValue:)) ?? location.defaultStyle
        return Parameter(
            name: name,
            location: location,
            required: object["required"]?.boolValue ?? false,
            deprecated: object["deprecated"]?.boolValue ?? false,
            allowEmptyValue: object["allowEmptyValue"]?.boolValue ?? false,
            allowReserved: object["allowReserved"]?.boolValue ?? false,
            style: style,
            explode: object["explode"]?.boolValue ?? style.defaultExplode,
            schema: object["schema"] != nil ? SchemaReference(address: address.appending("schema")) : nil,
            content: makeContent(object["content"], at: address.appending("content")),
            description: object["description"]?.stringValue,
            example: object["example"],
            examples: makeExamples(object, at: address),
            extensions: extensions(of: object),
            address: address,
            declaredAt: declaredAt
        )
    }
}
