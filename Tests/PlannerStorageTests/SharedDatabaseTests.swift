import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// Two daemons on one database (two engine instances, two books): each counts what the other
/// holds and books, and neither can take the same room twice.
@Suite struct SharedDatabaseTests {
    @Test(arguments: EngineKind.allCases)
    func aHoldThroughOneBookIsCountedByTheOther(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let (a, b) = (books[0], books[1])
                let id = try await a.holdOne(cores: 8)
                // B plans around A's hold, and cannot hold the same room.
                #expect(try await b.fits(cores: 2))
                #expect(!(try await b.fits(cores: 3)))
                let refused = try await b.plan(try Probe.ask(planner, cores: 3, hold: "5m", startAt: Probe.t0), caller: .anonymous, now: Probe.t0)
                #expect(refused.responseword == .no)
                let rest = try await b.holdOne(cores: 2)
                // Now A cannot hold anything at t0 either.
                #expect(!(try await a.fits(cores: 1)))
                let none = try await a.plan(try Probe.ask(planner, cores: 1, hold: "5m", startAt: Probe.t0), caller: .anonymous, now: Probe.t0)
                #expect(none.responseword == .no)

                // B accepts A's (anonymous) offer; A then cannot, and sees it booked.
                let now = Probe.at(minutes: 1)
                let booked = try await b.accept(offer: id, owner: nil, now: now)
                await expectReservationError(.notOffered, state: "ACCEPTED") {
                    try await a.accept(offer: id, owner: nil, now: now)
                }
                #expect(try await a.booking(id: try #require(booked.booking), owner: nil).bookingState == .accepted)
                // B's hold is anonymous too: A may accept it, once.
                #expect(try await a.accept(offer: rest, owner: nil, now: now).bookingState == .accepted)
                await expectReservationError(.notOffered, state: "ACCEPTED") {
                    try await b.accept(offer: rest, owner: nil, now: now)
                }
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func eachLedgerFollowsTheOthersChanges(kind: EngineKind) async throws {
        let planner = try Probe.planner(["alpha", "beta"])
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let (a, b) = (books[0], books[1])
                let now = Probe.at(minutes: 1)
                let seconds = Probe.t0Seconds + 60
                let first = try await a.plan(try Probe.ask(planner, cores: 4, hold: "10m"), caller: Caller(subject: "alice"), now: Probe.t0)
                try #require(first.offers.count == 2)
                let second = try await a.holdOne(cores: 3, owner: "alice")
                _ = try await a.accept(offer: try #require(first.offers[0].id), owner: "alice", now: now)
                _ = try await a.reject(offer: second, owner: "alice", now: now)
                let third = try await a.holdOne(cores: 5, owner: "alice", now: now)

                try await b.synchronize(now: now)
                #expect(b.ledger.version == a.ledger.version)
                #expect(b.ledger.liveUsage(now: seconds) == a.ledger.liveUsage(now: seconds))
                let usage = b.ledger.usage(now: seconds)
                #expect(usage[first.offers[0].service]?.bookedCores == 4)
                // Held: the sibling of `second` (3 cores) and both offers of `third` (5 + 5).
                #expect(usage.values.reduce(0) { $0 + $1.heldCores } == 13)
                #expect(usage.values.reduce(0) { $0 + $1.heldOffers } == 3)
                #expect(usage.values.reduce(0) { $0 + $1.bookings } == 1)

                // And the other way round.
                _ = try await b.reject(offer: third, owner: "alice", now: now)
                try await a.synchronize(now: now)
                #expect(a.ledger.version == b.ledger.version)
                #expect(a.ledger.liveUsage(now: seconds) == b.ledger.liveUsage(now: seconds))
                #expect(a.ledger.usage(now: seconds).values.reduce(0) { $0 + $1.heldOffers } == 2)
                #expect(a.ledger.usage(now: seconds).values.reduce(0) { $0 + $1.heldCores } == 8)
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func aStaleLedgerIsBroughtUpToDateBeforeEveryDecision(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let (a, b) = (books[0], books[1])
                let id = try await a.holdOne(cores: 10)
                // B has not looked since it opened; its first decision still sees A's hold.
                #expect(b.ledger.version < a.ledger.version)
                let booked = try await b.accept(offer: id, owner: nil, now: Probe.at(minutes: 1))
                #expect(booked.bookingState == .accepted)
                #expect(b.ledger.version == a.ledger.version + 1)
                #expect(b.ledger.usage(now: Probe.t0Seconds + 60)["alpha"]?.bookedCores == 10)
                // A's view, not synchronised since its hold, is corrected by its next plan.
                let answer = try await a.plan(try Probe.ask(planner, cores: 1, hold: "5m", startAt: Probe.at(minutes: 1)), caller: .anonymous, now: Probe.at(minutes: 1))
                #expect(answer.responseword == .no)
                #expect(a.ledger.version == b.ledger.version)
            }
        }
    }
}
