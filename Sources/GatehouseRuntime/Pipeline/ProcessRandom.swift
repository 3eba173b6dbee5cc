import Synchronization

/// Random 64-bit numbers for ids that must be unique, not secret (trace ids, the random tail of a mock item's id):
/// SplitMix64 over one atomic counter seeded from the system's generator once per process. No system call per
/// number (the system generator makes one each time), no lock, and no two calls in a process get the same number, as
/// SplitMix64's output is a bijection of its counter.
enum ProcessRandom {
    private static let state: Atomic<UInt64> = {
        var system = SystemRandomNumberGenerator()
        return Atomic(system.next())
    }()

    static func next() -> UInt64 {
        var z = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
