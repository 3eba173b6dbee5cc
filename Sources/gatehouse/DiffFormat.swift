import ArgumentParser

/// `diff --format`: check's four formats plus a changelog and a JUnit report.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case github
    case sarif
    case markdown
    case junit
}
