/// The values one declared response header is sent with: its first valid example (or a synthesized value), and the
/// value of each named example, so that `Prefer: example=NAME` also picks the header example of that name.
struct MockHeaderValues: Sendable {
    let name: String
    let defaultValue: String
    let named: [String: String]

    /// The value for the body example `example`: the header example of the same name, else the default.
    func value(for example: String?) -> String {
        example.flatMap { named[$0] } ?? defaultValue
    }
}
