/// Where in a request or response a schema sits, for messages: the owner (a parameter, a body) and the property
/// path within it.
struct SchemaPlace {
    /// `the 'application/json' request body of 'createPet'`, `query parameter 'limit' of 'listPets'`.
    var owner: String
    /// Property names from the owner's schema down; `[]` for array items, `[0]` for `prefixItems` positions, `*` for
    /// additional properties.
    var path: [String] = []

    func appending(_ step: String) -> SchemaPlace {
        SchemaPlace(owner: owner, path: path + [step])
    }

    /// `property 'tags[].name' of the 'application/json' request body of 'createPet'`, `the items of …`, or the owner.
    var subject: String {
        guard !path.isEmpty else { return owner }
        if path == ["[]"] { return "the items of \(owner)" }
        if path.count == 1, path[0].hasPrefix("[") { return "item \(path[0].dropFirst().dropLast()) of \(owner)" }
        var text = ""
        for step in path {
            if step.hasPrefix("[") {
                text += step
            } else {
                text += text.isEmpty ? step : "." + step
            }
        }
        return "property '\(text)' of \(owner)"
    }
}
