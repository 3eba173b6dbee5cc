import Foundation
import Testing

@testable import GatehouseRuntime

/// Request ids the gateway makes: UUID-shaped, version 4, and never the same twice in a process.
struct RequestIDsTests {
    @Test func madeIdsAreDistinctVersionFourUUIDs() {
        let ids = (0..<1000).map { _ in RequestIDs.next() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(10) {
            let uuid = UUID(uuidString: id)
            #expect(uuid != nil)
            #expect(id == id.lowercased())
            #expect(Array(id)[14] == "4")
            #expect("89ab".contains(Array(id)[19]))
        }
    }

    @Test func aSaneCallerIdIsKeptAndAnInsaneOneReplaced() {
        #expect(GatewayPipeline.requestId(from: "trace-42") == "trace-42")
        #expect(GatewayPipeline.requestId(from: "two words") != "two words")
        #expect(GatewayPipeline.requestId(from: String(repeating: "x", count: 129)).count == 36)
    }
}
