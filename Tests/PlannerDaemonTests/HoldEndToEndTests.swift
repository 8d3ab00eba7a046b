#if DockerContainer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// Held offers and bookings through the HTTP routes (API.md §5), over a real socket, with the
/// daemon keeping its state in a fresh SQLite file.
@Suite("Holds and bookings end to end")
struct HoldEndToEndTests {
    /// Two docker services with pools of 10 cores, so an answer has two offers (siblings).
    static let services = [
        CapacityEndToEndTests.service("left", "limits: { maxcores: 10, maxmemory: 100Gi, maxduration: 2h }", "capacity: { cores: 10, memory: 100Gi }"),
        CapacityEndToEndTests.service("right", "limits: { maxcores: 10, maxmemory: 100Gi, maxduration: 2h }", "capacity: { cores: 10, memory: 100Gi }"),
    ]

    /// An ask for `cores` cores for an hour, held for `hold`.
    /// With `window`, the task may only start in it (so a full pool cannot offer a later start).
    static func ask(cores: Int, hold: String? = "10m", window: String? = nil) -> String {
        let resources = #"{"mincores": \#(cores), "maxcores": \#(cores), "minmemory": "1Gi", "maxmemory": "1Gi", "minduration": "1h", "maxduration": "1h"}"#
        var ask = CapacityEndToEndTests.ask(resources, schedule: window.map { [$0] })
        if let hold { ask = String(ask.dropLast()) + #", "hold": "\#(hold)"}"# }
        return ask
    }

    func withDaemon<Value: Sendable>(
        planning: String = "{ maxhold: 15m }", _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await CapacityEndToEndTests().withDaemon(planning: planning, services: Self.services, body)
    }

    @Test("a held offer can be read, accepted once (its sibling is rejected), and the booking cancelled once")
    func holdAcceptCancel() async throws {
        try await withDaemon { client in
            let answer = try await CapacityEndToEndTests.answer(client, Self.ask(cores: 4))
            #expect(answer.string("/responseword") == "YES")
            let first = try #require(answer.string("/offers/0/id"))
            let second = try #require(answer.string("/offers/1/id"))
            #expect(first.count == 32 && first != second)
            #expect(answer.string("/offers/0/state") == "OFFERED")
            let expires = try #require(answer.string("/offers/0/expires").flatMap(RFC3339.parse))
            #expect(abs(expires.timeIntervalSinceNow - 600) < 5)

            let read = try await client.execute(uri: "/offers/\(first)", method: .get)
            #expect(read.status == .ok)
            #expect(read.json?.string("/state") == "OFFERED")
            #expect(read.json?.at("/resources") == answer.at("/offers/0/resources"))

            let accepted = try await client.execute(uri: "/offers/\(first)/accept", method: .post)
            #expect(accepted.status == .ok, "\(accepted.text)")
            let booking = try #require(accepted.json)
            #expect(booking.string("/state") == "ACCEPTED")
            #expect(booking.string("/offer") == first)
            #expect(booking.string("/service") == answer.string("/offers/0/service"))
            #expect(booking.string("/start") == answer.string("/offers/0/start"))
            let bookingID = try #require(booking.string("/id"))

            let sibling = try await client.execute(uri: "/offers/\(second)", method: .get)
            #expect(sibling.json?.string("/state") == "REJECTED")
            let again = try await client.execute(uri: "/offers/\(first)/accept", method: .post)
            #expect(again.status == .conflict)
            #expect(again.contentType == "application/problem+json")
            #expect(again.json?.string("/errors/0/code") == "offer-not-offered")
            let rejectAccepted = try await client.execute(uri: "/offers/\(first)/reject", method: .post)
            #expect(rejectAccepted.status == .conflict)

            let got = try await client.execute(uri: "/bookings/\(bookingID)", method: .get)
            #expect(got.status == .ok)
            #expect(got.json == booking)
            let cancelled = try await client.execute(uri: "/bookings/\(bookingID)", method: .delete)
            #expect(cancelled.status == .ok)
            #expect(cancelled.json?.string("/state") == "CANCELLED")
            let twice = try await client.execute(uri: "/bookings/\(bookingID)", method: .delete)
            #expect(twice.status == .conflict)
            #expect(twice.json?.string("/errors/0/code") == "booking-cancelled")
        }
    }

    @Test("held capacity counts against the pool until rejected, and shows on /metrics")
    func holdsTakeCapacity() async throws {
        try await withDaemon { client in
            let whole = try await CapacityEndToEndTests.answer(client, Self.ask(cores: 10))
            #expect(whole.at("/offers")?.arrayValue?.count == 2)
            let ids = [whole.string("/offers/0/id"), whole.string("/offers/1/id")].compactMap { $0 }
            // Both pools are held in full now: the same ask starts later (after the hour).
            let dry = try await CapacityEndToEndTests.answer(client, Self.ask(cores: 10, hold: nil))
            let later = try #require(CapacityEndToEndTests.seconds(dry, "/offers/0/start"))
            #expect(later >= Int64(Date().timeIntervalSince1970) + 3500)
            #expect(dry.string("/offers/0/id") == nil)

            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains(#"plannerd_held_cores{service="left"} 10"#), "\(metrics)")
            #expect(metrics.contains(#"plannerd_held_offers{service="right"} 1"#))

            for id in ids {
                let rejected = try await client.execute(uri: "/offers/\(id)/reject", method: .post)
                #expect(rejected.status == .ok)
                #expect(rejected.json?.string("/state") == "REJECTED")
            }
            let free = try await CapacityEndToEndTests.answer(client, Self.ask(cores: 10, hold: nil))
            #expect(CapacityEndToEndTests.isNow(CapacityEndToEndTests.seconds(free, "/offers/0/start"), since: Date().addingTimeInterval(-2)))
            let after = try await client.execute(uri: "/metrics", method: .get).text
            #expect(after.contains(#"plannerd_held_cores{service="left"} 0"#))
        }
    }

    @Test("a hold longer than planning.maxhold is shortened, with a warning")
    func holdIsCapped() async throws {
        try await withDaemon(planning: "{ maxhold: 1m }") { client in
            let answer = try await CapacityEndToEndTests.answer(client, Self.ask(cores: 1, hold: "1h"))
            let expires = try #require(answer.string("/offers/0/expires").flatMap(RFC3339.parse))
            #expect(abs(expires.timeIntervalSinceNow - 60) < 5)
            #expect(answer.at("/warnings")?.arrayValue?.contains { $0.string("/code") == "hold-shortened" && $0.string("/path") == "/hold" } == true)
        }
    }

    @Test("the hold-shortened warning comes with a NO too")
    func holdWarningWithNo() async throws {
        try await withDaemon(planning: "{ maxhold: 1m }") { client in
            let answer = try await CapacityEndToEndTests.answer(client, Self.ask(cores: 20, hold: "1h"))
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.at("/warnings")?.arrayValue?.contains { $0.string("/code") == "hold-shortened" } == true)
        }
    }

    @Test("unknown, malformed and foreign ids are 404 problems; wrong methods are 405", arguments: [
        ("/offers/0123456789abcdef0123456789abcdef", HTTPRequest.Method.get, HTTPResponse.Status.notFound),
        ("/offers/not-an-id", .get, .notFound),
        ("/offers/%00%ff", .get, .notFound),
        ("/offers/0123456789abcdef0123456789abcdef/accept", .post, .notFound),
        ("/offers/0123456789abcdef0123456789abcdef/reject", .post, .notFound),
        ("/bookings/0123456789abcdef0123456789abcdef", .get, .notFound),
        ("/bookings/0123456789abcdef0123456789abcdef", .delete, .notFound),
        ("/offers/0123456789abcdef0123456789abcdef/accept", .get, .methodNotAllowed),
        ("/offers/0123456789abcdef0123456789abcdef", .delete, .methodNotAllowed),
        ("/bookings/0123456789abcdef0123456789abcdef", .post, .methodNotAllowed),
    ])
    func unknownIDs(_ path: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status) async throws {
        try await withDaemon { client in
            let response = try await client.execute(uri: path, method: method)
            #expect(response.status == status, "\(response.text)")
            #expect(response.contentType == "application/problem+json")
        }
    }

    @Test("200 clients at once hold and accept on a pool that fits 10: exactly 10 bookings, never more than the pool")
    func concurrentAccepts() async throws {
        let opens = Int64(Date().timeIntervalSince1970 / 60 + 60) * 60
        let window = "\(RFC3339.format(seconds: opens))/\(RFC3339.format(seconds: opens + 60))"
        try await withDaemon { client in
            let outcomes = try await withThrowingTaskGroup(of: (plan: Int, accept: Int?, booking: String?).self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        let response = try await client.plan(Self.ask(cores: 1, window: window))
                        guard response.status == .ok, let answer = response.json else { return (Int(response.status.code), nil, nil) }
                        // Accept the offer on the left pool, whatever it ranks: both pools fit 10 each.
                        let offers = answer.at("/offers")?.arrayValue ?? []
                        guard let left = offers.first(where: { $0.string("/service") == "left" }), let id = left.string("/id") else { return (200, nil, nil) }
                        let accepted = try await client.execute(uri: "/offers/\(id)/accept", method: .post)
                        return (200, Int(accepted.status.code), accepted.json?.string("/id"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0.plan == 200 })
            // 10 holds fit each pool in the window; everyone after them gets NO.
            #expect(outcomes.allSatisfy { $0.accept == nil || $0.accept == 200 || $0.accept == 409 })
            let bookings = outcomes.compactMap(\.booking)
            #expect(bookings.count == 10)
            // Every booking is there, on the left pool, for one core over the same kind of hour: the
            // most that overlap any instant is at most the pool.
            var intervals: [(start: Int64, end: Int64)] = []
            for id in bookings {
                let booking = try #require(try await client.execute(uri: "/bookings/\(id)", method: .get).json)
                #expect(booking.string("/state") == "ACCEPTED")
                #expect(booking.string("/service") == "left")
                let start = try #require(CapacityEndToEndTests.seconds(booking, "/start"))
                let end = try #require(CapacityEndToEndTests.seconds(booking, "/end"))
                intervals.append((start, end))
            }
            let peak = intervals.map { probe in intervals.filter { $0.start <= probe.start && probe.start < $0.end }.count }.max() ?? 0
            #expect(peak <= 10)
        }
    }
}
#endif
