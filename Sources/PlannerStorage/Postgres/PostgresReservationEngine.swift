import Foundation
public import Logging
import NIOSSL
public import PostgresNIO

/// Held offers and bookings in PostgreSQL (postgres-nio), for several daemons sharing one database.
///
/// **Isolation.** Every ``atomically(_:decide:)`` step runs at READ COMMITTED and begins with
/// `SELECT … FROM plannerd_state WHERE id = 1 FOR UPDATE`: one row lock that every write step of
/// every daemon takes first, so write steps run one at a time across the whole cluster. Under
/// READ COMMITTED each statement after the lock sees every transaction committed before the
/// lock was granted, so the decision is made on the latest capacity and the change-log versions it
/// writes follow the last one without gaps. SERIALIZABLE would also prevent double booking, but
/// by aborting one of two conflicting transactions, which then has to be retried; and it would
/// not give the change log a single order that other daemons can follow with one range query.
/// Holds and accepts are a few per second at most, so one lock costs nothing that matters;
/// reads (`GET`, dry-run planning, following the log) never take it.
///
/// The client's connection pool must be running: call ``run()`` (the daemon runs it as a service).
public struct PostgresReservationEngine: ReservationStorageEngine {
    /// The database.
    public let location: PostgresLocation
    /// The connection pool.
    public let client: PostgresClient
    private let logger: Logger

    /// An engine for `location` with at most `connections` connections.
    public init(location: PostgresLocation, connections: Int = 20, logger: Logger) {
        let tls: PostgresClient.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.maximumConnections = connections
        self.location = location
        self.logger = logger
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async {
        await client.run()
    }

    public func migrate() async throws {
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS plannerd_migrations (name TEXT PRIMARY KEY, applied TIMESTAMPTZ NOT NULL DEFAULT now())", logger: logger)
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM plannerd_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO plannerd_migrations (name) VALUES (\(migration.name))", logger: logger)
            }
        }
    }

    public func changes(after version: Int64, now: Int64) async throws -> ChangeFeed {
        // REPEATABLE READ: the state row and the log (or the snapshot) come from one snapshot.
        try await client.withConnection { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                let feed = try await feed(connection, after: version, now: now)
                try await connection.query("COMMIT", logger: logger)
                return feed
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func offer(id: String) async throws -> StoredOffer? {
        try await client.withConnection { connection in
            try await offers(connection, "SELECT \(unescaped: StoredOfferRow.selectList) FROM offers WHERE id = \(id)").first
        }
    }

    public func offer(booking: String) async throws -> StoredOffer? {
        try await client.withConnection { connection in
            try await offers(connection, "SELECT \(unescaped: StoredOfferRow.selectList) FROM offers WHERE booking = \(booking)").first
        }
    }

    public func atomically<Result: Sendable>(
        _ request: AtomicRead, decide: @escaping @Sendable (AtomicReadResult) throws -> AtomicWrite<Result>
    ) async throws -> Result {
        try await transaction { connection in
            let rows = try await connection.query("SELECT version, next_key FROM plannerd_state WHERE id = 1 FOR UPDATE", logger: logger)
            var state: (Int64, Int64)?
            for try await row in rows.decode((Int64, Int64).self) { state = row }
            guard let (version, nextKey) = state else {
                throw ReservationError(.storageInconsistent, "the database has no plannerd_state row; was it migrated?")
            }
            var read = AtomicReadResult(version: version, nextKey: nextKey, feed: try await feed(connection, after: request.changesAfter, now: request.now))
            if let id = request.offerSetOf {
                read.offerSet = try await offers(
                    connection,
                    "SELECT \(unescaped: StoredOfferRow.selectList) FROM offers WHERE offer_set = (SELECT offer_set FROM offers WHERE id = \(id))")
            }
            if let booking = request.booking {
                read.booking = try await offers(connection, "SELECT \(unescaped: StoredOfferRow.selectList) FROM offers WHERE booking = \(booking)").first
            }
            let write = try decide(read)
            try await apply(write, after: version, connection)
            return write.result
        }
    }

    public func tidy(now: Int64, logBefore: Int64) async throws -> TidyReport {
        try await transaction { connection in
            var expired = 0
            let updated = try await connection.query(
                "UPDATE offers SET state = 'EXPIRED', changed = expires WHERE state = 'OFFERED' AND expires <= \(now) RETURNING id",
                logger: logger)
            for try await _ in updated.decode(String.self) { expired += 1 }
            var last: Int64?
            for try await value in try await connection.query(
                "SELECT max(version) FROM capacity_log WHERE logged < \(logBefore)", logger: logger
            ).decode(Int64?.self) { last = value }
            guard let last else { return TidyReport(expired: expired, prunedChanges: 0) }
            var pruned = 0
            let deleted = try await connection.query("DELETE FROM capacity_log WHERE version <= \(last) RETURNING version", logger: logger)
            for try await _ in deleted.decode(Int64.self) { pruned += 1 }
            try await connection.query("UPDATE plannerd_state SET pruned_through = greatest(pruned_through, \(last)) WHERE id = 1", logger: logger)
            return TidyReport(expired: expired, prunedChanges: pruned)
        }
    }

    /// Runs `body` in a transaction; the error `body` threw comes out as itself (postgres-nio
    /// wraps it in a `PostgresTransactionError`), so a refusal stays a refusal.
    private func transaction<Value>(_ body: (PostgresConnection) async throws -> sending Value) async throws -> sending Value {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            if error.rollbackError == nil, error.commitError == nil, let inner = error.closureError { throw inner }
            throw error
        }
    }

    // MARK: - Rows

    private func feed(_ connection: PostgresConnection, after version: Int64, now: Int64) async throws -> ChangeFeed {
        var state: (Int64, Int64)?
        for try await row in try await connection.query(
            "SELECT version, pruned_through FROM plannerd_state WHERE id = 1", logger: logger
        ).decode((Int64, Int64).self) { state = row }
        guard let (current, pruned) = state else {
            throw ReservationError(.storageInconsistent, "the database has no plannerd_state row; was it migrated?")
        }
        guard version >= 0, version >= pruned else {
            let live = try await offers(
                connection,
                """
                SELECT \(unescaped: StoredOfferRow.selectList) FROM offers
                WHERE end_at > \(now) AND ((state = 'OFFERED' AND expires > \(now)) OR booking_state = 'ACCEPTED')
                """)
            return .snapshot(version: current, reservations: live)
        }
        var changes: [CapacityChange] = []
        let rows = try await connection.query(
            "SELECT \(unescaped: CapacityChange.selectList) FROM capacity_log WHERE version > \(version) ORDER BY version", logger: logger)
        for try await (version, kind, key, service, start, end, cores, memory, expires) in rows.decode(
            (Int64, String, Int64, String, Int64, Int64, Int64, Int64, Int64).self)
        {
            changes.append(try CapacityChange(
                version: version, kind: kind, key: key, service: service, start: start, end: end, cores: cores, memory: memory, expires: expires))
        }
        return .changes(changes)
    }

    private func offers(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [StoredOffer] {
        var offers: [StoredOffer] = []
        for try await row in try await connection.query(query, logger: logger) {
            let cells = PostgresRandomAccessRow(row)
            offers.append(try StoredOffer(row: StoredOfferRow(
                id: try cells["id"].decode(String.self), offerSet: try cells["offer_set"].decode(String.self),
                owner: try cells["owner"].decode(String?.self), key: try cells["key"].decode(Int64.self),
                tasktype: try cells["tasktype"].decode(String.self), service: try cells["service"].decode(String.self),
                servicetype: try cells["servicetype"].decode(String.self), serviceinfo: try cells["serviceinfo"].decode(String.self),
                resources: try cells["resources"].decode(String.self), start: try cells["start_at"].decode(Int64.self),
                end: try cells["end_at"].decode(Int64.self), cores: try cells["cores"].decode(Int64.self),
                memory: try cells["memory"].decode(Int64.self), created: try cells["created"].decode(Int64.self),
                expires: try cells["expires"].decode(Int64.self), state: try cells["state"].decode(String.self),
                booking: try cells["booking"].decode(String?.self), bookingState: try cells["booking_state"].decode(String?.self),
                changed: try cells["changed"].decode(Int64.self))))
        }
        return offers
    }

    private func apply<Result>(_ write: AtomicWrite<Result>, after version: Int64, _ connection: PostgresConnection) async throws {
        for offer in write.inserts {
            let row = StoredOfferRow(offer)
            try await connection.query(
                """
                INSERT INTO offers (\(unescaped: StoredOfferRow.selectList)) VALUES (
                \(row.id), \(row.offerSet), \(row.owner), \(row.key), \(row.tasktype), \(row.service), \(row.servicetype),
                \(row.serviceinfo), \(row.resources), \(row.start), \(row.end), \(row.cores), \(row.memory), \(row.created),
                \(row.expires), \(row.state), \(row.booking), \(row.bookingState), \(row.changed))
                """, logger: logger)
        }
        for offer in write.updates {
            try await connection.query(
                """
                UPDATE offers SET state = \(offer.state.rawValue), booking = \(offer.booking),
                booking_state = \(offer.bookingState?.rawValue), changed = \(offer.changed) WHERE id = \(offer.id)
                """, logger: logger)
        }
        var last = version
        let logged = Int64(Date().timeIntervalSince1970)
        for change in write.changes {
            guard change.version == last + 1 else {
                throw ReservationError(.storageInconsistent, "change \(change.version) does not follow \(last)")
            }
            last = change.version
            try await connection.query(
                """
                INSERT INTO capacity_log (\(unescaped: CapacityChange.columns.joined(separator: ", "))) VALUES (
                \(change.version), \(change.kind.rawValue), \(change.key), \(change.service), \(change.start), \(change.end),
                \(change.cores), \(change.memory), \(change.expires), \(logged))
                """, logger: logger)
        }
        try await connection.query("UPDATE plannerd_state SET version = \(last), next_key = \(write.nextKey) WHERE id = 1", logger: logger)
    }
}
