import GatehouseStore
import PostgresNIO

/// The statements behind the store's two `StatementBatcher`s: the point reads and the conditional creates of
/// several callers in one round trip.
extension PostgresTableStore {
    /// A create that inserts an item only where none is.
    struct PendingInsert: Sendable {
        var address: PostgresStatements.ItemAddress
        /// The item's JSON text.
        var item: String
        var expires: Double?
        /// The item's table when it has a time to live: a create there also purges a few expired items.
        var purges: TableDefinition?
    }

    /// What one create of a batch did.
    enum InsertOutcome: Sendable, Equatable {
        case inserted
        /// An item (live, expired or a placeholder) was there, or an earlier create of the batch had its address.
        case notInserted
        /// Its guard item was not live (absent, a placeholder or expired) when the statement ran.
        case guardMissing
    }

    /// A create that inserts an item only where none is, and only while another item is live (its guard).
    struct GuardedInsert: Sendable {
        var insert: PendingInsert
        var requires: PostgresStatements.ItemAddress
    }

    /// Runs a session of one of the lanes' `StatementBatcher`s, in the session's task: a connection, leased when the
    /// session starts (its wait counted from the oldest queued call's arrival, the task cancelled by the watchdog when
    /// it is late), runs the batches the session takes, one after another, with the operation timeout counted from
    /// each batch's start. A batch that fails fails its calls, and the session
    /// ends, so the next leases a connection again (the failure may have been the connection's). A session that gets
    /// no connection fails the batch it was started for.
    func runSession<Input: Sendable, Output: Sendable>(
        _ session: StatementBatcher<Input, Output>.Session,
        _ batch: @escaping @Sendable ([Input], PostgresConnection) async throws -> [Output]
    ) async {
        guard let since = session.oldestQueued else { return }
        // The session's own task waits for the connection: no other task's hop between the calls and the lease.
        let limits = OperationLimits(store: self)
        let race = limits.race
        let ticket = watchdog.watch(race, cancelling: session.task, started: since)
        limits.watching(ticket)
        defer { watchdog.forget(ticket) }
        do {
            try await lanes.current.client.withConnection { connection in
                guard race.claim(connection) else { throw LeaseRace.TimedOut() }
                defer { race.finish() }
                while let inputs = session.next() {
                    limits.restart()
                    do {
                        session.deliver(.success(try await batch(inputs, connection)))
                    } catch {
                        session.deliver(.failure(limits.storeError(error)))
                        return
                    }
                }
            }
        } catch {
            session.fail(limits.storeError(error))
        }
    }

    /// The stored row of each address (nil where there is none), in order. A lone read runs the single statement.
    func selectRows(_ addresses: [PostgresStatements.ItemAddress], on connection: PostgresConnection) async throws
        -> [PostgresStatements.StoredRow?]
    {
        if addresses.count == 1 {
            let row = try await connection.execute(PostgresStatements.Select(address: addresses[0]), logger: logger)
                .collectAll().first
            return [row]
        }
        var rows = [PostgresStatements.StoredRow?](repeating: nil, count: addresses.count)
        let found = try await connection.execute(
            PostgresStatements.SelectBatch(addresses: .init(addresses)), logger: logger
        ).collectAll()
        for (position, row) in found { rows[position - 1] = row }
        return rows
    }

    /// What each create did, in order. One statement inserts them all, so they share one commit. A lone create runs
    /// the single statement.
    ///
    /// With `guards` (one per create), a create inserts only where its guard item is live (`GuardedInsertBatch`).
    func insertRows(
        _ inserts: [PendingInsert], guards: [PostgresStatements.ItemAddress]? = nil, on connection: PostgresConnection
    ) async throws -> [InsertOutcome] {
        var outcomes = [InsertOutcome](repeating: .notInserted, count: inserts.count)
        if inserts.count == 1, guards == nil {
            let insert = inserts[0]
            let inserted = try await !connection.execute(
                PostgresStatements.Insert(address: insert.address, item: insert.item, expires: insert.expires),
                logger: logger
            ).collectAll().isEmpty
            if inserted { outcomes[0] = .inserted }
        } else {
            // One insert per address: a second create of the same item is told it was not inserted, and reads
            // the first one's item (and so fails its condition) once this commits.
            var seen = Set<PostgresStatements.ItemAddress>()
            let unique = inserts.indices.filter { seen.insert(inserts[$0].address).inserted }
            let batch = PostgresStatements.InsertBatch(
                addresses: .init(unique.map { inserts[$0].address }),
                items: unique.map { inserts[$0].item },
                expiries: unique.map { inserts[$0].expires ?? .nan }
            )
            try await Self.retryingDeadlocks {
                if let guards {
                    // A create of the batch that gets no row had no live guard.
                    for index in unique { outcomes[index] = .guardMissing }
                    let rows = try await connection.execute(
                        PostgresStatements.GuardedInsertBatch(
                            inserts: batch, guards: .init(unique.map { guards[$0] }), now: clock()),
                        logger: logger
                    ).collectAll()
                    for row in rows { outcomes[unique[row.position - 1]] = row.inserted ? .inserted : .notInserted }
                } else {
                    let positions = try await connection.execute(batch, logger: logger).collectAll()
                    for position in positions { outcomes[unique[position - 1]] = .inserted }
                }
            }
        }
        var purged = Set<String>()
        let tables = inserts.indices.compactMap { index in
            outcomes[index] == .inserted ? inserts[index].purges : nil
        }.filter { purged.insert($0.name).inserted }
        if !tables.isEmpty { await purgeExpired(in: tables, now: clock(), connection: connection) }
        return outcomes
    }
}
