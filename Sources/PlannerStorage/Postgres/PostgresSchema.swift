/// The PostgreSQL schema and its migrations, applied in order, each once, inside one transaction
/// that holds an advisory lock so that daemons starting together do not race.
enum PostgresSchema {
    /// A key for `pg_advisory_xact_lock`, private to plannerd's migrations.
    static let migrationLock: Int64 = 0x706C_616E_6E65_7264

    /// Named migrations, each a list of statements (the extended protocol runs one at a time).
    static let migrations: [(name: String, statements: [String])] = [
        (
            "v1-offers-and-change-log",
            [
                """
                CREATE TABLE plannerd_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    version BIGINT NOT NULL,
                    next_key BIGINT NOT NULL,
                    pruned_through BIGINT NOT NULL
                )
                """,
                "INSERT INTO plannerd_state (id, version, next_key, pruned_through) VALUES (1, 0, 1, 0)",
                """
                CREATE TABLE offers (
                    id TEXT PRIMARY KEY,
                    offer_set TEXT NOT NULL,
                    owner TEXT,
                    key BIGINT NOT NULL UNIQUE,
                    tasktype TEXT NOT NULL,
                    service TEXT NOT NULL,
                    servicetype TEXT NOT NULL,
                    serviceinfo TEXT NOT NULL,
                    resources TEXT NOT NULL,
                    start_at BIGINT NOT NULL,
                    end_at BIGINT NOT NULL CHECK (end_at > start_at),
                    cores BIGINT NOT NULL CHECK (cores >= 0),
                    memory BIGINT NOT NULL CHECK (memory >= 0),
                    created BIGINT NOT NULL,
                    expires BIGINT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('OFFERED', 'ACCEPTED', 'REJECTED', 'EXPIRED')),
                    booking TEXT UNIQUE,
                    booking_state TEXT CHECK (booking_state IN ('ACCEPTED', 'CANCELLED')),
                    changed BIGINT NOT NULL
                )
                """,
                "CREATE INDEX offers_by_set ON offers (offer_set)",
                "CREATE INDEX offers_live ON offers (state, end_at)",
                "CREATE INDEX offers_booked ON offers (booking_state, end_at)",
                """
                CREATE TABLE capacity_log (
                    version BIGINT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('hold', 'book', 'release')),
                    key BIGINT NOT NULL,
                    service TEXT NOT NULL,
                    start_at BIGINT NOT NULL,
                    end_at BIGINT NOT NULL,
                    cores BIGINT NOT NULL,
                    memory BIGINT NOT NULL,
                    expires BIGINT NOT NULL,
                    logged BIGINT NOT NULL
                )
                """,
                "CREATE INDEX capacity_log_by_time ON capacity_log (logged)",
            ]
        ),
    ]
}
