/// Checks a loaded document against the structure the OpenAPI specification (3.0 or 3.1) requires: required and
/// unknown fields, field types, enumerated values, and the `$ref`s at every place the specification allows a
/// Reference Object, following them into other files.
///
/// What each object type holds is data (`ObjectTable`); one walk (`StructureWalker`) checks the document against
/// it, collecting every problem rather than stopping at the first.
struct StructureChecker {
    let document: SpecDocument

    /// Every structural problem, sorted by location.
    func check() -> [Diagnostic] {
        var walker = StructureWalker(document: document)
        return walker.run()
    }
}
