import Foundation

/// Ids for items a mock creates when the contract's ids are not integers: UUID version 7 (RFC 9562), whose text
/// sorts by creation time. Mock tables list items by id, so a listing of such items is oldest first, as it is for
/// integer ids.
///
/// Within one process the order is strict: ids made in the same millisecond count up in the 12 bits after the
/// version (RFC 9562's method 1), and a clock that steps back keeps the last millisecond. Instances sharing a store
/// order by their clocks, to the millisecond.
final class TimeOrderedID: Sendable {
    static let shared = TimeOrderedID()

    /// The millisecond and counter of the last id made.
    private let last = LockedPair()

    func next(now: Date = Date()) -> String {
        let (millis, counter) = last.advance(to: UInt64(max(0, now.timeIntervalSince1970 * 1000)))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (40 - 8 * UInt64(index))) }
        bytes[6] = 0x70 | UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        let tail = ProcessRandom.next()
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: tail >> (8 * UInt64(index - 8))) }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return Self.text(bytes)
    }

    /// The 8-4-4-4-12 lowercase hex form.
    static func text(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            LowercaseHex.append(byte, to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The last (millisecond, counter) behind a lock.
private final class LockedPair: @unchecked Sendable {
    // @unchecked: `millis` and `counter` are only touched under `lock`.
    private let lock = NSLock()
    private var millis: UInt64 = 0
    private var counter: UInt16 = 0

    /// The millisecond and counter of the next id: `now`, with a fresh random counter start below half the range
    /// when time moved on; the last millisecond with the counter plus one otherwise (the next millisecond when the
    /// 12-bit counter is used up).
    func advance(to now: UInt64) -> (UInt64, UInt16) {
        lock.lock()
        defer { lock.unlock() }
        if now > millis {
            millis = now
            counter = UInt16.random(in: 0..<0x800)
        } else if counter < 0xFFF {
            counter += 1
        } else {
            millis += 1
            counter = 0
        }
        return (millis, counter)
    }
}
