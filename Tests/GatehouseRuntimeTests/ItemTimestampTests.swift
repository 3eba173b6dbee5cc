import Foundation
import Testing

@testable import GatehouseRuntime

/// Item time stamps are formatted once a second; every moment still gets the text of its own second.
struct ItemTimestampTests {
    @Test func everyMomentGetsTheTextOfItsOwnSecond() {
        var generator = SystemRandomNumberGenerator()
        var moment = 1_796_000_000.0
        for _ in 0..<2_000 {
            // Steps of up to 0.7 s: many moments share a second, and the cached second goes stale often.
            moment += Double(generator.next(upperBound: 700 as UInt64)) / 1000
            let date = Date(timeIntervalSince1970: moment)
            #expect(ItemTimestamp.text(at: date) == date.formatted(.iso8601), "at \(moment)")
        }
        // Out of order too: an earlier second after a later one.
        let earlier = Date(timeIntervalSince1970: 1_700_000_000.25)
        #expect(ItemTimestamp.text(at: earlier) == "2023-11-14T22:13:20Z")
    }
}
