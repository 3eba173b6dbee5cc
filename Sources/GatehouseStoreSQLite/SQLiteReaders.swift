import GatehouseStore
import Synchronization

/// The store's read-only connections for point reads: a read checks one out, runs its statement on the caller's
/// thread and checks it back in.
///
/// In WAL mode a reader never waits for the writer, and one statement is cheaper than a hop to another thread and
/// back. Concurrent reads each take a connection of their own; as a read never suspends, there are at most as many
/// as threads reading at once, and they stay open for the next reads.
final class SQLiteReaders: Sendable {
    private struct State {
        var idle: [DirectConnection] = []
        var closed = false
    }

    private let path: String
    private let busyTimeout: Double
    private let state = Mutex(State())

    init(path: String, busyTimeout: Double) {
        self.path = path
        self.busyTimeout = busyTimeout
    }

    /// Runs `body` with a connection of its own.
    func withConnection<T>(_ body: (DirectConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    /// Closes the idle connections; connections in use close when they are checked in, and later reads throw.
    func close() {
        let idle = state.withLock { state in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        for connection in idle { connection.close() }
    }

    private func checkOut() throws -> DirectConnection {
        let (connection, closed) = state.withLock { state in (state.idle.popLast(), state.closed) }
        if let connection { return connection }
        guard !closed else { throw DirectConnection.closedError }
        return try DirectConnection(path: path, readOnly: true, busyTimeout: busyTimeout)
    }

    private func checkIn(_ connection: DirectConnection) {
        let closed = state.withLock { state in
            if !state.closed { state.idle.append(connection) }
            return state.closed
        }
        if closed { connection.close() }
    }
}
