import Foundation
import Testing

/// `gatehouse serve`'s start banner says, per operation, what the mock does (issue 15), so a user sees how the
/// contract was mapped onto tables and can correct it with `x-gatehouse-table`.
struct ServeBannerTests {
    @Test func theBannerSaysWhatTheMockDoesPerOperation() throws {
        let server = try ServeProcess(["specs/todo.yaml", "--store", "memory", "--no-auth"])
        defer { server.stop() }
        let lines = server.banner.split(separator: "\n").map(String.init)
        let line = { (operationId: String) in lines.first { $0.contains(" \(operationId) ") } ?? "" }
        #expect(line("createList").hasSuffix("create lists"))
        #expect(line("listLists").hasSuffix("list lists"))
        #expect(line("getTodo").hasSuffix("read todos by todoId"))
        #expect(line("deleteList").hasSuffix("delete lists by listId"))
        #expect(line("getCurrentUser").hasSuffix("example"))
    }

    @Test func aStatelessServerPrintsNoMapping() throws {
        let server = try ServeProcess(["specs/todo.yaml", "--store", "memory", "--no-auth", "--stateless"])
        defer { server.stop() }
        let line = server.banner.split(separator: "\n").first { $0.contains(" createList") } ?? ""
        #expect(line.hasSuffix("createList"))
    }
}
