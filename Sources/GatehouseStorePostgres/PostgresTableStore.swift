import Foundation
public import GatehouseStore
public import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

/// A `TableStore` in a PostgreSQL database: what several `gatehouse serve` instances share, so they have one set of
/// stateful items, one set of API keys and one quota per key.
///
/// Operations run through postgres-nio's connection pools, one on each event loop (`EventLoopLanes`): a request's
/// statement is written and answered on the loop the request runs on. Point reads and conditional creates that
/// arrive together on a loop go to the database together, one statement for many (`StatementBatcher`,
/// `selectRows`, `insertRows`). A single write reads the item and then writes it only if its version is still the one
/// read (compare and set, retried when another writer came first), so two instances incrementing one counter both
/// count. A transaction locks its items in key order (absent ones through a placeholder row), checks every condition,
/// writes, and commits: all or nothing, whatever else runs. An acknowledged write is committed (PostgreSQL's default
/// `synchronous_commit`); PostgreSQL flushes the commits of concurrent connections together, so writes arriving
/// together share one WAL flush.
///
/// When the database cannot be reached an operation fails with `storageFailure` after `connectionWait` rather than
/// waiting; the pools keep trying to reconnect, so the store recovers by itself when the database is back.
public final class PostgresTableStore: TableStore {
    /// Options of a PostgreSQL store.
    public struct Configuration: Sendable {
        /// Where the database is.
        public var url: PostgresStoreURL
        /// The most connections this store opens, shared by its pools (each instance has its own).
        public var maximumConnections: Int
        /// How long an operation waits for a connection before it fails with `storageFailure`.
        public var connectionWait: Duration
        /// How long opening one connection may take.
        public var connectTimeout: Duration
        /// How long an operation may run on its connection before the connection is closed and the operation fails
        /// with `storageFailure` (a server that went away mid-query must not hold a request for ever).
        public var operationTimeout: Duration

        /// How many batches of point reads, and how many of creates, may run at once from each event loop, each in
        /// a session on a connection of its own (`StatementBatcher`, `EventLoopLanes`); calls arriving while they all
        /// run wait for the next batch, so they share one round trip.
        public var batchesInFlight: Int

        /// The defaults: up to 16 connections; an operation waits up to 3 s for one and may run up to 15 s; one
        /// batch of reads and one of creates at once per event loop, so as many in all as the machine has loops
        /// (bench/README, issue 14's eleventh round: 2 per loop made smaller batches, costing the database more
        /// per request, for no more requests a second).
        public init(
            url: PostgresStoreURL,
            maximumConnections: Int = 16,
            connectionWait: Duration = .seconds(3),
            connectTimeout: Duration = .seconds(5),
            operationTimeout: Duration = .seconds(15),
            batchesInFlight: Int = 1
        ) {
            self.url = url
            self.maximumConnections = maximumConnections
            self.batchesInFlight = batchesInFlight
            self.connectionWait = connectionWait
            self.connectTimeout = connectTimeout
            self.operationTimeout = operationTimeout
        }
    }

    let lanes: EventLoopLanes
    let configuration: Configuration
    let logger: Logger
    let clock: @Sendable () -> Double
    private let running: Task<Void, Never>
    /// Keeps the connection wait and the operation timeout of every operation in flight.
    let watchdog: OperationWatchdog
    /// Table definitions already read, so a point operation runs one statement. Definitions change only through
    /// `createTable` and `deleteTable`; another instance that deletes a table and creates it again with another key
    /// is not seen until restart (Gatehouse's own `store clear` keeps the key).
    let definitions = Mutex<[String: TableDefinition]>([:])
    /// Point reads, conditional creates and guarded creates (`EventLoopLanes.Lane`) so far, over every lane.
    var readStatistics: BatchStatistics { lanes.statistics(\.reads) }
    var createStatistics: BatchStatistics { lanes.statistics(\.creates) }
    var guardedCreateStatistics: BatchStatistics { lanes.statistics(\.guardedCreates) }

    /// Connects to the database, checks that it is empty or a Gatehouse store this version reads, and creates the
    /// schema in an empty one.
    ///
    /// An unreachable server, refused credentials, a missing database, a database holding other tables and a
    /// store of a newer schema each throw a `TableStoreError` that says so (never with the password), and nothing
    /// is changed.
    public static func open(_ configuration: Configuration, logger: Logger? = nil) async throws -> PostgresTableStore {
        try await open(configuration, logger: logger, clock: { Date().timeIntervalSince1970 })
    }

    /// Opens the store with a clock (seconds since 1970), so tests can move time.
    package static func open(
        _ configuration: Configuration,
        logger: Logger?,
        clock: @escaping @Sendable () -> Double
    ) async throws -> PostgresTableStore {
        let logger = logger ?? Logger(label: "gatehouse.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        try await prepare(configuration, logger: logger)
        return try PostgresTableStore(configuration: configuration, logger: logger, clock: clock)
    }

    private init(configuration: Configuration, logger: Logger, clock: @escaping @Sendable () -> Double) throws {
        let url = configuration.url
        var options =
            url.isUnixSocket
            ? PostgresClient.Configuration(
                unixSocketPath: url.socketPath, username: url.username, password: url.password, database: url.database)
            : PostgresClient.Configuration(
                host: url.host, port: url.port, username: url.username, password: url.password,
                database: url.database, tls: try Self.clientTLS(url.tlsMode))
        options.options.maximumConnections = configuration.maximumConnections
        options.options.additionalStartupParameters = Self.plannerSettings
        options.options.connectTimeout = configuration.connectTimeout
        let inFlight = max(1, configuration.batchesInFlight)
        let lanes = EventLoopLanes(
            configuration: options, maximumConnections: configuration.maximumConnections, batchesInFlight: inFlight,
            maximumBatch: Self.maximumBatch, logger: logger)
        self.lanes = lanes
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        running = Task { await lanes.run() }
        watchdog = OperationWatchdog(
            connectionWait: configuration.connectionWait, operationTimeout: configuration.operationTimeout)
    }

    /// The planner settings of the pools' connections: every statement of the store reads items through an index
    /// (the key's, or the expiry index), never by scanning or hashing the whole items table.
    ///
    /// PostgreSQL keeps a prepared statement's generic plan, made with the table's size at the time. The batched
    /// point read (`SelectBatch`) planned in a new store's first seconds, while the table held a few hundred items,
    /// joined the batch's addresses to a hash of the whole table, and kept doing so as the table grew: 24 ms a
    /// batch at 20,000 items, until autovacuum's next analyze, up to a minute later, had it planned again
    /// (bench/README.md, issue 14's eighth round). Planning each batch afresh cost a GET about 10 µs of the
    /// database's CPU; with these settings the prepared plans look every key up in the index whatever the size.
    static let plannerSettings: [(String, String)] = [
        ("enable_seqscan", "off"), ("enable_hashjoin", "off"), ("enable_mergejoin", "off"),
    ]

    /// The most calls one batched statement serves.
    static let maximumBatch = 64

    deinit {
        running.cancel()
        watchdog.stop()
    }

    /// Closes the pools' connections; later operations fail with `storageFailure`.
    public func close() async {
        running.cancel()
        await running.value
        watchdog.stop()
    }

    /// Checks the database on one connection of its own, whose errors say exactly what went wrong, and creates the
    /// schema when the database is new.
    private static func prepare(_ configuration: Configuration, logger: Logger) async throws {
        let url = configuration.url
        var options =
            url.isUnixSocket
            ? PostgresConnection.Configuration(
                unixSocketPath: url.socketPath, username: url.username, password: url.password, database: url.database)
            : PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.username, password: url.password,
                database: url.database, tls: try connectionTLS(url.tlsMode))
        options.options.connectTimeout = .nanoseconds(
            Int64(configuration.connectTimeout.components.seconds * 1_000_000_000))
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.next(),
                configuration: options,
                id: 0,
                logger: logger
            ).get()
        } catch {
            throw TableStoreError(postgres: error, url: url, connecting: true)
        }
        do {
            try await PostgresSchema.prepare(connection, logger: logger)
        } catch let error as TableStoreError {
            try? await connection.close()
            throw error
        } catch {
            try? await connection.close()
            throw TableStoreError(postgres: error, url: url, connecting: false)
        }
        try? await connection.close()
    }

    private static func tlsConfiguration(_ mode: PostgresStoreURL.TLSMode) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        // libpq's `prefer` and `require` encrypt without checking the certificate; `verify-full` checks it.
        if mode != .verifyFull { tls.certificateVerification = .none }
        return tls
    }

    private static func clientTLS(_ mode: PostgresStoreURL.TLSMode) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(tlsConfiguration(mode))
        case .require, .verifyFull: return .require(tlsConfiguration(mode))
        }
    }

    private static func connectionTLS(_ mode: PostgresStoreURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: tlsConfiguration(mode)))
        case .require, .verifyFull: return .require(try NIOSSLContext(configuration: tlsConfiguration(mode)))
        }
    }

    /// Runs `body` on a pooled connection; fails with `storageFailure` when none is available within
    /// `connectionWait` (the database is down or unreachable), or when the operation is still running after
    /// `operationTimeout` (its connection is then closed, so a query stuck on a connection the server dropped
    /// cannot hold the request or the pool's slot), and maps PostgreSQL's errors to `TableStoreError`.
    ///
    /// The caller's task carries on on the event loop it called from (`CallerLoop`), not on the connection's.
    ///
    /// Both limits are kept by the store's one `OperationWatchdog`, not by a timer per operation: the operation runs
    /// in a task the watchdog cancels when its lease is late, and whose connection it closes when it runs too long.
    ///
    /// With `cancellable: false` the operation runs on when its caller's task is cancelled (the two limits still
    /// hold); `since` is when its wait began, so the limits count from there. A batch session keeps the same limits
    /// in its own task (`runSession`).
    func withConnection<T: Sendable>(
        cancellable: Bool = true,
        since: ContinuousClock.Instant = .now,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withLimitedConnection(cancellable: cancellable, since: since) { connection, _ in
            try await body(connection)
        }
    }

    /// `withConnection`, with the operation's `OperationLimits` given to `body`: a session of several batches counts
    /// the operation timeout from each batch's start, and tells its callers what each batch's error means.
    func withLimitedConnection<T: Sendable>(
        cancellable: Bool,
        since: ContinuousClock.Instant,
        _ body: @escaping @Sendable (PostgresConnection, OperationLimits) async throws -> T
    ) async throws -> T {
        let limits = OperationLimits(store: self)
        let race = limits.race
        let client = lanes.current.client
        let caller = CallerLoop.current
        let operation = Task<T, any Error> {
            try await client.withConnection { connection in
                guard race.claim(connection) else { throw LeaseRace.TimedOut() }
                defer { race.finish() }
                return try await body(connection, limits)
            }
        }
        let ticket = watchdog.watch(race, cancelling: operation, started: since)
        limits.watching(ticket)
        defer { watchdog.forget(ticket) }
        let outcome: Result<T, any Error>
        do {
            outcome = .success(
                try await withTaskCancellationHandler {
                    try await operation.value
                } onCancel: {
                    if cancellable { operation.cancel() }
                })
        } catch {
            outcome = .failure(error)
        }
        // The answer came on the connection's event loop: the caller carries on on its own (`CallerLoop`).
        await caller?.returnHere()
        return try outcome.mapError(limits.storeError).get()
    }

    /// The time limits of one operation on a connection, as its body sees them.
    final class OperationLimits: Sendable {
        let race = LeaseRace()
        private let store: PostgresTableStore
        private let ticket = Mutex<Int?>(nil)

        init(store: PostgresTableStore) {
            self.store = store
        }

        func watching(_ ticket: Int) {
            self.ticket.withLock { $0 = ticket }
        }

        /// The operation timeout counts from now: a session's next batch starts.
        func restart() {
            guard let ticket = ticket.withLock({ $0 }) else { return }
            store.watchdog.restart(ticket, at: .now)
        }

        /// What `error` means to the operation's caller: a `TableStoreError` as it is; no connection in time, or an
        /// operation abandoned after the timeout, as `storageFailure` saying so; PostgreSQL's errors mapped.
        func storeError(_ error: any Error) -> any Error {
            if error is TableStoreError { return error }
            let configuration = store.configuration
            switch race.outcome {
            case .expired:
                return TableStoreError(
                    code: .storageFailure,
                    message: "no connection to the PostgreSQL store at \(configuration.url.server) within "
                        + "\(PostgresTableStore.seconds(configuration.connectionWait)) s; it is down or unreachable"
                )
            case .abandoned:
                return TableStoreError(
                    code: .storageFailure,
                    message: "the PostgreSQL store at \(configuration.url.server) did not answer within "
                        + "\(PostgresTableStore.seconds(configuration.operationTimeout)) s; the connection was closed"
                )
            default:
                return TableStoreError(postgres: error, url: configuration.url, connecting: false)
            }
        }
    }

    fileprivate static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Which of the lease and the timeouts came first: exactly one wins, so a write never starts after its caller
    /// was told it failed, and a running operation is abandoned only while it still runs.
    final class LeaseRace: Sendable {
        struct TimedOut: Error {}
        /// Where the operation is.
        enum Phase: Sendable {
            case waiting, running, expired, finished, abandoned
        }
        private let state = Mutex<(phase: Phase, connection: PostgresConnection?)>((.waiting, nil))

        /// The phase now: `expired` or `abandoned` once the watchdog has ended the operation.
        var outcome: Phase {
            state.withLock { $0.phase }
        }

        /// True when the lease came first and the operation may run on `connection`.
        func claim(_ connection: PostgresConnection) -> Bool {
            state.withLock { state in
                guard state.phase == .waiting else { return false }
                state = (.running, connection)
                return true
            }
        }

        /// The operation ended (either way).
        func finish() {
            state.withLock { state in
                // An abandoned operation stays abandoned: its caller is told why it failed.
                if state.phase == .running { state = (.finished, nil) }
            }
        }

        /// True when the timeout came first and the operation must not run.
        func expire() -> Bool {
            state.withLock { state in
                guard state.phase == .waiting else { return false }
                state.phase = .expired
                return true
            }
        }

        /// The connection of an operation still running, which the caller closes; nil when it finished.
        func abandon() -> PostgresConnection? {
            state.withLock { state in
                guard state.phase == .running, let connection = state.connection else { return nil }
                state = (.abandoned, nil)
                return connection
            }
        }
    }

    // MARK: Tables

    @discardableResult
    public func createTable(_ definition: TableDefinition) async throws -> Bool {
        try definition.validate()
        let inserted = try await withConnection { connection in
            try await connection.query(
                """
                INSERT INTO gatehouse_tables (name, partition_key, partition_type, sort_key, sort_type, ttl_attribute)
                VALUES (\(definition.name), \(definition.partitionKey.name), \(definition.partitionKey.type.rawValue),
                        \(definition.sortKey?.name), \(definition.sortKey?.type.rawValue),
                        \(definition.timeToLiveAttribute))
                ON CONFLICT (name) DO NOTHING RETURNING name
                """,
                logger: self.logger
            ).collect().count == 1
        }
        if inserted { return true }
        guard let existing = try await describeTable(definition.name) else {
            // Deleted between the two statements: try again.
            return try await createTable(definition)
        }
        guard existing == definition else {
            throw TableStoreError(
                code: .tableConflict,
                message: "table '\(definition.name)' exists with another definition"
            )
        }
        return false
    }

    public func describeTable(_ name: String) async throws -> TableDefinition? {
        try TableDefinition.validateName(name)
        let definitions = try await withConnection { connection in
            try await Self.definitions(connection, named: name, logger: self.logger)
        }
        return definitions.first
    }

    public func listTables() async throws -> [TableDefinition] {
        try await withConnection { connection in
            try await Self.definitions(connection, named: nil, logger: self.logger)
        }
    }

    public func deleteTable(_ name: String) async throws {
        try TableDefinition.validateName(name)
        definitions.withLock { $0[name] = nil }
        try await withConnection { connection in
            try await Self.inTransaction(connection, logger: self.logger) {
                let deleted = try await connection.query(
                    "DELETE FROM gatehouse_tables WHERE name = \(name) RETURNING name",
                    logger: self.logger
                ).collect()
                guard !deleted.isEmpty else { throw TableStoreError.tableNotFound(name) }
                try await connection.query("DELETE FROM gatehouse_items WHERE tbl = \(name)", logger: self.logger)
            }
        }
        definitions.withLock { $0[name] = nil }
    }

    /// The definition of table `name` (cached), or `tableNotFound`.
    func table(_ name: String) async throws -> TableDefinition {
        if let cached = definitions.withLock({ $0[name] }) { return cached }
        try TableDefinition.validateName(name)
        guard let definition = try await describeTable(name) else { throw TableStoreError.tableNotFound(name) }
        definitions.withLock { $0[name] = definition }
        return definition
    }

    /// The definitions of every table (ordered by the bytes of their names), or of the one named `name`.
    static func definitions(_ connection: PostgresConnection, named name: String?, logger: Logger) async throws
        -> [TableDefinition]
    {
        let columns = "name, partition_key, partition_type, sort_key, sort_type, ttl_attribute"
        let query: PostgresQuery =
            if let name {
                "SELECT \(unescaped: columns) FROM gatehouse_tables WHERE name = \(name)"
            } else {
                "SELECT \(unescaped: columns) FROM gatehouse_tables ORDER BY name COLLATE \"C\""
            }
        return try await connection.query(query, logger: logger).collect().map { row in
            let (name, partitionKey, partitionType, sortKey, sortType, timeToLive) = try row.decode(
                (String, String, String, String?, String?, String?).self
            )
            return try PostgresSchema.definition(
                name: name,
                partitionKey: partitionKey,
                partitionType: partitionType,
                sortKey: sortKey,
                sortType: sortType,
                timeToLive: timeToLive
            )
        }
    }

    /// Runs `body` between BEGIN and COMMIT; any error rolls back (the error of a lost connection included, when
    /// PostgreSQL rolls back by itself).
    static func inTransaction<T>(
        _ connection: PostgresConnection,
        logger: Logger,
        _ body: () async throws -> T
    ) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let result = try await body()
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}

extension AsyncSequence {
    /// Every element, in order.
    @discardableResult
    func collectAll() async throws -> [Element] {
        var elements: [Element] = []
        for try await element in self { elements.append(element) }
        return elements
    }
}
