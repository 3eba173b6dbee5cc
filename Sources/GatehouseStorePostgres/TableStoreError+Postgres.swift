import GatehouseStore
import NIOCore
import PostgresNIO

extension TableStoreError {
    /// The store's error for a PostgreSQL or connection error: what happened and where, never a stored value or the
    /// password (PostgreSQL's own message is kept only for errors about the connection, whose text holds none).
    init(postgres error: any Error, url: PostgresStoreURL, connecting: Bool) {
        let server = "the PostgreSQL store at \(url.server)"
        guard let psql = error as? PSQLError else {
            self.init(
                code: .storageFailure,
                message: connecting
                    ? "cannot connect to \(server): \(Self.reason(error))" : "\(server) failed: \(Self.reason(error))",
                cause: error
            )
            return
        }
        let state = psql.serverInfo?[.sqlState] ?? ""
        let serverMessage = psql.serverInfo?[.message] ?? ""
        let message: String
        switch state {
        case "28P01", "28000":
            message = "\(server) refused user '\(url.username)': \(serverMessage)"
        case "3D000":
            message = "\(server) has no database '\(url.database)'"
        case "42501":
            message = "user '\(url.username)' lacks a privilege the store needs in database '\(url.database)'"
        case "57P01", "57P02", "57P03":
            message = "\(server) is shutting down or starting up (SQLSTATE \(state))"
        case "53300":
            message = "\(server) has no connection slot left (SQLSTATE 53300, too many connections)"
        case "":
            if psql.code == .authMechanismRequiresPassword {
                message = "\(server) asks for a password and the URL has none"
            } else if psql.code == .sslUnsupported {
                message = "\(server) does not offer TLS, which sslmode requires"
            } else {
                let what = psql.underlying.map(Self.reason) ?? "\(psql.code)"
                message = connecting ? "cannot connect to \(server): \(what)" : "\(server) failed: \(what)"
            }
        default:
            // A server error about the data may quote values: name its class only.
            message = "\(server) failed with SQLSTATE \(state)"
        }
        self.init(code: .storageFailure, message: message, cause: error)
    }

    /// A short reason for a transport error ("connection refused", …).
    private static func reason(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            return psql.underlying.map(reason) ?? "\(psql.code)"
        }
        if let io = error as? IOError {
            return io.description
        }
        if let channel = error as? ChannelError {
            return "\(channel)"
        }
        return String(describing: error)
    }
}
