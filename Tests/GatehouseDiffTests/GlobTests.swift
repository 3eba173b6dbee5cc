import Testing

@testable import GatehouseDiff

/// The path globs of the ignore file.
struct GlobTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var pattern: String
        var path: String
        var matches: Bool
        var testDescription: String { "\(pattern) \(matches ? "matches" : "does not match") \(path)" }
    }

    @Test(arguments: [
        Row(pattern: "/pets", path: "/pets", matches: true),
        Row(pattern: "/pets", path: "/pets/{petId}", matches: false),
        Row(pattern: "/pets/*", path: "/pets/{petId}", matches: true),
        Row(pattern: "/pets/*", path: "/pets/{petId}/photos", matches: false),
        Row(pattern: "/pets/**", path: "/pets", matches: true),
        Row(pattern: "/pets/**", path: "/pets/{petId}/photos", matches: true),
        Row(pattern: "/**/photos", path: "/pets/{petId}/photos", matches: true),
        Row(pattern: "/p*s/*", path: "/pets/{petId}", matches: true),
        Row(pattern: "/p*s/*", path: "/owners/{id}", matches: false),
        Row(pattern: "**", path: "/anything/at/all", matches: true),
        // Naive backtracking takes exponential time on these; the table does not.
        Row(pattern: "/*a*a*a*a*a*a*a*a*a*a*a*a*b", path: "/" + String(repeating: "a", count: 60), matches: false),
        Row(
            pattern: String(repeating: "/**", count: 30) + "/x", path: String(repeating: "/y", count: 60),
            matches: false),
    ])
    func globMatchesPaths(_ row: Row) {
        #expect(
            Glob.matches(Array(row.pattern.split(separator: "/")), Array(row.path.split(separator: "/"))) == row.matches
        )
    }
}
