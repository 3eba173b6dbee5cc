import Foundation
import NIOCore

/// What a server that could not open its listening socket tells the user: the address, why in words, and what to
/// change, instead of the socket call's own text ("bind(descriptor:ptr:bytes:): Address already in use (errno: 98)").
enum ListenFailure {
    /// The message for `error` when it is the socket's refusal to listen on `host`:`port`; nil for any other error.
    static func message(for error: any Error, host: String, port: Int) -> String? {
        guard let error = error as? IOError else { return nil }
        let reason: String
        switch error.errnoCode {
        case EADDRINUSE:
            reason =
                "the address is already in use; stop what listens there, or give another --port (0 picks a free one)"
        case EACCES:
            reason = "permission denied; ports below 1024 need privileges, so give a --port of 1024 or more"
        case EADDRNOTAVAIL:
            reason =
                "no network interface of this machine has that address; give a --host of this machine (127.0.0.1 "
                + "for this machine only, 0.0.0.0 for every interface)"
        default:
            reason = String(cString: strerror(error.errnoCode)).lowercased()
        }
        return "error: cannot listen on \(host):\(port): \(reason)"
    }
}
