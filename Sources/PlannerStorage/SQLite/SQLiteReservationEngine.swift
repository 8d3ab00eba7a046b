public import Foundation
import GRDB

/// Held offers and bookings in an SQLite file (GRDB), the embedded default.
///
/// The file is opened as a GRDB `DatabasePool` in WAL mode with `synchronous = FULL`: a write is
/// on disk when its transaction commits, so an acknowledged booking survives `kill -9` and power
/// loss, and readers never block the writer. Every ``atomically(_:decide:)`` step is a
/// `BEGIN IMMEDIATE` transaction, which takes SQLite's single write lock at once: steps are
/// serialised with each other in this process (GRDB's writer queue) and in any other process
/// using the same file (the lock, waited for up to `busyTimeout`).
public struct SQLiteReservationEngine: ReservationStorageEngine {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, busyTimeout: TimeInterval = 10) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "plannerd"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        self.path = path
        self.pool = try DatabasePool(path: path, configuration: configuration)
    }

    /// Migrates; when another process migrates the same file at the same moment, one of the two
    /// fails on the schema the other just created, so a failed attempt is tried again (after the
    /// other commits, the migrations are recorded as applied and nothing is left to do).
    public func migrate() async throws {
        var attempt = 0
        while true {
            do {
                try SQLiteSchema.migrator.migrate(pool)
                return
            } catch {
                attempt += 1
                guard attempt < 5 else { throw error }
                try await Task.sleep(for: .milliseconds(50 * attempt))
            }
        }
    }

    public func changes(after version: Int64, now: Int64) async throws -> ChangeFeed {
        try await pool.read { db in try Self.feed(db, after: version, now: now) }
    }

    public func offer(id: String) async throws -> StoredOffer? {
        try await pool.read { db in try Self.offers(db, where: "id = ?", [id]).first }
    }

    public func offer(booking: String) async throws -> StoredOffer? {
        try await pool.read { db in try Self.offers(db, where: "booking = ?", [booking]).first }
    }

    public func atomically<Result: Sendable>(
        _ request: AtomicRead, decide: @escaping @Sendable (AtomicReadResult) throws -> AtomicWrite<Result>
    ) async throws -> Result {
        try await pool.writeWithoutTransaction { db in
            var result: Result?
            try db.inTransaction(.immediate) {
                guard let state = try Row.fetchOne(db, sql: "SELECT version, next_key FROM plannerd_state WHERE id = 1") else {
                    throw ReservationError(.storageInconsistent, "the database has no plannerd_state row; was it migrated?")
                }
                var read = AtomicReadResult(
                    version: state["version"], nextKey: state["next_key"],
                    feed: try Self.feed(db, after: request.changesAfter, now: request.now))
                if let id = request.offerSetOf {
                    read.offerSet = try Self.offers(db, where: "offer_set = (SELECT offer_set FROM offers WHERE id = ?)", [id])
                }
                if let booking = request.booking {
                    read.booking = try Self.offers(db, where: "booking = ?", [booking]).first
                }
                let write = try decide(read)
                try Self.apply(write, after: read.version, db)
                result = write.result
                return .commit
            }
            guard let result else { throw ReservationError(.storageInconsistent, "the transaction ended without a result") }
            return result
        }
    }

    public func tidy(now: Int64, logBefore: Int64) async throws -> TidyReport {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE offers SET state = 'EXPIRED', changed = expires WHERE state = 'OFFERED' AND expires <= ?", arguments: [now])
            let expired = db.changesCount
            let last = try Int64.fetchOne(db, sql: "SELECT max(version) FROM capacity_log WHERE logged < ?", arguments: [logBefore])
            guard let last else { return TidyReport(expired: expired, prunedChanges: 0) }
            try db.execute(sql: "DELETE FROM capacity_log WHERE version <= ?", arguments: [last])
            let pruned = db.changesCount
            try db.execute(sql: "UPDATE plannerd_state SET pruned_through = max(pruned_through, ?) WHERE id = 1", arguments: [last])
            return TidyReport(expired: expired, prunedChanges: pruned)
        }
    }

    // MARK: - Rows

    private static func feed(_ db: Database, after version: Int64, now: Int64) throws -> ChangeFeed {
        // Every plan reads the feed: its statements are prepared once per connection.
        let stateQuery = try db.cachedStatement(sql: "SELECT version, pruned_through FROM plannerd_state WHERE id = 1")
        guard let state = try Row.fetchOne(stateQuery) else {
            throw ReservationError(.storageInconsistent, "the database has no plannerd_state row; was it migrated?")
        }
        let current: Int64 = state["version"]
        let pruned: Int64 = state["pruned_through"]
        // Nothing changed since `version`: no need to look at the log.
        if version >= 0, version == current, version >= pruned { return .changes([]) }
        guard version >= 0, version >= pruned else {
            let live = try offers(
                db, where: "end_at > ? AND ((state = 'OFFERED' AND expires > ?) OR booking_state = 'ACCEPTED')", [now, now])
            return .snapshot(version: current, reservations: live)
        }
        let logQuery = try db.cachedStatement(sql: "SELECT \(CapacityChange.selectList) FROM capacity_log WHERE version > ? ORDER BY version")
        let rows = try Row.fetchAll(logQuery, arguments: [version])
        return .changes(try rows.map { row in
            try CapacityChange(
                version: row["version"], kind: row["kind"], key: row["key"], service: row["service"], start: row["start_at"],
                end: row["end_at"], cores: row["cores"], memory: row["memory"], expires: row["expires"])
        })
    }

    private static func offers(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [StoredOffer] {
        let rows = try Row.fetchAll(db, sql: "SELECT \(StoredOfferRow.selectList) FROM offers WHERE \(condition)", arguments: arguments)
        return try rows.map { row in
            try StoredOffer(row: StoredOfferRow(
                id: row["id"], offerSet: row["offer_set"], owner: row["owner"], key: row["key"], tasktype: row["tasktype"],
                service: row["service"], servicetype: row["servicetype"], serviceinfo: row["serviceinfo"],
                resources: row["resources"], start: row["start_at"], end: row["end_at"], cores: row["cores"],
                memory: row["memory"], created: row["created"], expires: row["expires"], state: row["state"],
                booking: row["booking"], bookingState: row["booking_state"], changed: row["changed"]))
        }
    }

    private static func apply<Result>(_ write: AtomicWrite<Result>, after version: Int64, _ db: Database) throws {
        let placeholders = Array(repeating: "?", count: StoredOfferRow.columns.count).joined(separator: ", ")
        for offer in write.inserts {
            try db.execute(
                sql: "INSERT INTO offers (\(StoredOfferRow.selectList)) VALUES (\(placeholders))",
                arguments: StatementArguments(values(StoredOfferRow(offer))))
        }
        for offer in write.updates {
            try db.execute(
                sql: "UPDATE offers SET state = ?, booking = ?, booking_state = ?, changed = ? WHERE id = ?",
                arguments: [offer.state.rawValue, offer.booking, offer.bookingState?.rawValue, offer.changed, offer.id])
        }
        var last = version
        for change in write.changes {
            guard change.version == last + 1 else {
                throw ReservationError(.storageInconsistent, "change \(change.version) does not follow \(last)")
            }
            last = change.version
            try db.execute(
                sql: "INSERT INTO capacity_log (\(CapacityChange.columns.joined(separator: ", "))) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    change.version, change.kind.rawValue, change.key, change.service, change.start, change.end, change.cores,
                    change.memory, change.expires, Int64(Date().timeIntervalSince1970),
                ])
        }
        try db.execute(sql: "UPDATE plannerd_state SET version = ?, next_key = ? WHERE id = 1", arguments: [last, write.nextKey])
    }

    private static func values(_ row: StoredOfferRow) -> [(any DatabaseValueConvertible)?] {
        [
            row.id, row.offerSet, row.owner, row.key, row.tasktype, row.service, row.servicetype, row.serviceinfo,
            row.resources, row.start, row.end, row.cores, row.memory, row.created, row.expires, row.state, row.booking,
            row.bookingState, row.changed,
        ]
    }
}
