import GRDB

/// The SQLite schema and its migrations (GRDB's `DatabaseMigrator`: each migration runs once, in
/// order, in its own transaction; the applied ones are recorded in `grdb_migrations`).
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-offers-and-change-log") { db in
            try db.execute(sql: """
                CREATE TABLE plannerd_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    version INTEGER NOT NULL,
                    next_key INTEGER NOT NULL,
                    pruned_through INTEGER NOT NULL
                );
                INSERT INTO plannerd_state (id, version, next_key, pruned_through) VALUES (1, 0, 1, 0);
                CREATE TABLE offers (
                    id TEXT PRIMARY KEY NOT NULL,
                    offer_set TEXT NOT NULL,
                    owner TEXT,
                    key INTEGER NOT NULL UNIQUE,
                    tasktype TEXT NOT NULL,
                    service TEXT NOT NULL,
                    servicetype TEXT NOT NULL,
                    serviceinfo TEXT NOT NULL,
                    resources TEXT NOT NULL,
                    start_at INTEGER NOT NULL,
                    end_at INTEGER NOT NULL CHECK (end_at > start_at),
                    cores INTEGER NOT NULL CHECK (cores >= 0),
                    memory INTEGER NOT NULL CHECK (memory >= 0),
                    created INTEGER NOT NULL,
                    expires INTEGER NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('OFFERED', 'ACCEPTED', 'REJECTED', 'EXPIRED')),
                    booking TEXT UNIQUE,
                    booking_state TEXT CHECK (booking_state IN ('ACCEPTED', 'CANCELLED')),
                    changed INTEGER NOT NULL
                );
                CREATE INDEX offers_by_set ON offers (offer_set);
                CREATE INDEX offers_live ON offers (state, end_at);
                CREATE INDEX offers_booked ON offers (booking_state, end_at);
                CREATE TABLE capacity_log (
                    version INTEGER PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('hold', 'book', 'release')),
                    key INTEGER NOT NULL,
                    service TEXT NOT NULL,
                    start_at INTEGER NOT NULL,
                    end_at INTEGER NOT NULL,
                    cores INTEGER NOT NULL,
                    memory INTEGER NOT NULL,
                    expires INTEGER NOT NULL,
                    logged INTEGER NOT NULL
                );
                CREATE INDEX capacity_log_by_time ON capacity_log (logged);
                """)
        }
        return migrator
    }
}
