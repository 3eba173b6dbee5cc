import Foundation
import Testing

@testable import GatehouseRuntime

/// The ids a mock makes for items without integer ids sort by creation time, and are UUIDs of version 7.
struct TimeOrderedIDTests {
    @Test func idsMadeInARowSortInTheOrderTheyWereMade() {
        let maker = TimeOrderedID()
        // Many in the same millisecond (the counter), then a clock that steps back (kept at the last millisecond).
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        var ids = (0..<5_000).map { _ in maker.next(now: now) }
        ids.append(maker.next(now: now.addingTimeInterval(-60)))
        ids.append(maker.next(now: now.addingTimeInterval(1)))
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test func idsAreVersionSevenUUIDsCarryingTheirMillisecond() throws {
        let id = TimeOrderedID().next(now: Date(timeIntervalSince1970: 1_767_225_600.125))
        let uuid = try #require(UUID(uuidString: id))
        #expect(id == uuid.uuidString.lowercased())
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        #expect(bytes[6] >> 4 == 7)
        #expect(bytes[8] >> 6 == 0b10)
        let millis = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(millis == 1_767_225_600_125)
    }
}
