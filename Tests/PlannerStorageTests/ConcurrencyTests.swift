import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// Many clients at once, through two books (two daemons) on one database: the pool is never
/// over-booked and every offer or booking changes state once.
@Suite struct ConcurrencyTests {
    /// What one client of ``twoHundredClientsBookExactlyThePool(kind:)`` got.
    struct ClientResult: Sendable {
        /// The ids of the offers held for it.
        var held: [String] = []
        /// Its booking, when its accept succeeded.
        var booking: StoredOffer?
        /// Why its accept was refused.
        var refusal: ReservationError.Code?
        /// Anything else that went wrong.
        var failure: String?
    }

    /// Plans with a hold and accepts the first offer, as `owner` through `book`.
    static func client(_ book: ReservationBook, owner: String, ask: OfferPlanner.ValidatedAsk) async -> ClientResult {
        var result = ClientResult()
        do {
            let answer = try await book.plan(ask, caller: Caller(subject: owner), now: Probe.t0)
            result.held = answer.offers.compactMap(\.id)
            guard let first = result.held.first else { return result }
            result.booking = try await book.accept(offer: first, owner: owner, now: Probe.at(minutes: 0, seconds: 30))
        } catch let error as ReservationError {
            result.refusal = error.code
        } catch {
            result.failure = "\(type(of: error)): \(String(reflecting: error))"
        }
        return result
    }

    @Test(arguments: EngineKind.allCases)
    func twoHundredClientsBookExactlyThePool(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        // 1 core each, all for [t0, t0 + 1h): the pool of 10 cores holds 10 of them.
        let ask = try Probe.ask(planner, cores: 1, hold: "5m", startAt: Probe.t0)
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let results = await withTaskGroup(of: ClientResult.self) { group in
                    for number in 0..<200 {
                        let book = books[number % books.count]
                        group.addTask { await Self.client(book, owner: "client-\(number)", ask: ask) }
                    }
                    var results: [ClientResult] = []
                    for await result in group { results.append(result) }
                    return results
                }
                #expect(results.compactMap(\.failure) == [])
                #expect(results.compactMap(\.booking).count == 10)
                #expect(results.compactMap(\.refusal).allSatisfy { [.notOffered, .capacityVanished].contains($0) })

                // Every offer ever held, as stored: only the booked ones, never more than the pool at once.
                let held = results.flatMap(\.held)
                #expect(Set(held).count == held.count)
                var stored: [StoredOffer] = []
                for id in held { stored.append(try #require(try await books[0].engine.offer(id: id))) }
                let booked = stored.filter { $0.bookingState == .accepted }
                #expect(booked.count == 10)
                #expect(peakCores(booked, service: "alpha") <= Probe.poolCores)
                // Holds are only ever released by accepting them here: each one held was booked.
                #expect(booked.count == stored.count)

                // A third book, opened afresh, agrees.
                let fresh = ReservationBook(planner: planner, engine: books[1].engine)
                try await fresh.open(now: Probe.at(minutes: 1))
                let usage = fresh.ledger.usage(now: Probe.t0Seconds + 60)["alpha", default: .init()]
                #expect(usage.bookedCores == 10)
                #expect(usage.heldOffers == 0)
                #expect(!(try await fresh.fits(cores: 1, now: Probe.t0)))
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func concurrentAcceptsOfOneOfferSetBookItOnce(kind: EngineKind) async throws {
        let planner = try Probe.planner(["alpha", "beta"])
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let answer = try await books[0].plan(try Probe.ask(planner, hold: "5m"), caller: .anonymous, now: Probe.t0)
                let ids = answer.offers.compactMap(\.id)
                try #require(ids.count == 2)
                let now = Probe.at(minutes: 1)
                let outcomes = await withTaskGroup(of: String.self) { group in
                    for number in 0..<60 {
                        let book = books[number % 2]
                        let id = ids[(number / 2) % 2]
                        group.addTask { await Self.outcome { try await book.accept(offer: id, owner: nil, now: now) } }
                    }
                    var outcomes: [String] = []
                    for await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                #expect(outcomes.filter { $0 == "ok" }.count == 1)
                #expect(outcomes.filter { $0 == "offer-not-offered" }.count == 59, "\(Set(outcomes))")

                let stored = try await ids.asyncMap { try #require(try await books[1].engine.offer(id: $0)) }
                #expect(stored.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.accepted, .rejected])
                #expect(stored.compactMap(\.booking).count == 1)
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func concurrentCancelsOfOneBookingCancelItOnce(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBooks(2, planner: planner, now: Probe.t0) { books in
                let id = try await books[0].holdOne()
                let booking = try #require(try await books[0].accept(offer: id, owner: nil, now: Probe.t0).booking)
                let now = Probe.at(minutes: 1)
                let outcomes = await withTaskGroup(of: String.self) { group in
                    for number in 0..<40 {
                        let book = books[number % 2]
                        group.addTask { await Self.outcome { try await book.cancel(booking: booking, owner: nil, now: now) } }
                    }
                    var outcomes: [String] = []
                    for await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                #expect(outcomes.filter { $0 == "ok" }.count == 1)
                #expect(outcomes.filter { $0 == "booking-cancelled" }.count == 39, "\(Set(outcomes))")
                // Released exactly once: the pool is whole again, not more than whole.
                for book in books {
                    try await book.synchronize(now: now)
                    #expect(book.ledger.liveUsage(now: Probe.t0Seconds + 60).isEmpty)
                    #expect(try await book.fits(now: now))
                }
            }
        }
    }

    /// `"ok"`, the ``ReservationError`` code, or the type of any other error.
    static func outcome(_ body: () async throws -> StoredOffer) async -> String {
        do {
            _ = try await body()
            return "ok"
        } catch let error as ReservationError {
            return error.code.rawValue
        } catch {
            return "\(type(of: error))"
        }
    }
}

extension Array {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
