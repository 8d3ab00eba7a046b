#if DockerContainer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerKernel
import PlannerTestSupport
import Synchronization
import Testing

/// Held offers and bookings (API.md §5) across real `plannerd serve` processes over real sockets:
/// two daemons sharing one PostgreSQL database, one daemon on SQLite, and a daemon killed with
/// SIGKILL while accepts are in flight.
@Suite("Held offers and bookings across plannerd processes", .serialized)
struct StorageProcessTests {
    // MARK: - Contests

    @Test("two daemons sharing PostgreSQL: 200 concurrent clients, a 10-core pool, exactly 10 bookings")
    func twoDaemonsSharingPostgres() async throws {
        let began = ContinuousClock.now
        let server = try PostgresTestServer.shared()
        let name = "plannerd_proc_" + UUID().uuidString.prefix(8).lowercased()
        try server.createDatabase(named: name)
        let url = server.url(database: name) + "?sslmode=disable"
        let directory = try TemporaryDirectory()
        let config = try directory.write("plannerd.yaml", StorageFixtures.contestConfiguration)
        let first = try await ServingDaemon(["--config", config, "--postgres", url, "--port", "0"], in: directory)
        let second = try await ServingDaemon(["--config", config, "--postgres", url, "--port", "0"], in: directory)
        let started = ContinuousClock.now
        try await Self.contest(ports: [first.port, second.port], logs: { first.stderr + second.stderr })
        print("StorageProcessTests.postgres: start-up \(started - began), contest and checks \(ContinuousClock.now - started)")
        #expect(try await first.stop() != nil, "the first daemon did not stop on SIGTERM")
        #expect(try await second.stop() != nil, "the second daemon did not stop on SIGTERM")
    }

    @Test("one daemon on SQLite: 200 concurrent clients, a 10-core pool, exactly 10 bookings")
    func oneDaemonOnSQLite() async throws {
        let began = ContinuousClock.now
        let directory = try TemporaryDirectory()
        let config = try directory.write("plannerd.yaml", StorageFixtures.contestConfiguration)
        let daemon = try await ServingDaemon(
            ["--config", config, "--sqlite", directory.file("offers.sqlite").path, "--port", "0"], in: directory)
        let started = ContinuousClock.now
        try await Self.contest(ports: [daemon.port], logs: { daemon.stderr })
        print("StorageProcessTests.sqlite: start-up \(started - began), contest and checks \(ContinuousClock.now - started)")
        #expect(try await daemon.stop() != nil, "the daemon did not stop on SIGTERM")
    }

    /// 200 clients at once, alternating between the daemons at `ports`, each asking for 1 core for the
    /// same hour with a hold, and accepting a YES twice at once (on two daemons when there are two):
    /// exactly 10 accepts succeed, every booking is readable, and no instant has more than 10 cores booked.
    static func contest(ports: [Int], logs: () -> String) async throws {
        let clients = 200, capacity: Int64 = 10
        let startSeconds = (Int64(Date().timeIntervalSince1970) / 60 + 61) * 60
        let window = Date(timeIntervalSince1970: TimeInterval(startSeconds)).formatted(.iso8601) + "/PT1M"
        let ask = StorageFixtures.ask(image: "docker.io/library/python:3.12", cores: 1, memory: "1Gi", hold: "10m", window: window)

        let results = await withTaskGroup(of: ContestClient.self) { group in
            for client in 0..<clients {
                group.addTask {
                    await ContestClient.run(
                        client, ask: ask, planPort: ports[client % ports.count],
                        acceptPorts: [ports[(client / 2) % ports.count], ports[(client / 2 + 1) % ports.count]])
                }
            }
            var results: [ContestClient] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.client < $1.client }
        }

        let failures = results.flatMap(\.failures)
        #expect(failures.isEmpty, "\(failures.count) requests failed or answered 5xx, for example:\n\(failures.prefix(5).joined(separator: "\n"))\n\(logs().suffix(3000))")
        let yes = results.filter { $0.word == "YES" }
        let no = results.filter { $0.word == "NO" }
        #expect(yes.count + no.count == clients, "every client gets a YES or a NO to its ask")
        #expect(yes.count == Int(capacity), "held offers count against the pool, so exactly \(capacity) asks can be held; got \(yes.count) YES")
        for client in no {
            #expect(client.reasonCodes.contains("exceeds-capacity"), "client \(client.client): a NO names exceeds-capacity: \(client.reasonCodes)")
        }
        let accepted = results.flatMap { client in client.accepts.filter { $0.status == 200 } }
        #expect(accepted.count == Int(capacity), "exactly \(capacity) accepts return 200, got \(accepted.count)")
        for client in yes {
            let statuses = client.accepts.map(\.status).sorted()
            #expect(statuses == [200, 409], "client \(client.client): two accepts of one offer at once: one 200 and one 409, got \(statuses)")
        }
        for client in results {
            for reply in client.accepts where reply.status != 200 {
                #expect(reply.status == 409, "client \(client.client): a refused accept is 409, got \(reply.status): \(reply.body)")
                #expect(reply.json?.string("/type") != nil || reply.json?.integer("/status") == 409, "a 409 is a problem document: \(reply.body)")
            }
        }

        // Every booking is readable on every daemon, and no instant has more booked than the pool.
        var periods: [(start: Int64, end: Int64, cores: Int64)] = []
        for (index, client) in yes.enumerated() {
            let offer = try #require(client.offer)
            guard let booked = client.accepts.first(where: { $0.status == 200 })?.json else { continue }
            let booking = try #require(booked.string("/id"), "the booking document has an id: \(booked)")
            #expect(booked.string("/state") == "ACCEPTED")
            #expect(booked.string("/offer") == offer)
            let port = ports[index % ports.count]
            let read = try await Wire.send(.get, "/bookings/\(booking)", port: port)
            #expect(read.status == 200, "GET /bookings/\(booking): \(read.status) \(read.body)")
            let document = try #require(read.json, "GET /bookings/\(booking) answers JSON: \(read.body)")
            #expect(document.string("/state") == "ACCEPTED", "booking \(booking): \(read.body)")
            let start = try #require(document.string("/start").flatMap(Wire.seconds), "booking start: \(read.body)")
            let end = try #require(document.string("/end").flatMap(Wire.seconds), "booking end: \(read.body)")
            let cores = try #require(document.integer("/resources/maxcores"), "booking cores: \(read.body)")
            #expect(start == startSeconds, "every offer is for the asked minute")
            periods.append((start, end, cores))
            let offerRead = try await Wire.send(.get, "/offers/\(offer)", port: ports[(index + 1) % ports.count])
            #expect(offerRead.status == 200 && offerRead.json?.string("/state") == "ACCEPTED", "GET /offers/\(offer): \(offerRead.body)")
            #expect(offerRead.json?.string("/booking") == booking)
        }
        let peak = StorageFixtures.peak(periods)
        #expect(peak <= capacity, "at some instant \(peak) cores are booked on a pool of \(capacity)")
        #expect(peak == capacity, "the 10 bookings are all for the same hour, so the peak is exactly \(capacity), got \(peak)")

        // Each daemon's /metrics follows the others' change log within about a second.
        for port in ports {
            let seen = try await Wire.gauges(port: port, within: .seconds(6)) { gauges in
                gauges["plannerd_booked_cores"] == Double(capacity) && gauges["plannerd_held_cores"] == 0
            }
            #expect(seen["plannerd_booked_cores"] == Double(capacity), "port \(port): plannerd_booked_cores{service=\"pool\"} is \(String(describing: seen["plannerd_booked_cores"]))")
            #expect(seen["plannerd_held_cores"] == 0, "port \(port): plannerd_held_cores{service=\"pool\"} is \(String(describing: seen["plannerd_held_cores"]))")
        }
    }

    // MARK: - Refusals

    @Test("refusals decided inside a write are 404/409 on the wire, never 503 (two daemons on one store)", arguments: ["sqlite", "postgres"])
    func refusalsOnTheWire(backend: String) async throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("plannerd.yaml", StorageFixtures.contestConfiguration)
        let storage: [String]
        if backend == "postgres" {
            let server = try PostgresTestServer.shared()
            let name = "plannerd_refusals_" + UUID().uuidString.prefix(8).lowercased()
            try server.createDatabase(named: name)
            storage = ["--postgres", server.url(database: name) + "?sslmode=disable"]
        } else {
            storage = ["--sqlite", directory.file("offers.sqlite").path]
        }
        let first = try await ServingDaemon(["--config", config, "--port", "0"] + storage, in: directory)
        let second = try await ServingDaemon(["--config", config, "--port", "0"] + storage, in: directory)
        let logs = { first.stderr.suffix(1500) + "\n" + second.stderr.suffix(1500) }

        let held = try await Wire.send(.post, "/plan", port: first.port, body: StorageFixtures.ask(
            image: "docker.io/library/python:3.12", cores: 1, memory: "1Gi", hold: "10m", window: nil))
        let offer = try #require(held.json?.string("/offers/0/id"), "a held offer: \(held.body)")
        let accepted = try await Wire.send(.post, "/offers/\(offer)/accept", port: first.port)
        #expect(accepted.status == 200, "\(accepted.body)")
        let booking = try #require(accepted.json?.string("/id"), "\(accepted.body)")
        let unknown = "0123456789abcdef0123456789abcdef"

        let cases: [(what: String, method: HTTPRequest.Method, path: String, port: Int, status: Int, code: String)] = [
            ("accepting an ACCEPTED offer again, on the other daemon", .post, "/offers/\(offer)/accept", second.port, 409, "offer-not-offered"),
            ("accepting an ACCEPTED offer again, on the same daemon", .post, "/offers/\(offer)/accept", first.port, 409, "offer-not-offered"),
            ("rejecting an ACCEPTED offer", .post, "/offers/\(offer)/reject", second.port, 409, "offer-not-offered"),
            ("accepting an offer that does not exist", .post, "/offers/\(unknown)/accept", second.port, 404, "not-found"),
            ("rejecting an offer that does not exist", .post, "/offers/\(unknown)/reject", first.port, 404, "not-found"),
            ("cancelling a booking that does not exist", .delete, "/bookings/\(unknown)", second.port, 404, "not-found"),
            ("accepting a malformed id", .post, "/offers/not-an-id/accept", first.port, 404, "not-found"),
            ("accepting an id with a percent-encoded NUL", .post, "/offers/0123456789abcdef%000123456789abcde/accept", first.port, 404, "not-found"),
            ("rejecting an id with a percent-encoded NUL", .post, "/offers/%00/reject", second.port, 404, "not-found"),
            ("cancelling an id with a percent-encoded NUL", .delete, "/bookings/%00", first.port, 404, "not-found"),
            ("reading an offer whose id has a percent-encoded NUL", .get, "/offers/%00", first.port, 404, "not-found"),
            ("cancelling the booking", .delete, "/bookings/\(booking)", second.port, 200, ""),
            ("cancelling the booking a second time", .delete, "/bookings/\(booking)", first.port, 409, "booking-cancelled"),
        ]
        for item in cases {
            let reply = try await Wire.send(item.method, item.path, port: item.port)
            #expect(reply.status == item.status, "\(backend): \(item.what): \(item.method) \(item.path) answered \(reply.status), expected \(item.status): \(reply.body)\n\(logs())")
            if !item.code.isEmpty {
                #expect(reply.json?.string("/errors/0/code") == item.code, "\(backend): \(item.what): the problem's code: \(reply.body)")
            }
        }
        let cancelled = try await Wire.send(.get, "/bookings/\(booking)", port: first.port)
        #expect(cancelled.json?.string("/state") == "CANCELLED", "\(cancelled.body)")
        #expect(try await first.stop() != nil)
        #expect(try await second.stop() != nil)
    }

}
#endif
