/// A usage-plans document that cannot be used; `problems` lists each, with the path of the member at fault.
public struct UsagePlansError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem: `path` is a JSON pointer without its leading slash (`x-gatehouse-usage-plans/plans/free`).
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String

        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
