package import NIOCore
import NIOPosix

/// The event loop a store call came from, so its task carries on there once the database has answered.
///
/// `gatehouse serve` from a store runs Swift concurrency's jobs on NIO's singleton event loops (`GatewayExecutor`),
/// and NIO keeps a job on the loop that enqueues it, or sends it to the group's next loop from any other thread.
/// - A PostgreSQL answer arrives on its connection's loop, so without this the task of every caller a batch served
///   would carry on there: the requests' work gathered on whichever loop held the busy connections, one loop doing
///   three quarters of the gateway's work while the other idled (bench/README.md, issue 14's eighth round).
/// - A SQLite write is acknowledged by the writer's own thread, so without this each caller carried on on whichever
///   loop came next, and wrote its answer to its connection from there, through another hand-off.
/// Going back to the loop of the request's connection keeps the loops balanced and the answer on its own loop.
///
/// Only the singleton group's loops are gone back to: they never shut down, so a job sent there always runs. A call
/// from anywhere else (the cooperative pool, another group) has no caller loop and carries on where it resumes.
package struct CallerLoop: Sendable {
    package let loop: any EventLoop

    /// The loops of NIO's singleton group.
    private static let singletonLoops: [ObjectIdentifier] =
        MultiThreadedEventLoopGroup.singleton.makeIterator().map { ObjectIdentifier($0) }

    /// The singleton loop this thread runs, if any.
    package static var current: CallerLoop? {
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop,
            singletonLoops.contains(ObjectIdentifier(loop))
        else { return nil }
        return CallerLoop(loop: loop)
    }

    /// Runs `body` on the caller's loop: at once when this thread runs it, else queued there.
    package func run(_ body: @escaping @Sendable () -> Void) {
        if loop.inEventLoop { body() } else { loop.execute(body) }
    }

    /// Moves the current task back to the caller's loop, when it is elsewhere.
    package func returnHere() async {
        guard !loop.inEventLoop else { return }
        let loop = self.loop
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            // Resumed on the loop's own thread, the task is queued on that loop.
            loop.execute { continuation.resume() }
        }
    }
}
