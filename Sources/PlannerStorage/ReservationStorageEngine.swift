/// A database that keeps held offers and bookings: SQLite for one daemon
/// (``SQLiteReservationEngine``), PostgreSQL for several sharing one database
/// (``PostgresReservationEngine``).
///
/// Engines are deliberately plain: they read and write rows. The rules (does a hold fit, may an
/// offer be accepted) live once, in ``ReservationBook``, which hands an engine a decision to run
/// inside ``atomically(_:decide:)``. Every `atomically` call on one database is serialised with
/// every other, in this process and in other processes, so the decision sees every write before it
/// and the change log stays in one order.
public protocol ReservationStorageEngine: Sendable {
    /// Creates the schema or brings it up to date; safe to call on every start.
    func migrate() async throws

    /// The log entries after `version`, or a snapshot of every reservation that may take capacity
    /// after `now` when the log no longer reaches back to `version` (or `version` is negative).
    /// Reads committed data without taking the write lock.
    func changes(after version: Int64, now: Int64) async throws -> ChangeFeed

    /// The offer with this id, if any.
    func offer(id: String) async throws -> StoredOffer?

    /// The offer that became the booking with this id, if any.
    func offer(booking: String) async throws -> StoredOffer?

    /// Runs one read–decide–write step as a single transaction under the database's write lock.
    ///
    /// The engine takes the lock, reads what `request` names, calls `decide` with it, writes what
    /// `decide` returns and commits. When `decide` throws, nothing is written and the error is
    /// rethrown. `decide` may run more than once if the database asks for a retry.
    func atomically<Result: Sendable>(
        _ request: AtomicRead, decide: @escaping @Sendable (AtomicReadResult) throws -> AtomicWrite<Result>
    ) async throws -> Result

    /// Housekeeping: writes `EXPIRED` on holds that lapsed before `now`, and drops change-log
    /// entries logged before `logBefore` (readers further behind get a snapshot instead).
    func tidy(now: Int64, logBefore: Int64) async throws -> TidyReport
}

/// What one atomic step reads.
public struct AtomicRead: Sendable, Hashable {
    /// Read the change feed after this version (the caller's ledger version).
    public var changesAfter: Int64
    /// The time the feed's snapshot is taken for, if one is needed.
    public var now: Int64
    /// Read this offer and every offer of its set.
    public var offerSetOf: String?
    /// Read the offer that became this booking.
    public var booking: String?

    /// A read request.
    public init(changesAfter: Int64, now: Int64, offerSetOf: String? = nil, booking: String? = nil) {
        self.changesAfter = changesAfter
        self.now = now
        self.offerSetOf = offerSetOf
        self.booking = booking
    }
}

/// What one atomic step found, under the write lock.
public struct AtomicReadResult: Sendable, Hashable {
    /// The last change-log version.
    public var version: Int64
    /// The next free reservation key.
    public var nextKey: Int64
    /// The changes after the version asked for, or a snapshot.
    public var feed: ChangeFeed
    /// The offer asked for and its siblings (empty when not asked or unknown).
    public var offerSet: [StoredOffer]
    /// The offer that became the booking asked for.
    public var booking: StoredOffer?

    /// A read result.
    public init(version: Int64, nextKey: Int64, feed: ChangeFeed, offerSet: [StoredOffer] = [], booking: StoredOffer? = nil) {
        self.version = version
        self.nextKey = nextKey
        self.feed = feed
        self.offerSet = offerSet
        self.booking = booking
    }
}

/// What one atomic step writes, and what it returns to its caller.
public struct AtomicWrite<Result: Sendable>: Sendable {
    /// New offers.
    public var inserts: [StoredOffer] = []
    /// Offers whose state, booking or booking state changed (matched by id).
    public var updates: [StoredOffer] = []
    /// Change-log entries, numbered consecutively after the version read.
    public var changes: [CapacityChange] = []
    /// The next free reservation key after this step.
    public var nextKey: Int64
    /// What `atomically` returns.
    public var result: Result

    /// A write.
    public init(inserts: [StoredOffer] = [], updates: [StoredOffer] = [], changes: [CapacityChange] = [], nextKey: Int64, result: Result) {
        self.inserts = inserts
        self.updates = updates
        self.changes = changes
        self.nextKey = nextKey
        self.result = result
    }
}

/// What housekeeping did.
public struct TidyReport: Sendable, Hashable {
    /// Holds marked `EXPIRED`.
    public var expired: Int
    /// Change-log entries dropped.
    public var prunedChanges: Int

    /// A report.
    public init(expired: Int, prunedChanges: Int) {
        self.expired = expired
        self.prunedChanges = prunedChanges
    }
}
