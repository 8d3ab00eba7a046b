/// One entry of the change log that every daemon sharing a database follows to keep its
/// in-memory capacity timelines exact (see ``ReservationLedger``).
///
/// Versions are consecutive: every write takes the database's single write lock and numbers its
/// entries after the last one, so the log is totally ordered and a reader that has applied
/// version `v` needs exactly the entries after `v`.
public struct CapacityChange: Sendable, Hashable {
    /// What happened to a reservation.
    public enum Kind: String, Sendable, Hashable {
        /// A held offer now takes capacity until `expires` (or its end).
        case hold
        /// A held offer became a booking: it takes capacity until its end, whatever `expires` said.
        case book
        /// The reservation no longer takes capacity (rejected, sibling accepted, booking cancelled).
        case release
    }

    /// The position in the log (1, 2, 3, …).
    public var version: Int64
    /// What happened.
    public var kind: Kind
    /// The reservation (``StoredOffer/key``).
    public var key: Int64
    /// The service it is on.
    public var service: String
    /// The reserved interval's start, seconds since 1970.
    public var start: Int64
    /// The reserved interval's end (exclusive).
    public var end: Int64
    /// Cores reserved.
    public var cores: Int64
    /// Bytes of memory reserved.
    public var memory: Int64
    /// When a hold lapses (for `book` and `release`, the interval's end).
    public var expires: Int64

    /// A change.
    public init(version: Int64, kind: Kind, key: Int64, service: String, start: Int64, end: Int64, cores: Int64, memory: Int64, expires: Int64) {
        self.version = version
        self.kind = kind
        self.key = key
        self.service = service
        self.start = start
        self.end = end
        self.cores = cores
        self.memory = memory
        self.expires = expires
    }

    /// The change `kind` for `offer`, numbered `version`.
    public init(version: Int64, kind: Kind, offer: StoredOffer) {
        self.init(
            version: version, kind: kind, key: offer.key, service: offer.service, start: offer.start, end: offer.end,
            cores: offer.cores, memory: offer.memory, expires: kind == .hold ? offer.expires : offer.end)
    }
}

/// What a daemon needs to bring its capacity timelines up to date.
public enum ChangeFeed: Sendable, Hashable {
    /// The log entries after the version asked for, in order.
    case changes([CapacityChange])
    /// The log no longer reaches back that far (or nothing was loaded yet): every reservation
    /// that may take capacity, and the version they reflect.
    case snapshot(version: Int64, reservations: [StoredOffer])
}
