import Foundation

/// The current `CompiledContract`, replaced whole when the spec is reloaded; requests read it once at their start, so a
/// reload never mixes two contracts in one request.
final class StateBox: @unchecked Sendable {
    // @unchecked: `state` is only read and written under `lock`.
    private let lock = NSLock()
    private var state: CompiledContract

    init(_ state: CompiledContract) {
        self.state = state
    }

    var current: CompiledContract {
        lock.withLock { state }
    }

    func replace(with state: CompiledContract) {
        lock.withLock { self.state = state }
    }
}
