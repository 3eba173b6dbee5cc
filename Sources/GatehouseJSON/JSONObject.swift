/// A JSON object whose members keep document order.
///
/// Lookup is by a hash index for objects with many members and by a linear scan for small ones. The index is an
/// open-addressing table of member positions keyed by a cheap hash of the key's UTF-8 bytes, so building it costs
/// no `Hasher` call and no key copies.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]
    /// Positions + 1 (0 = empty slot), in a power-of-two table at most half full; nil for small objects.
    private var index: [Int32]?

    private static let indexThreshold = 12

    public init() {
        self.members = []
        self.index = nil
    }

    /// Members in order; a key that repeats keeps its first value.
    public init(_ members: [Member]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        self.index = nil
        for member in members where self[member.key] == nil {
            append(member)
        }
    }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.init(pairs.map { Member(key: $0.key, value: $0.value) })
    }

    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> Member { members[position] }

    public var keys: [String] { members.map(\.key) }

    /// The position of `key` among the members.
    public func position(of key: String) -> Int? {
        guard let index else {
            for position in members.indices where members[position].key == key { return position }
            return nil
        }
        return index.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var slot = Self.keyHash(key) & mask
            while true {
                let entry = Int(table[slot])
                if entry == 0 { return nil }
                if members[entry - 1].key == key { return entry - 1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a over the key's UTF-8 bytes.
    @inline(__always)
    static func keyHash(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { keyHash($0) }
    }

    @inline(__always)
    static func keyHash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                append(Member(key: key, value: newValue))
            }
        }
    }

    /// Appends a member whose key is known not to be present yet.
    package mutating func append(_ member: Member) {
        members.append(member)
        guard members.count > Self.indexThreshold else { return }
        if let capacity = index?.count, members.count * 2 <= capacity {
            let hash = Self.keyHash(member.key)
            let position = Int32(members.count)
            index!.withUnsafeMutableBufferPointer { Self.insert(position, hash: hash, into: $0) }
        } else {
            rebuildIndex()
        }
    }

    @inline(__always)
    private static func insert(_ position: Int32, hash: Int, into table: UnsafeMutableBufferPointer<Int32>) {
        let mask = table.count - 1
        var slot = hash & mask
        while table[slot] != 0 { slot = (slot + 1) & mask }
        table[slot] = position
    }

    private mutating func rebuildIndex() {
        guard members.count > Self.indexThreshold else {
            index = nil
            return
        }
        var capacity = 32
        while capacity < members.count * 2 { capacity *= 2 }
        var built = [Int32](repeating: 0, count: capacity)
        built.withUnsafeMutableBufferPointer { table in
            for position in members.indices {
                Self.insert(Int32(position + 1), hash: Self.keyHash(members[position].key), into: table)
            }
        }
        index = built
    }

    /// Objects are equal when they have the same keys with equal values, in any order (JSON semantics).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(combined)
    }
}
