import Foundation
import GatehouseRuntime
import TodoClient
import TodoServer

/// An API team's first step from mocks to a real service: `getCurrentUser` is implemented, every other operation
/// of specs/todo.yaml still answers from the gateway's mock engine (the stub defaults throw `MockFallback`).
struct TodoService: TodoAPIProtocol {
    func getCurrentUser(_ input: Operations.GetCurrentUser.Input) async throws -> Operations.GetCurrentUser.Output {
        .ok(
            .init(
                body: User(
                    id: "2c9d4f60-7e1a-4b3c-9d8e-0f1a2b3c4d5e", email: "grace@example.com", displayName: "Grace Hopper",
                    timeZone: "America/New_York", plan: .pro, createdAt: Date(timeIntervalSince1970: 1_714_478_400))))
    }
}

@main
enum TodoServerExample {
    static func main() async throws {
        let spec = CommandLine.arguments.dropFirst().first ?? "specs/todo.yaml"
        do {
            try await Gateway.serve(specPath: spec, handlers: TodoService().makeHandlers())
        } catch let error as Gateway.LaunchError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(1)
        }
    }
}
