public import PlannerKernel
import Synchronization

/// One daemon's in-memory mirror of the held and booked capacity in its database: a
/// ``CapacityTimeline`` per service (its configured `reserved` periods plus every live hold and
/// booking), kept exact by applying the database's change log in order.
///
/// Planning reads the timelines without touching the database (O(log n) per query, see
/// ``CapacityTimeline``); a write re-checks them under the database's write lock after applying
/// every change logged before it, so a daemon never decides on a stale view. Holds drop out at
/// their expiry and everything at its end, by this process's clock, without any log entry: the
/// ledger keeps a ``LapseQueue`` and applies the lapses due before each use.
public final class ReservationLedger: Sendable {
    /// Held and booked totals on one service: what `/metrics` shows.
    public struct Usage: Sendable, Hashable {
        /// Live held offers.
        public var heldOffers = 0
        /// Cores they reserve.
        public var heldCores: Int64 = 0
        /// Bytes of memory they reserve.
        public var heldMemory: Int64 = 0
        /// Bookings that have not ended.
        public var bookings = 0
        /// Cores they reserve.
        public var bookedCores: Int64 = 0
        /// Bytes of memory they reserve.
        public var bookedMemory: Int64 = 0

        /// No usage.
        public init() {}

        mutating func add(_ entry: Entry, sign: Int64) {
            let count = Int(sign)
            if entry.held {
                heldOffers += count
                heldCores += sign * entry.amount.cores
                heldMemory += sign * entry.amount.memory
            } else {
                bookings += count
                bookedCores += sign * entry.amount.cores
                bookedMemory += sign * entry.amount.memory
            }
        }
    }

    struct Entry: Sendable {
        var service: String
        var start: Int64
        var end: Int64
        var amount: CapacityTimeline.Amount
        var held: Bool
        /// When it stops taking capacity: the hold's expiry (if earlier) or the end.
        var lapse: Int64
    }

    struct State: Sendable {
        var version: Int64 = -1
        var configured: [String: CapacityTimeline]
        var timelines: [String: CapacityTimeline]
        var entries: [Int64: Entry] = [:]
        var lapses = LapseQueue()
        var usage: [String: Usage] = [:]
    }

    private let state: Mutex<State>
    /// Each service's pool, by name (`nil`: no pool).
    private let pools: [String: CapacityTimeline.Amount]

    /// A ledger for `services`, holding only their configured `reserved` periods until the first
    /// ``apply(_:now:)``.
    public init(services: [PlanningService]) {
        var configured: [String: CapacityTimeline] = [:]
        var pools: [String: CapacityTimeline.Amount] = [:]
        for service in services {
            configured[service.name] = service.reserved
            if let capacity = service.capacity { pools[service.name] = capacity.amount }
        }
        self.pools = pools
        self.state = Mutex(State(configured: configured, timelines: configured))
    }

    /// The last change-log version applied (`-1` before the first snapshot).
    public var version: Int64 { state.withLock { $0.version } }

    /// Applies a feed from the database. Returns `false`, changing nothing, when the changes do
    /// not continue from this ledger's version (the caller then asks for a snapshot).
    @discardableResult
    public func apply(_ feed: ChangeFeed, now: Int64) -> Bool {
        state.withLock { state in
            switch feed {
            case .snapshot(let version, let reservations):
                // Another task may already have applied newer changes; never go back.
                guard version >= state.version else { return true }
                state.timelines = state.configured
                state.entries.removeAll(keepingCapacity: true)
                state.lapses.removeAll()
                state.usage.removeAll()
                for offer in reservations where offer.takesCapacity(at: now) {
                    let held = offer.state(at: now) == .offered && offer.bookingState != .accepted
                    Self.add(offer.key, Entry(
                        service: offer.service, start: offer.start, end: offer.end, amount: offer.amount, held: held,
                        lapse: held ? min(offer.expires, offer.end) : offer.end), to: &state)
                }
                state.version = version
                return true
            case .changes(let changes):
                let fresh = changes.filter { $0.version > state.version }
                guard let first = fresh.first else { return true }
                guard first.version == state.version + 1 else { return false }
                let consecutive = fresh.enumerated().allSatisfy { $0.element.version == first.version + Int64($0.offset) }
                guard consecutive else { return false }
                for change in fresh { Self.apply(change, to: &state) }
                if let last = fresh.last { state.version = last.version }
                return true
            }
        }
    }

    /// Runs `body` with every service's timeline as of `now` (lapsed holds and ended reservations
    /// removed), under the ledger's lock: keep `body` short and synchronous.
    public func withTimelines<Result>(now: Int64, _ body: ([String: CapacityTimeline]) throws -> Result) rethrows -> Result {
        try state.withLock { state in
            Self.lapse(through: now, in: &state)
            return try body(state.timelines)
        }
    }

    /// Whether `amount` more fits on `service`'s pool over `[start, end)` at `now` (always, for a
    /// service without a pool). With `alreadyCounted`, the amount is part of the timeline already
    /// (a hold being accepted) and the check is that the pool is not over-full.
    public func fits(
        service: String, start: Int64, end: Int64, amount: CapacityTimeline.Amount, now: Int64, alreadyCounted: Bool = false
    ) -> Bool {
        guard let pool = pools[service] else { return true }
        return state.withLock { state in
            Self.lapse(through: now, in: &state)
            let peak = state.timelines[service]?.peakUsage(from: start, to: end) ?? .zero
            return (alreadyCounted ? peak : peak + amount).fits(in: pool)
        }
    }

    /// Held and booked totals per service at `now`.
    public func usage(now: Int64) -> [String: Usage] {
        state.withLock { state in
            Self.lapse(through: now, in: &state)
            return state.usage
        }
    }

    /// Whether the reservation `key` takes capacity in this ledger at `now`.
    public func contains(key: Int64, now: Int64) -> Bool {
        state.withLock { state in
            Self.lapse(through: now, in: &state)
            return state.entries[key] != nil
        }
    }

    // MARK: - Changes

    /// The id a reservation has in a timeline: stored keys live in the upper half of the id space,
    /// configured `reserved` periods in the lower.
    static func timelineID(_ key: Int64) -> UInt64 { UInt64(bitPattern: key) | (1 << 63) }

    private static func apply(_ change: CapacityChange, to state: inout State) {
        switch change.kind {
        case .hold:
            add(change.key, Entry(
                service: change.service, start: change.start, end: change.end,
                amount: CapacityTimeline.Amount(cores: change.cores, memory: change.memory), held: true,
                lapse: min(change.expires, change.end)), to: &state)
        case .book:
            add(change.key, Entry(
                service: change.service, start: change.start, end: change.end,
                amount: CapacityTimeline.Amount(cores: change.cores, memory: change.memory), held: false,
                lapse: change.end), to: &state)
        case .release:
            remove(change.key, from: &state)
        }
    }

    private static func add(_ key: Int64, _ entry: Entry, to state: inout State) {
        remove(key, from: &state)
        guard entry.end > entry.start else { return }
        state.entries[key] = entry
        state.timelines[entry.service, default: CapacityTimeline()].reserve(
            id: timelineID(key), start: entry.start, end: entry.end, amount: entry.amount)
        state.lapses.push(time: entry.lapse, key: key)
        state.usage[entry.service, default: Usage()].add(entry, sign: 1)
    }

    private static func remove(_ key: Int64, from state: inout State) {
        guard let entry = state.entries.removeValue(forKey: key) else { return }
        state.timelines[entry.service]?.release(id: timelineID(key))
        state.usage[entry.service]?.add(entry, sign: -1)
    }

    /// Removes every reservation whose lapse time is at or before `now`.
    private static func lapse(through now: Int64, in state: inout State) {
        while let first = state.lapses.first, first.time <= now {
            _ = state.lapses.popFirst()
            // A later change may have given the key a new lapse time: only the current one counts.
            if let entry = state.entries[first.key], entry.lapse == first.time { remove(first.key, from: &state) }
        }
    }
}
