import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// Only the identity that asked sees and acts on its offers and bookings; for an anonymous ask the
/// id is the credential; ids that are malformed or unknown are simply not found.
@Suite struct OwnershipTests {
    @Test(arguments: EngineKind.allCases)
    func anOwnedOfferIsInvisibleToOthers(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let id = try await book.holdOne(owner: "alice")
                let now = Probe.at(minutes: 1)
                for stranger in ["bob", nil, "Alice", "alice "] as [String?] {
                    await expectReservationError(.notFound) { try await book.offer(id: id, owner: stranger) }
                    await expectReservationError(.notFound) { try await book.accept(offer: id, owner: stranger, now: now) }
                    await expectReservationError(.notFound) { try await book.reject(offer: id, owner: stranger, now: now) }
                }
                // Nothing the strangers tried changed the offer.
                #expect(try await book.offer(id: id, owner: "alice").state == .offered)

                let booked = try await book.accept(offer: id, owner: "alice", now: now)
                let bookingID = try #require(booked.booking)
                for stranger in ["bob", nil] as [String?] {
                    await expectReservationError(.notFound) { try await book.booking(id: bookingID, owner: stranger) }
                    await expectReservationError(.notFound) { try await book.cancel(booking: bookingID, owner: stranger, now: now) }
                }
                #expect(try await book.booking(id: bookingID, owner: "alice").bookingState == .accepted)
                #expect(try await book.cancel(booking: bookingID, owner: "alice", now: now).bookingState == .cancelled)
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func anAnonymousOfferIsOpenToWhoeverHasTheId(kind: EngineKind) async throws {
        let planner = try Probe.planner(["alpha", "beta"])
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let answer = try await book.plan(try Probe.ask(planner, hold: "5m"), caller: .anonymous, now: Probe.t0)
                try #require(answer.offers.count == 2)
                let first = try #require(answer.offers[0].id)
                let second = try #require(answer.offers[1].id)
                let now = Probe.at(minutes: 1)
                #expect(try await book.offer(id: first, owner: "bob").id == first)
                #expect(try await book.offer(id: first, owner: nil).id == first)
                #expect(try await book.reject(offer: second, owner: "carol", now: now).state == .rejected)
                let booked = try await book.accept(offer: first, owner: "dave", now: now)
                let bookingID = try #require(booked.booking)
                // The booking stays anonymous: whoever acted on it, anyone with its id may use it.
                #expect(try await book.booking(id: bookingID, owner: "erin").owner == nil)
                #expect(try await book.booking(id: bookingID, owner: nil).id == first)
                #expect(try await book.cancel(booking: bookingID, owner: "frank", now: now).bookingState == .cancelled)
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func malformedAndUnknownIdsAreNotFound(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let id = try await book.holdOne()
                let booked = try await book.accept(offer: id, owner: nil, now: Probe.t0)
                let bookingID = try #require(booked.booking)
                let now = Probe.at(minutes: 1)
                let unknown = String(repeating: "0", count: 32)
                let candidates = [
                    "", "xyz", id.uppercased(), id + "0", String(id.dropLast()), " " + id, unknown,
                    "' OR '1'='1", String(repeating: "f", count: 10_000), "café",
                ]
                for candidate in candidates {
                    await expectReservationError(.notFound) { try await book.offer(id: candidate, owner: nil) }
                    await expectReservationError(.notFound) { try await book.booking(id: candidate, owner: nil) }
                    await expectReservationError(.notFound) { try await book.accept(offer: candidate, owner: nil, now: now) }
                    await expectReservationError(.notFound) { try await book.reject(offer: candidate, owner: nil, now: now) }
                    await expectReservationError(.notFound) { try await book.cancel(booking: candidate, owner: nil, now: now) }
                }
                // An offer id is not a booking id, nor the other way round.
                await expectReservationError(.notFound) { try await book.booking(id: id, owner: nil) }
                await expectReservationError(.notFound) { try await book.cancel(booking: id, owner: nil, now: now) }
                await expectReservationError(.notFound) { try await book.offer(id: bookingID, owner: nil) }
                await expectReservationError(.notFound) { try await book.accept(offer: bookingID, owner: nil, now: now) }
                #expect(try await book.booking(id: bookingID, owner: nil).bookingState == .accepted)
            }
        }
    }

    /// A NUL character (`%00` in a URL path) is a `404` like any other malformed id, never a
    /// database error: PostgreSQL refuses NUL in text parameters.
    @Test(arguments: EngineKind.allCases)
    func idsWithANulCharacterAreNotFound(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let now = Probe.t0
                for candidate in ["\u{0}", String(repeating: "0", count: 31) + "\u{0}", "a\u{0}b"] {
                    await expectReservationError(.notFound) { try await book.offer(id: candidate, owner: nil) }
                    await expectReservationError(.notFound) { try await book.booking(id: candidate, owner: nil) }
                    await expectReservationError(.notFound) { try await book.accept(offer: candidate, owner: nil, now: now) }
                    await expectReservationError(.notFound) { try await book.reject(offer: candidate, owner: nil, now: now) }
                    await expectReservationError(.notFound) { try await book.cancel(booking: candidate, owner: nil, now: now) }
                }
            }
        }
    }
}
