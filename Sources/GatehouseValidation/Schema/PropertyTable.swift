/// `properties` as an open-addressing table with a cheap hash (FNV-1a over the UTF-8 bytes), so looking up each
/// member of an instance costs no `Hasher` setup; each property also carries its bit in the `required` mask, so
/// `required` is checked from the same lookups.
struct PropertyTable: Sendable {
    struct Entry: Sendable {
        var key: String
        /// `unowned(unsafe)`: the node is kept alive by `ObjectRules.properties`; reading it costs no retain.
        unowned(unsafe) var node: SchemaNode
        /// This property's bit in `requiredMask`, or 0 when it is not required.
        var requiredBit: UInt64
    }

    private(set) var entries: [Entry] = []
    private var slots: [Int32] = []
    private var mask = 0
    /// The bits of the required properties that have an entry.
    private(set) var requiredMask: UInt64 = 0
    /// Required names without a bit (not in `properties`, or past the 64th); checked by lookup in the instance.
    private(set) var otherRequired: [String] = []

    init(_ properties: [(name: String, node: SchemaNode)], required: [String]) {
        var capacity = 4
        while capacity < properties.count * 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        for (name, node) in properties where lookup(name) == nil {
            var slot = Self.hash(name) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            entries.append(Entry(key: name, node: node, requiredBit: 0))
        }
        var nextBit = 0
        for name in required {
            if let index = lookup(name), nextBit < 64, entries[index].requiredBit == 0 {
                entries[index].requiredBit = 1 << UInt64(nextBit)
                requiredMask |= entries[index].requiredBit
                nextBit += 1
            } else if !otherRequired.contains(name) {
                otherRequired.append(name)
            }
        }
    }

    /// The length and the first and last eight bytes, mixed: property names rarely share all three, and a
    /// collision only costs a probe.
    @inline(__always)
    static func hash(_ key: String) -> Int {
        let mixed: UInt64? = key.utf8.withContiguousStorageIfAvailable { bytes in
            let count = bytes.count
            guard let base = bytes.baseAddress, count > 0 else { return 0 }
            let raw = UnsafeRawPointer(base)
            var head: UInt64 = 0
            var tail: UInt64 = 0
            if count >= 8 {
                head = raw.loadUnaligned(as: UInt64.self)
                tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else {
                for index in 0..<count { head = head << 8 | UInt64(bytes[index]) }
            }
            return (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        }
        guard var hash = mixed else {
            var fallback: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key.utf8 { fallback = (fallback ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: fallback)
        }
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
}
