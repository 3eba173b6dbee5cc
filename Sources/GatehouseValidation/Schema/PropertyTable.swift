/// `properties` as an open-addressing table with a cheap hash (FNV-1a over the UTF-8 bytes), so looking up each
/// member of an instance costs no `Hasher` setup; each property also carries its bit in the `required` mask, so
/// `required` is checked from the same lookups.
///
/// A class with constant fields: the validator reads it through one reference, with no copy of its arrays.
final class PropertyTable: Sendable {
    struct Entry: Sendable {
        var key: String
        /// `unowned(unsafe)`: the node is kept alive by `ObjectRules.properties`; reading it costs no retain.
        unowned(unsafe) var node: SchemaNode
        /// This property's bit in `requiredMask`, or 0 when it is not required.
        var requiredBit: UInt64
    }

    let entries: [Entry]
    private let slots: [Int32]
    private let mask: Int
    /// The bits of the required properties that have an entry.
    let requiredMask: UInt64
    /// Required names without a bit (not in `properties`, or past the 64th); checked by lookup in the instance.
    let otherRequired: [String]
    /// The entry index of each of `otherRequired`, or -1 when it is not in `properties`.
    let otherRequiredEntries: [Int32]
    /// Every key's UTF-8 bytes, back to back, and where each starts: `lookup(bytes:)` compares raw bytes.
    private let keyBytes: [UInt8]
    private let keyStarts: [Int32]

    init(_ properties: [(name: String, node: SchemaNode)], required: [String]) {
        var capacity = 4
        while capacity < properties.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        var entries: [Entry] = []
        var keyBytes: [UInt8] = []
        var keyStarts: [Int32] = [0]
        func find(_ name: String) -> Int? {
            var slot = Self.hash(name) & mask
            while slots[slot] >= 0 {
                if entries[Int(slots[slot])].key == name { return Int(slots[slot]) }
                slot = (slot + 1) & mask
            }
            return nil
        }
        for (name, node) in properties where find(name) == nil {
            var slot = Self.hash(name) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            entries.append(Entry(key: name, node: node, requiredBit: 0))
            keyBytes.append(contentsOf: name.utf8)
            keyStarts.append(Int32(keyBytes.count))
        }
        var requiredMask: UInt64 = 0
        var otherRequired: [String] = []
        var otherRequiredEntries: [Int32] = []
        var nextBit = 0
        for name in required {
            if let index = find(name), nextBit < 64, entries[index].requiredBit == 0 {
                entries[index].requiredBit = 1 << UInt64(nextBit)
                requiredMask |= entries[index].requiredBit
                nextBit += 1
            } else if !otherRequired.contains(name) {
                otherRequired.append(name)
                otherRequiredEntries.append(find(name).map(Int32.init) ?? -1)
            }
        }
        self.entries = entries
        self.slots = slots
        self.mask = mask
        self.requiredMask = requiredMask
        self.otherRequired = otherRequired
        self.otherRequiredEntries = otherRequiredEntries
        self.keyBytes = keyBytes
        self.keyStarts = keyStarts
    }

    /// The length and the first and last eight bytes, mixed: property names rarely share all three, and a
    /// collision only costs a probe.
    @inline(__always)
    static func hash(_ key: String) -> Int {
        if let hash = key.utf8.withContiguousStorageIfAvailable({ hash(bytes: $0) }) { return hash }
        var fallback: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { fallback = (fallback ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: fallback)
    }

    /// `hash(_:)` of a key given as its UTF-8 bytes.
    @inline(__always)
    static func hash(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return mix(0) }
        let raw = UnsafeRawPointer(base)
        var head: UInt64 = 0
        var tail: UInt64 = 0
        if count >= 8 {
            head = raw.loadUnaligned(as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            for index in 0..<count { head = head << 8 | UInt64(bytes[index]) }
        }
        return mix((head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count))
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> Int {
        var hash = value
        hash ^= hash >> 32
        hash &*= 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: hash >> 20)
    }

    /// The entry index of `key`, if it is a property.
    @inline(__always)
    func lookup(_ key: String) -> Int? {
        if slots.isEmpty { return nil }
        var slot = Self.hash(key) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if entries[index].key == key { return index }
            slot = (slot + 1) & mask
        }
    }

    /// `lookup(_:)`, trying entry `guess` first: members mostly come in the order of `properties`, so the entry after
    /// the previous member's costs one comparison and no hashing. Keys compare by their UTF-8 bytes.
    @inline(__always)
    func lookup(_ key: String, guess: Int) -> Int? {
        if let found = key.utf8.withContiguousStorageIfAvailable({ lookup(bytes: $0, guess: guess) }) { return found }
        return lookup(key)
    }

    /// `lookup(bytes:)`, trying entry `guess` first.
    @inline(__always)
    func lookup(bytes key: UnsafeBufferPointer<UInt8>, guess: Int) -> Int? {
        if guess < entries.count && isEntry(guess, key) { return guess }
        return lookup(bytes: key)
    }

    /// Whether entry `index`'s key has the UTF-8 bytes `key`.
    @inline(__always)
    private func isEntry(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        keyStarts.withUnsafeBufferPointer { starts in
            let start = Int(starts[index])
            let count = Int(starts[index + 1]) - start
            guard count == key.count else { return false }
            return count == 0
                || keyBytes.withUnsafeBufferPointer {
                    Self.bytesEqual($0.baseAddress! + start, key.baseAddress!, count)
                }
        }
    }

    /// The entry index of the key whose UTF-8 bytes are `key`, if it is a property.
    @inline(__always)
    func lookup(bytes key: UnsafeBufferPointer<UInt8>) -> Int? {
        if slots.isEmpty { return nil }
        var slot = Self.hash(bytes: key) & mask
        return keyBytes.withUnsafeBufferPointer { all in
            keyStarts.withUnsafeBufferPointer { starts in
                slots.withUnsafeBufferPointer { slots in
                    while true {
                        let index = Int(slots[slot])
                        if index < 0 { return nil }
                        let start = Int(starts[index])
                        let count = Int(starts[index + 1]) - start
                        if count == key.count,
                            count == 0 || Self.bytesEqual(all.baseAddress! + start, key.baseAddress!, count)
                        {
                            return index
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Whether `count` bytes at `first` and `second` are equal: eight at a time, inline (keys are short, and a call
    /// to `memcmp` costs more than comparing them).
    @inline(__always)
    static func bytesEqual(_ first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        let left = UnsafeRawPointer(first)
        let right = UnsafeRawPointer(second)
        while index &+ 8 <= count {
            if left.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != right.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index &+= 8
        }
        while index < count {
            if first[index] != second[index] { return false }
            index &+= 1
        }
        return true
    }
}
