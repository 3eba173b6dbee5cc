import ArgumentParser

@main
struct Gatehouse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse",
        abstract: "A contract-first API toolchain: check, generate, serve and validate OpenAPI documents."
    )
}
