import Foundation

/// The current `GatewayState`, replaced whole when the spec is reloaded; requests read it once at their start, so a
/// reload never mixes two contracts in one request.
final class StateBox: @unchecked Sendable {
    // @unchecked: `state` is only read and written under `lock`.
    private let lock = NSLock()
    private var state: GatewayState

    init(_ state: GatewayState) {
        self.state = state
    }

    var current: GatewayState {
        lock.withLock { state }
    }

    func replace(with state: GatewayState) {
        lock.withLock { self.state = state }
    }
}
