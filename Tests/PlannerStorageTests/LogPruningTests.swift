import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// Trimming the change log: a book that lags behind the trimmed part loads a snapshot instead and
/// ends with the same view as a book that followed every change.
@Suite struct LogPruningTests {
    /// Makes changes through `a`: a booking of 4 cores, a hold of 3, a rejected hold of 2 (all at t0
    /// for 1h), returning the held offer's id.
    private func makeChanges(_ a: ReservationBook) async throws -> String {
        let now = Probe.at(minutes: 1)
        let booked = try await a.holdOne(cores: 4)
        _ = try await a.accept(offer: booked, owner: nil, now: now)
        let held = try await a.holdOne(cores: 3)
        let rejected = try await a.holdOne(cores: 2)
        _ = try await a.reject(offer: rejected, owner: nil, now: now)
        return held
    }

    @Test(arguments: EngineKind.allCases)
    func aLaggingBookSynchronisesFromASnapshot(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let (a, b) = (books[0], books[1])
                let held = try await makeChanges(a)
                let now = Probe.at(minutes: 1)
                // keepLog 0 trims every entry logged before `now` (t0 is years ahead of the wall clock).
                let report = try await a.tidy(now: now, keepLog: 0)
                #expect(report.prunedChanges == 5)
                #expect(b.ledger.version == 0)

                try await b.synchronize(now: now)
                #expect(b.ledger.version == a.ledger.version)
                #expect(b.ledger.liveUsage(now: Probe.t0Seconds + 60) == a.ledger.liveUsage(now: Probe.t0Seconds + 60))
                let usage = b.ledger.usage(now: Probe.t0Seconds + 60)["alpha", default: .init()]
                #expect(usage.bookedCores == 4)
                #expect(usage.heldCores == 3)
                #expect(try await b.fits(cores: 3, now: now))
                #expect(!(try await b.fits(cores: 4, now: now)))

                // Both go on from there with ordinary changes.
                _ = try await b.accept(offer: held, owner: nil, now: now)
                try await a.synchronize(now: now)
                #expect(a.ledger.usage(now: Probe.t0Seconds + 60)["alpha", default: .init()].bookedCores == 7)
                #expect(a.ledger.liveUsage(now: Probe.t0Seconds + 60) == b.ledger.liveUsage(now: Probe.t0Seconds + 60))
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func aLaggingBookDecidesOnASnapshotUnderTheLock(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let (a, b) = (books[0], books[1])
                let held = try await makeChanges(a)
                let now = Probe.at(minutes: 1)
                // Through the engine: every entry logged before the end of time.
                let report = try await a.engine.tidy(now: Probe.t0Seconds + 60, logBefore: .max)
                #expect(report.prunedChanges == 5)
                #expect(report.expired == 0)

                // B's first contact after the trim is a write: its feed under the lock is a snapshot.
                let booked = try await b.accept(offer: held, owner: nil, now: now)
                #expect(booked.bookingState == .accepted)
                let usage = b.ledger.usage(now: Probe.t0Seconds + 60)["alpha", default: .init()]
                #expect(usage.bookedCores == 7)
                #expect(usage.heldOffers == 0)
                // B's hold check under the lock sees A's booking: only 3 cores are left.
                let refused = try await b.plan(try Probe.ask(planner, cores: 4, hold: "5m", startAt: now), caller: .anonymous, now: now)
                #expect(refused.responseword == .no)
                _ = try await b.holdOne(cores: 3, now: now)

                // A, lagging now by one ordinary change, catches up from the log.
                try await a.synchronize(now: now)
                #expect(a.ledger.version == b.ledger.version)
                #expect(a.ledger.liveUsage(now: Probe.t0Seconds + 60) == b.ledger.liveUsage(now: Probe.t0Seconds + 60))
                // A brand-new book (version -1) loads a snapshot and agrees.
                let fresh = ReservationBook(planner: planner, engine: a.engine)
                try await fresh.open(now: now)
                #expect(fresh.ledger.version == b.ledger.version)
                #expect(fresh.ledger.liveUsage(now: Probe.t0Seconds + 60) == b.ledger.liveUsage(now: Probe.t0Seconds + 60))
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func trimmingKeepsRecentEntries(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let (a, b) = (books[0], books[1])
                _ = try await makeChanges(a)
                // Nothing was logged before 1970 + 1 s: nothing is trimmed, B follows the log.
                let report = try await a.engine.tidy(now: Probe.t0Seconds, logBefore: 1)
                #expect(report.prunedChanges == 0)
                let feed = try await b.engine.changes(after: 0, now: Probe.t0Seconds + 60)
                guard case .changes(let changes) = feed else {
                    Issue.record("expected the log, got \(feed)")
                    return
                }
                #expect(changes.map(\.version) == Array(1...5))
                #expect(changes.map(\.kind) == [.hold, .book, .hold, .hold, .release])
            }
        }
    }
}
