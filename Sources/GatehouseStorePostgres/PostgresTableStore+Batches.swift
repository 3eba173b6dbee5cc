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

    /// The stored row of each address (nil where there is none), in order. A lone read runs the single statement.
    func selectRows(_ addresses: [PostgresStatements.ItemAddress], since: ContinuousClock.Instant) async throws
        -> [PostgresStatements.StoredRow?]
    {
        let logger = self.logger
        return try await withConnection(cancellable: addresses.count == 1, since: since) { connection in
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
    }

    /// What each create did, in order. One statement inserts them all, so they share one commit. A lone create runs
    /// the single statement.
    ///
    /// With `guards` (one per create), a create inserts only where its guard item is live (`GuardedInsertBatch`).
    func insertRows(
        _ inserts: [PendingInsert], guards: [PostgresStatements.ItemAddress]? = nil, since: ContinuousClock.Instant
    ) async throws -> [InsertOutcome] {
        let logger = self.logger
        let clock = self.clock
        return try await withConnection(cancellable: inserts.count == 1, since: since) { connection in
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
            if !tables.isEmpty { await self.purgeExpired(in: tables, now: clock(), connection: connection) }
            return outcomes
        }
    }
}
