import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// Holds and bookings survive a restart: a new book on the same database (a new engine, a new
/// ledger) plans around them and serves them.
@Suite struct RestartTests {
    @Test(arguments: EngineKind.allCases)
    func aNewBookSeesHoldsAndBookings(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            // First run: a hold of 3 cores and a booking of 4 cores, both at t0 for 1h.
            let (held, booking) = try await database.withBook(planner: planner, now: Probe.t0) { book in
                let held = try await book.holdOne(cores: 3, owner: "alice", hold: "15m")
                let toBook = try await book.holdOne(cores: 4, owner: "bob")
                let booked = try await book.accept(offer: toBook, owner: "bob", now: Probe.at(minutes: 1))
                // Released before the restart: must not come back.
                let released = try await book.holdOne(cores: 2, owner: "carol")
                _ = try await book.reject(offer: released, owner: "carol", now: Probe.at(minutes: 1))
                return (held, try #require(booked.booking))
            }

            // Second run: a new engine instance and a new ledger.
            try await database.withBook(planner: planner, now: Probe.at(minutes: 2)) { book in
                let now = Probe.at(minutes: 2)
                let usage = book.ledger.usage(now: Probe.t0Seconds + 120)["alpha", default: .init()]
                #expect(usage.heldOffers == 1)
                #expect(usage.heldCores == 3)
                #expect(usage.bookings == 1)
                #expect(usage.bookedCores == 4)
                // 7 of 10 cores are taken over [t0, t0 + 1h).
                #expect(try await book.fits(cores: 3, now: now))
                #expect(!(try await book.fits(cores: 4, now: now)))

                #expect(try await book.offer(id: held, owner: "alice").state == .offered)
                #expect(try await book.booking(id: booking, owner: "bob").bookingState == .accepted)
                await expectReservationError(.notFound) { try await book.offer(id: held, owner: "bob") }

                // The restarted book acts on what the first one stored.
                let accepted = try await book.accept(offer: held, owner: "alice", now: now)
                #expect(accepted.bookingState == .accepted)
                #expect(try await book.cancel(booking: booking, owner: "bob", now: now).bookingState == .cancelled)
                #expect(try await book.fits(cores: 7, now: now))
                #expect(!(try await book.fits(cores: 8, now: now)))
            }

            // Third run, after the first hold would have expired: only the accepted 3 cores remain.
            try await database.withBook(planner: planner, now: Probe.at(minutes: 20)) { (book: ReservationBook) async throws in
                let now = Probe.at(minutes: 20)
                let usage = book.ledger.usage(now: Probe.t0Seconds + 1200)["alpha", default: .init()]
                #expect(usage.heldOffers == 0)
                #expect(usage.bookings == 1)
                #expect(usage.bookedCores == 3)
                #expect(try await book.fits(cores: 7, now: now))
                #expect(!(try await book.fits(cores: 8, now: now)))
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func openingTwiceIsHarmless(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let id = try await book.holdOne(cores: 5)
                // Migrating an up-to-date database again changes nothing.
                try await book.open(now: Probe.t0)
                #expect(try await book.offer(id: id, owner: nil).state == .offered)
                #expect(!(try await book.fits(cores: 6)))
            }
            try await database.withBook(planner: planner, now: Probe.t0) { (book: ReservationBook) async throws in
                #expect(!(try await book.fits(cores: 6)))
                #expect(try await book.fits(cores: 5))
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func acceptingAfterThePoolShrankIsCapacityVanished(kind: EngineKind) async throws {
        try await TestDatabase.with(kind) { database in
            let (big, small) = try await database.withBook(planner: try Probe.planner(), now: Probe.t0) { book in
                (try await book.holdOne(cores: 8, hold: "15m"), try await book.holdOne(cores: 2, hold: "15m"))
            }
            // Restarted with a pool of 6 cores: together the holds no longer fit, and 8 cores alone never do.
            try await database.withBook(planner: try Probe.planner(pool: 6), now: Probe.at(minutes: 1)) { (book: ReservationBook) async throws in
                let now = Probe.at(minutes: 1)
                await expectReservationError(.capacityVanished, state: "OFFERED") {
                    try await book.accept(offer: big, owner: nil, now: now)
                }
                // Refused without a write: still held, and can be released.
                #expect(try await book.offer(id: big, owner: nil).state == .offered)
                #expect(try await book.reject(offer: big, owner: nil, now: now).state == .rejected)
                #expect(try await book.accept(offer: small, owner: nil, now: now).bookingState == .accepted)
                #expect(try await book.fits(cores: 4, now: now))
                #expect(!(try await book.fits(cores: 5, now: now)))
            }
        }
    }
}
