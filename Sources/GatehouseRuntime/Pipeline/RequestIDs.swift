import Synchronization

/// Request ids the gateway makes when the caller sends none: UUID-shaped (8-4-4-4-12 hex, version 4 and variant bits
/// set), from a random prefix drawn once per process and a counter, so ids are unique within a process and across
/// instances without a system call per request. They name a request in logs; they are not secrets.
enum RequestIDs {
    private static let prefix: UInt64 = {
        var random = SystemRandomNumberGenerator()
        return random.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    static func next() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: prefix >> (56 - 8 * UInt64(index)))
            bytes[index + 8] = UInt8(truncatingIfNeeded: count >> (56 - 8 * UInt64(index)))
        }
        bytes[6] = 0x40 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return TimeOrderedID.text(bytes)
    }
}
