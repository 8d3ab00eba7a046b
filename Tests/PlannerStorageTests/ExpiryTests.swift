import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// Holds lapse at `expires` without any call: they read as `EXPIRED`, cannot be accepted, and their
/// capacity is free; housekeeping writes the state down.
@Suite struct ExpiryTests {
    @Test(arguments: EngineKind.allCases)
    func aLapsedHoldIsExpiredAndItsCapacityFree(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                // The whole pool for [t0, t0 + 1h), held until t0 + 5m.
                let answer = try await book.plan(try Probe.ask(planner, hold: "5m"), caller: .anonymous, now: Probe.t0)
                let id = try #require(answer.offers.first?.id)
                #expect(answer.offers.first?.start == Probe.t0)

                // Before expiry: the same ask only fits after the hold's interval, or not at all in a window now.
                let before = Probe.at(minutes: 4, seconds: 59)
                let waiting = try await book.plan(try Probe.ask(planner), caller: .anonymous, now: before)
                #expect(waiting.offers.first?.start == Probe.at(minutes: 60))
                #expect(!(try await book.fits(now: before)))
                #expect(try await book.offer(id: id, owner: nil).offerDocument(now: Probe.t0Seconds + 299).objectValue?["state"] == "OFFERED")

                // At expiry, with no call in between: EXPIRED and free.
                let expiry = Probe.at(minutes: 5)
                let read = try await book.offer(id: id, owner: nil)
                #expect(read.state(at: Probe.t0Seconds + 300) == .expired)
                #expect(read.offerDocument(now: Probe.t0Seconds + 300).objectValue?["state"] == "EXPIRED")
                let free = try await book.plan(try Probe.ask(planner), caller: .anonymous, now: expiry)
                #expect(free.offers.first?.start == expiry)

                let later = Probe.at(minutes: 6)
                let afterwards = try await book.plan(try Probe.ask(planner), caller: .anonymous, now: later)
                #expect(afterwards.offers.first?.start == later)
                #expect(book.ledger.usage(now: Probe.t0Seconds + 360)["alpha", default: .init()].heldOffers == 0)

                await expectReservationError(.notOffered, state: "EXPIRED") {
                    try await book.accept(offer: id, owner: nil, now: later)
                }
                await expectReservationError(.notOffered, state: "EXPIRED") {
                    try await book.reject(offer: id, owner: nil, now: later)
                }

                // Housekeeping writes EXPIRED into the row.
                #expect(try await book.engine.offer(id: id)?.state == .offered)
                let report = try await book.tidy(now: later)
                #expect(report.expired == 1)
                let stored = try await book.engine.offer(id: id)
                #expect(stored?.state == .expired)
                #expect(stored?.changed == Probe.t0Seconds + 300)
                #expect(try await book.tidy(now: later).expired == 0)
                #expect(try await book.fits(now: later))
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func anAcceptedHoldOutlivesItsExpiry(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let id = try await book.holdOne(hold: "5m")
                let booked = try await book.accept(offer: id, owner: nil, now: Probe.at(minutes: 4))
                // Past the hold's expiry the booking still takes the pool, until its end.
                let later = Probe.at(minutes: 10)
                #expect(!(try await book.fits(cores: 1, now: later)))
                #expect(try await book.tidy(now: later).expired == 0)
                #expect(try await book.engine.offer(id: id)?.state == .accepted)
                #expect(try await book.offer(id: id, owner: nil).offerDocument(now: Probe.t0Seconds + 600).objectValue?["state"] == "ACCEPTED")
                let usage = book.ledger.usage(now: Probe.t0Seconds + 600)["alpha", default: .init()]
                #expect(usage.bookings == 1)
                #expect(usage.bookedCores == 10)
                // At its end the capacity is free.
                let end = Probe.at(minutes: 60)
                #expect(try await book.fits(now: end))
                #expect(try await book.booking(id: try #require(booked.booking), owner: nil).bookingState == .accepted)
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func acceptingWorksUntilJustBeforeExpiry(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let early = try await book.holdOne(cores: 5, hold: "5m")
                let late = try await book.holdOne(cores: 5, hold: "5m")
                let booked = try await book.accept(offer: early, owner: nil, now: Probe.at(minutes: 4, seconds: 59))
                #expect(booked.bookingState == .accepted)
                await expectReservationError(.notOffered, state: "EXPIRED") {
                    try await book.accept(offer: late, owner: nil, now: Probe.at(minutes: 5))
                }
                // Half the pool is booked, the other half is free again.
                let now = Probe.at(minutes: 5)
                #expect(try await book.fits(cores: 5, now: now))
                #expect(!(try await book.fits(cores: 6, now: now)))
            }
        }
    }
}
