public import Foundation
public import PlannerKernel
import Synchronization

/// Held offers and bookings (API.md §5): plans with holds, and accepts, rejects and cancels, with
/// the rules that keep the sum of what is held and booked on a service within its pool at every
/// instant, however many clients and daemons act at once.
///
/// Every write is one ``ReservationStorageEngine/atomically(_:decide:)`` step: under the
/// database's write lock the ledger first applies every change logged before it, then the decision
/// is checked against that exact view. Reads (`GET`) and dry-run planning use the ledger as last
/// synchronised, without the lock.
public final class ReservationBook: Sendable {
    /// The planner offers come from.
    public let planner: OfferPlanner
    /// Where offers and bookings are kept.
    public let engine: any ReservationStorageEngine
    /// This process's mirror of the held and booked capacity.
    public let ledger: ReservationLedger
    /// How many times a hold is re-planned when other clients took the room first.
    let holdAttempts = 3
    /// The migration, started by the first operation and awaited by every later one.
    private let migration = Mutex<Task<Void, any Error>?>(nil)
    /// Concurrent plans share their reads of the change log (each still sees one begun after it asked).
    private let refresh = SharedRefresh()

    /// A book over `engine`, planning with `planner`. Call ``open(now:)`` before use.
    public init(planner: OfferPlanner, engine: any ReservationStorageEngine) {
        self.planner = planner
        self.engine = engine
        self.ledger = ReservationLedger(services: planner.services)
    }

    /// Migrates the database and loads the ledger. Optional: every operation migrates first when
    /// that has not been done, but a daemon calls it at start-up to fail early.
    public func open(now: Date) async throws {
        try await synchronize(now: now)
    }

    /// Waits for the schema migration, starting it on first use; a failed one is tried again next time.
    func migrated() async throws {
        let engine = self.engine
        let task = migration.withLock { current in
            if let current { return current }
            let task = Task { try await engine.migrate() }
            current = task
            return task
        }
        do {
            try await task.value
        } catch {
            migration.withLock { current in if current == task { current = nil } }
            throw error
        }
    }

    /// Brings the ledger up to date with the database's change log, as of a read that begins
    /// after this call (concurrent callers share such reads; see ``SharedRefresh``).
    public func synchronize(now: Date) async throws {
        try await migrated()
        let seconds = Self.seconds(now)
        let (engine, ledger) = (self.engine, self.ledger)
        try await refresh.run {
            let feed = try await engine.changes(after: ledger.version, now: seconds)
            if !ledger.apply(feed, now: seconds) {
                ledger.apply(try await engine.changes(after: -1, now: seconds), now: seconds)
            }
        }
    }

    /// Plans a validated ask on the services `caller` may use; with `hold`, holds its offers for
    /// the caller (``Caller/owner``: only the same caller may see and act on them).
    public func plan(_ valid: OfferPlanner.ValidatedAsk, caller: Caller, now: Date) async throws -> Answer {
        let owner = caller.owner
        try await synchronize(now: now)
        var valid = valid
        let cap = planner.options.maxhold
        if let hold = valid.ask.hold, hold.seconds > cap.seconds {
            // With YES or NO: the client learns that its hold would be shorter than asked.
            valid.warnings.append(PlanWarning(
                path: JSONPointer(tokens: ["hold"]), code: .holdShortened,
                message: "asked to hold for \(hold.canonical); offers are held for at most \(cap.canonical) here"))
        }
        var answer = planFromLedger(valid, caller: caller, now: now)
        guard let hold = valid.ask.hold, answer.responseword == .yes else { return answer }
        let warnings = answer.warnings
        let holdSeconds = min(hold.seconds, cap.seconds)
        for _ in 0..<holdAttempts {
            let held = try await holdOffers(answer.offers, tasktype: valid.ask.tasktype, owner: owner, now: now, holdSeconds: holdSeconds)
            if !held.isEmpty {
                return Answer(tasktype: answer.tasktype, offers: held, reasons: [], warnings: warnings)
            }
            // Other clients took the room between planning and holding; plan again on the synchronised ledger.
            answer = planFromLedger(valid, caller: caller, now: now)
            guard answer.responseword == .yes else { return answer }
        }
        let reason = Reason(
            path: JSONPointer(tokens: ["hold"]), code: .exceedsCapacity, reasonClass: .notNow,
            message: "the room found for this ask was taken by other clients \(holdAttempts) times before it could be held; ask again")
        return Answer(tasktype: answer.tasktype, offers: [], reasons: [reason], warnings: warnings)
    }

    private func planFromLedger(_ valid: OfferPlanner.ValidatedAsk, caller: Caller, now: Date) -> Answer {
        ledger.withTimelines(now: Self.seconds(now)) { timelines in planner.plan(valid, now: now, caller: caller, reservations: timelines) }
    }

    /// Holds the offers that still fit, as one offer set; returns them with ids, or nothing.
    private func holdOffers(_ offers: [Offer], tasktype: String, owner: String?, now: Date, holdSeconds: Int64) async throws -> [Offer] {
        let seconds = Self.seconds(now)
        var pending: [StoredOffer] = []
        for offer in offers {
            let start = Self.seconds(offer.start)
            pending.append(StoredOffer(
                id: ReservationIdentifier.make(), offerSet: "", owner: owner, key: 0, tasktype: tasktype,
                service: offer.service, servicetype: offer.servicetype, serviceinfo: offer.serviceinfo,
                resources: offer.resources.document, start: start,
                end: start + max(offer.resources.maxduration.seconds, 1), cores: offer.resources.maxcores,
                memory: offer.resources.maxmemory.bytes, created: seconds, expires: seconds + holdSeconds))
        }
        let drafts = pending
        let ledger = self.ledger
        let offerSet = ReservationIdentifier.make()
        let committed = try await engine.atomically(AtomicRead(changesAfter: ledger.version, now: seconds)) { read in
            ledger.apply(read.feed, now: seconds)
            var write = AtomicWrite(nextKey: read.nextKey, result: [Int]())
            for (index, var draft) in drafts.enumerated() {
                // Offers of one answer are on different services; count earlier ones anyway.
                let earlier = write.inserts.filter { $0.service == draft.service && $0.start < draft.end && draft.start < $0.end }
                let need = earlier.reduce(draft.amount) { $0 + $1.amount }
                guard ledger.fits(service: draft.service, start: draft.start, end: draft.end, amount: need, now: seconds) else { continue }
                draft.offerSet = offerSet
                draft.key = write.nextKey
                write.nextKey += 1
                write.inserts.append(draft)
                write.result.append(index)
                write.changes.append(CapacityChange(version: read.version + Int64(write.changes.count) + 1, kind: .hold, offer: draft))
            }
            return write.committing()
        }
        ledger.apply(.changes(committed.changes), now: seconds)
        return committed.value.map { index in
            var offer = offers[index]
            offer.id = drafts[index].id
            offer.state = OfferState.offered.rawValue
            offer.expires = Date(timeIntervalSince1970: TimeInterval(drafts[index].expires))
            return offer
        }
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}

/// A write's result with the change-log entries it committed, so the ledger can apply them.
public struct Committed<Value: Sendable>: Sendable {
    /// What the operation returns.
    public var value: Value
    /// What it logged.
    public var changes: [CapacityChange]
}

extension AtomicWrite {
    /// This write, returning its result together with its change-log entries.
    func committing() -> AtomicWrite<Committed<Result>> {
        AtomicWrite<Committed<Result>>(
            inserts: inserts, updates: updates, changes: changes, nextKey: nextKey,
            result: Committed(value: result, changes: changes))
    }
}

extension ProblemCode {
    /// The asked `hold` is longer than the configured `planning.maxhold`.
    public static let holdShortened: ProblemCode = "hold-shortened"
}
