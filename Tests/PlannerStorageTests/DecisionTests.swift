import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// Accept, reject, cancel: accepting books an offer and releases its siblings; rejecting and cancelling release capacity.
@Suite struct DecisionTests {
    @Test(arguments: EngineKind.allCases)
    func acceptBooksTheOfferAndRejectsItsSiblings(kind: EngineKind) async throws {
        let planner = try Probe.planner(["alpha", "beta"])
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let answer = try await book.plan(try Probe.ask(planner, hold: "5m", startAt: Probe.t0), caller: .anonymous, now: Probe.t0)
                try #require(answer.offers.count == 2)
                let chosen = try #require(answer.offers[0].id)
                let sibling = try #require(answer.offers[1].id)
                #expect(chosen != sibling)
                #expect(Set(answer.offers.map(\.service)) == ["alpha", "beta"])
                // Both services are full at t0 while both offers are held.
                #expect(!(try await book.fits()))

                let now = Probe.at(minutes: 1)
                let booked = try await book.accept(offer: chosen, owner: nil, now: now)
                #expect(booked.state == .accepted)
                #expect(booked.bookingState == .accepted)
                #expect(isIdentifier(booked.booking))
                let document = try #require(booked.bookingDocument()?.objectValue)
                #expect(Set(document.keys) == ["id", "offer", "state", "service", "servicetype", "serviceinfo", "resources", "start", "end"])
                #expect(document["id"] == booked.booking.map(JSONValue.string))
                #expect(document["offer"] == .string(chosen))
                #expect(document["state"] == "ACCEPTED")
                #expect(document["service"] == .string(answer.offers[0].service))
                #expect(document["servicetype"] == .string(answer.offers[0].servicetype))
                #expect(document["serviceinfo"] == answer.offers[0].serviceinfo)
                #expect(document["resources"] == (try JSONValue(encoding: answer.offers[0].resources)))
                #expect(document["start"] == .string(RFC3339.format(Probe.t0)))
                #expect(document["end"] == .string(RFC3339.format(Probe.at(minutes: 60))))

                // The booking reads back, and the offer shows it.
                let bookingID = try #require(booked.booking)
                #expect(try await book.booking(id: bookingID, owner: nil) == booked)
                let offerDocument = try await book.offer(id: chosen, owner: nil).offerDocument(now: Probe.t0Seconds + 60)
                #expect(offerDocument.objectValue?["state"] == "ACCEPTED")
                #expect(offerDocument.objectValue?["booking"] == .string(bookingID))

                // The sibling is released: its service has room again, the booked one has not.
                let released = try await book.offer(id: sibling, owner: nil)
                #expect(released.state == .rejected)
                #expect(released.offerDocument(now: Probe.t0Seconds + 60).objectValue?["state"] == "REJECTED")
                let again = try await book.plan(try Probe.ask(planner, startAt: now), caller: .anonymous, now: now)
                #expect(again.offers.map(\.service) == [answer.offers[1].service])

                await expectReservationError(.notOffered, state: "ACCEPTED") {
                    try await book.accept(offer: chosen, owner: nil, now: now)
                }
                await expectReservationError(.notOffered, state: "REJECTED") {
                    try await book.reject(offer: sibling, owner: nil, now: now)
                }
                await expectReservationError(.notOffered, state: "REJECTED") {
                    try await book.accept(offer: sibling, owner: nil, now: now)
                }
                await expectReservationError(.notOffered, state: "ACCEPTED") {
                    try await book.reject(offer: chosen, owner: nil, now: now)
                }
                // Nothing of the refused calls was written.
                #expect(try await book.offer(id: chosen, owner: nil).state == .accepted)
                #expect(try await book.booking(id: bookingID, owner: nil).bookingState == .accepted)
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func rejectReleasesTheCapacity(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let id = try await book.holdOne()
                #expect(!(try await book.fits()))
                #expect(!(try await book.fits(cores: 1)))

                let now = Probe.at(minutes: 2)
                let rejected = try await book.reject(offer: id, owner: nil, now: now)
                #expect(rejected.state == .rejected)
                #expect(rejected.booking == nil)
                #expect(try await book.offer(id: id, owner: nil).state == .rejected)
                // A plan that needs the whole pool over the held interval is a YES again.
                #expect(try await book.fits(now: now))
                #expect(book.ledger.usage(now: Probe.t0Seconds + 120)["alpha", default: .init()].heldOffers == 0)

                await expectReservationError(.notOffered, state: "REJECTED") {
                    try await book.reject(offer: id, owner: nil, now: now)
                }
                await expectReservationError(.notOffered, state: "REJECTED") {
                    try await book.accept(offer: id, owner: nil, now: now)
                }
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func cancelReleasesTheBookingOnce(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let id = try await book.holdOne(owner: "alice")
                let booked = try await book.accept(offer: id, owner: "alice", now: Probe.at(minutes: 1))
                let bookingID = try #require(booked.booking)
                // Booked until its end, long after the hold would have expired.
                #expect(!(try await book.fits(cores: 1, now: Probe.at(minutes: 30))))

                let now = Probe.at(minutes: 31)
                let cancelled = try await book.cancel(booking: bookingID, owner: "alice", now: now)
                #expect(cancelled.bookingState == .cancelled)
                #expect(cancelled.bookingDocument()?.objectValue?["state"] == "CANCELLED")
                let reread = try await book.booking(id: bookingID, owner: "alice")
                #expect(reread.bookingState == .cancelled)
                #expect(reread.state == .accepted)
                #expect(try await book.fits(now: now))
                #expect(book.ledger.usage(now: Probe.t0Seconds + 31 * 60)["alpha", default: .init()].bookings == 0)

                await expectReservationError(.notBooked, state: "CANCELLED") {
                    try await book.cancel(booking: bookingID, owner: "alice", now: now)
                }
            }
        }
    }
}
