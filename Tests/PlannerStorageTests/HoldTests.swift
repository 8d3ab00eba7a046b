import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// `hold`: held offers carry an id, `OFFERED` and `expires`, can be read back, and count against capacity.
@Suite struct HoldTests {
    @Test(arguments: EngineKind.allCases)
    func heldOffersCarryIdStateAndExpiry(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let answer = try await book.plan(try Probe.ask(planner, cores: 2, hold: "5m"), caller: .anonymous, now: Probe.t0)
                #expect(answer.responseword == .yes)
                #expect(answer.warnings.isEmpty)
                let offer = try #require(answer.offers.first)
                #expect(answer.offers.count == 1)
                #expect(isIdentifier(offer.id))
                #expect(offer.state == "OFFERED")
                #expect(offer.expires == Probe.at(minutes: 5))
                #expect(offer.start == Probe.t0)

                let id = try #require(offer.id)
                let stored = try await book.offer(id: id, owner: nil)
                #expect(stored.id == id)
                #expect(stored.state == .offered)
                #expect(stored.service == "alpha")
                #expect(stored.tasktype == "uri://probe")
                #expect(stored.cores == 2)
                #expect(stored.memory == 1 << 30)
                #expect(stored.start == Probe.t0Seconds)
                #expect(stored.end == Probe.t0Seconds + 3600)
                #expect(stored.expires == Probe.t0Seconds + 300)
                #expect(stored.booking == nil)
                #expect(stored.bookingState == nil)
                #expect(isIdentifier(stored.offerSet))
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func offerDocumentHasTheContractShape(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let answer = try await book.plan(try Probe.ask(planner, cores: 3, hold: "5m"), caller: Caller(subject: "alice"), now: Probe.t0)
                let offer = try #require(answer.offers.first)
                let id = try #require(offer.id)
                let stored = try await book.offer(id: id, owner: "alice")
                let document = try #require(stored.offerDocument(now: Probe.t0Seconds + 60).objectValue)
                #expect(Set(document.keys) == ["id", "state", "expires", "service", "servicetype", "serviceinfo", "resources", "start"])
                #expect(document["id"] == .string(id))
                #expect(document["state"] == "OFFERED")
                #expect(document["expires"] == .string(RFC3339.format(Probe.at(minutes: 5))))
                #expect(document["start"] == .string(RFC3339.format(Probe.t0)))
                #expect(document["service"] == "alpha")
                #expect(document["servicetype"] == "uri://alpha-service")
                #expect(document["serviceinfo"]?.objectValue?["endpoint"] == "http://example.org/alpha")
                #expect(document["serviceinfo"]?.objectValue?["name"] == "probe")
                // The resources read back from the database are the ones the answer showed.
                #expect(document["resources"] == (try JSONValue(encoding: offer.resources)))
                #expect(document["resources"]?.objectValue?["maxcores"] == 3)
                // At `expires` the same row reads as EXPIRED.
                #expect(stored.offerDocument(now: Probe.t0Seconds + 300).objectValue?["state"] == "EXPIRED")
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func holdsLongerThanMaxholdAreShortenedWithAWarning(kind: EngineKind) async throws {
        let planner = try Probe.planner(maxhold: TaskDuration(minutes: 10))
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                let long = try await book.plan(try Probe.ask(planner, cores: 1, hold: "1h"), caller: .anonymous, now: Probe.t0)
                let offer = try #require(long.offers.first)
                #expect(offer.expires == Probe.at(minutes: 10))
                let warning = try #require(long.warnings.first { $0.code == "hold-shortened" })
                #expect(warning.path == JSONPointer(tokens: ["hold"]))
                let stored = try await book.offer(id: try #require(offer.id), owner: nil)
                #expect(stored.expires == Probe.t0Seconds + 600)

                let exact = try await book.plan(try Probe.ask(planner, cores: 1, hold: "10m"), caller: .anonymous, now: Probe.t0)
                #expect(exact.offers.first?.expires == Probe.at(minutes: 10))
                #expect(!exact.warnings.contains { $0.code == "hold-shortened" })
            }
        }
    }

    @Test(arguments: EngineKind.allCases)
    func holdsCountAgainstCapacityAndDryRunsDoNot(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        try await TestDatabase.with(kind) { database in
            try await database.withBook(planner: planner, now: Probe.t0) { book in
                // Dry runs: no id, nothing stored, the same answer every time.
                let dry = try await book.plan(try Probe.ask(planner, startAt: Probe.t0), caller: .anonymous, now: Probe.t0)
                #expect(dry.responseword == .yes)
                #expect(dry.offers.first?.id == nil)
                #expect(dry.offers.first?.state == nil)
                #expect(try await book.fits(startAt: Probe.t0))
                #expect(book.ledger.usage(now: Probe.t0Seconds)["alpha", default: .init()].heldOffers == 0)

                _ = try await book.holdOne(cores: 6)
                #expect(try await book.fits(cores: 4))
                #expect(!(try await book.fits(cores: 5)))
                let refused = try await book.plan(try Probe.ask(planner, cores: 5, hold: "5m", startAt: Probe.t0), caller: .anonymous, now: Probe.t0)
                #expect(refused.responseword == .no)
                #expect(refused.reasons.contains { $0.code == "exceeds-capacity" && $0.reasonClass == .notNow })
                // Without a fixed start the ask moves past the hold's end.
                let later = try await book.plan(try Probe.ask(planner, cores: 5, hold: "5m"), caller: .anonymous, now: Probe.t0)
                #expect(later.offers.first?.start == Probe.at(minutes: 60))
                let usage = book.ledger.usage(now: Probe.t0Seconds)["alpha", default: .init()]
                #expect(usage.heldOffers == 2)
                #expect(usage.heldCores == 11)
            }
        }
    }
}
