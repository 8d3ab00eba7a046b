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

    // MARK: - Crash

    @Test("SQLite: SIGKILL while accepts are in flight loses no acknowledged booking and leaves nothing half-written")
    func crashDuringAccepts() async throws {
        let began = ContinuousClock.now
        let directory = try TemporaryDirectory()
        let config = try directory.write("plannerd.yaml", StorageFixtures.crashConfiguration)
        let arguments = ["--config", config, "--sqlite", directory.file("offers.sqlite").path, "--port", "0"]
        let daemon = try await ServingDaemon(arguments, in: directory)
        let port = daemon.port

        // 60 held offer sets, each with an offer on alpha and one on beta.
        let ask = StorageFixtures.ask(image: "docker.io/library/python:3.12", cores: 1, memory: "1Gi", hold: "10m", window: nil)
        let sets = try await withThrowingTaskGroup(of: HeldSet.self) { group in
            for index in 0..<60 {
                group.addTask {
                    let reply = try await Wire.send(.post, "/plan", port: port, body: ask)
                    let offers = reply.json?.at("/offers")?.arrayValue ?? []
                    return HeldSet(index: index, word: reply.json?.string("/responseword"), offers: offers.compactMap { $0.string("/id") }, body: reply.body)
                }
            }
            var sets: [HeldSet] = []
            for try await set in group { sets.append(set) }
            return sets.sorted { $0.index < $1.index }
        }
        for set in sets {
            #expect(set.word == "YES" && set.offers.count == 2, "set \(set.index): a YES with an offer on alpha and one on beta: \(set.body)")
        }
        let heldSets = sets.filter { $0.offers.count == 2 }
        try #require(heldSets.count == 60)

        // A short hold that takes gamma's whole pool.
        let gammaAsk = StorageFixtures.ask(image: "ghcr.io/example/tool:1.0", cores: 4, memory: "16Gi", hold: "2s", window: nil)
        let gammaReply = try await Wire.send(.post, "/plan", port: port, body: gammaAsk)
        let gammaHeld = try #require(gammaReply.json, "\(gammaReply.body)")
        #expect(gammaHeld.string("/responseword") == "YES" && gammaHeld.string("/offers/0/service") == "gamma", "\(gammaReply.body)")
        let gammaOffer = try #require(gammaHeld.string("/offers/0/id"), "the gamma offer is held: \(gammaReply.body)")
        let gammaStart = try #require(gammaHeld.string("/offers/0/start").flatMap(Wire.seconds))
        let gammaExpires = try #require(gammaHeld.string("/offers/0/expires").flatMap(Wire.seconds), "\(gammaReply.body)")
        let dryRun = StorageFixtures.ask(image: "ghcr.io/example/tool:1.0", cores: 4, memory: "16Gi", hold: nil, window: nil)
        let busy = try await Wire.send(.post, "/plan", port: port, body: dryRun)
        let busyStart = busy.json?.string("/offers/0/start").flatMap(Wire.seconds) ?? 0
        #expect(busy.json?.string("/responseword") == "YES" && busyStart >= gammaStart + 3600,
                "while the 2 s hold lasts gamma's pool is free only after it: \(busy.body)")

        // Accept both offers of every set at once, staggered, and kill the daemon while they are in flight.
        let tracker = AcceptTracker()
        let acceptsStarted = ContinuousClock.now
        let accepting = Task { () -> [AcceptAttempt] in
            await withTaskGroup(of: AcceptAttempt.self) { group in
                for set in heldSets {
                    for offer in set.offers {
                        group.addTask {
                            try? await Task.sleep(for: .milliseconds(3 * set.index))
                            do {
                                let reply = try await Wire.send(.post, "/offers/\(offer)/accept", port: port, timeout: .seconds(10))
                                if reply.status == 200 { tracker.acknowledge() }
                                return AcceptAttempt(set: set.index, offer: offer, reply: reply, error: nil)
                            } catch {
                                return AcceptAttempt(set: set.index, offer: offer, reply: nil, error: "\(error)")
                            }
                        }
                    }
                }
                var attempts: [AcceptAttempt] = []
                for await attempt in group { attempts.append(attempt) }
                return attempts
            }
        }
        let killDeadline = ContinuousClock.now + .seconds(5)
        while tracker.count < 20 && ContinuousClock.now < killDeadline {
            try await Task.sleep(for: .milliseconds(1))
        }
        let killedAt = ContinuousClock.now
        #expect(kill(daemon.process.processIdentifier, SIGKILL) == 0)
        let attempts = await accepting.value
        let exited = try await Plannerd.waitForExit(daemon.process, timeout: .seconds(5))
        #expect(exited && daemon.process.terminationReason == .uncaughtSignal, "the daemon died of SIGKILL")

        let acknowledged = attempts.filter { $0.reply?.status == 200 }
        let refused = attempts.filter { $0.reply.map { $0.status != 200 } ?? false }
        let lost = attempts.filter { $0.reply == nil }
        print("StorageProcessTests.crash: killed \(killedAt - acceptsStarted) after the accepts began; \(acknowledged.count) acknowledged, \(refused.count) refused, \(lost.count) without an answer (in flight or not yet connected)")
        #expect(!acknowledged.isEmpty, "some accepts were acknowledged before the kill")
        for attempt in refused {
            #expect(attempt.reply?.status == 409, "set \(attempt.set): an accept refused before the kill is 409 (the sibling won): \(attempt.reply?.body ?? "")")
        }
        var acknowledgedPerSet: [Int: Int] = [:]
        for attempt in acknowledged { acknowledgedPerSet[attempt.set, default: 0] += 1 }
        #expect(acknowledgedPerSet.values.allSatisfy { $0 == 1 }, "no offer set had both of its offers accepted: \(acknowledgedPerSet.filter { $0.value > 1 })")

        // Restart on the same file.
        let restarted = try await ServingDaemon(arguments, in: directory)
        let newPort = restarted.port
        let restartedAt = ContinuousClock.now
        for attempt in acknowledged {
            let booked = try #require(attempt.reply?.json, "an acknowledged accept answered JSON")
            let booking = try #require(booked.string("/id"), "\(booked)")
            let bookingRead = try await Wire.send(.get, "/bookings/\(booking)", port: newPort)
            #expect(bookingRead.status == 200 && bookingRead.json?.string("/state") == "ACCEPTED",
                    "acknowledged booking \(booking) survived the crash: \(bookingRead.status) \(bookingRead.body)")
            let offerRead = try await Wire.send(.get, "/offers/\(attempt.offer)", port: newPort)
            #expect(offerRead.status == 200 && offerRead.json?.string("/state") == "ACCEPTED" && offerRead.json?.string("/booking") == booking,
                    "its offer \(attempt.offer) is ACCEPTED with that booking: \(offerRead.body)")
        }
        var acceptedSets = 0, openSets = 0
        for set in heldSets {
            var states: [String] = []
            for offer in set.offers {
                let read = try await Wire.send(.get, "/offers/\(offer)", port: newPort)
                #expect(read.status == 200, "GET /offers/\(offer) after the restart: \(read.status) \(read.body)")
                let state = read.json?.string("/state") ?? "?"
                states.append(state)
                if state == "ACCEPTED" {
                    let booking = try #require(read.json?.string("/booking"), "an ACCEPTED offer names its booking: \(read.body)")
                    let bookingRead = try await Wire.send(.get, "/bookings/\(booking)", port: newPort)
                    #expect(bookingRead.status == 200 && bookingRead.json?.string("/state") == "ACCEPTED" && bookingRead.json?.string("/offer") == offer,
                            "set \(set.index): the booking of an ACCEPTED offer is readable: \(bookingRead.status) \(bookingRead.body)")
                } else {
                    #expect(["OFFERED", "EXPIRED", "REJECTED"].contains(state), "set \(set.index): offer \(offer) is \(state)")
                }
            }
            let acceptedCount = states.filter { $0 == "ACCEPTED" }.count
            #expect(acceptedCount <= 1, "set \(set.index): two offers of one set are ACCEPTED")
            if acceptedCount == 1 {
                acceptedSets += 1
                #expect(states.sorted() == ["ACCEPTED", "REJECTED"], "set \(set.index): the accept and its sibling's release are one write: \(states)")
            } else {
                openSets += 1
                #expect(states == ["OFFERED", "OFFERED"], "set \(set.index): nothing was accepted, so both offers are still held: \(states)")
            }
            if acknowledgedPerSet[set.index] != nil {
                #expect(acceptedCount == 1, "set \(set.index): its acknowledged accept is on disk")
            }
        }
        print("StorageProcessTests.crash: after the restart \(acceptedSets) sets booked (\(acknowledged.count) acknowledged), \(openSets) still held")

        // Once the 2 s hold has lapsed its capacity is free again, with no client action.
        let now = Int64(Date().timeIntervalSince1970)
        if gammaExpires >= now { try await Task.sleep(for: .seconds(Double(gammaExpires - now) + 1.1)) }
        let gammaRead = try await Wire.send(.get, "/offers/\(gammaOffer)", port: newPort)
        #expect(gammaRead.status == 200 && gammaRead.json?.string("/state") == "EXPIRED", "the 2 s hold reads EXPIRED: \(gammaRead.body)")

        let gauges = try await Wire.gauges(port: newPort, within: .seconds(3)) { gauges in
            gauges["plannerd_booked_cores", "alpha"] + gauges["plannerd_booked_cores", "beta"] == Double(acceptedSets)
        }
        #expect(gauges["plannerd_booked_cores", "alpha"] + gauges["plannerd_booked_cores", "beta"] == Double(acceptedSets),
                "after the restart the ledger books exactly the ACCEPTED offers: \(gauges.values)")
        #expect(gauges["plannerd_held_cores", "alpha"] + gauges["plannerd_held_cores", "beta"] == Double(2 * openSets),
                "and holds exactly the open sets' offers: \(gauges.values)")
        #expect(gauges["plannerd_held_cores", "gamma"] == 0, "the lapsed hold no longer counts: \(gauges.values)")

        let askedAt = Int64(Date().timeIntervalSince1970)
        let again = try await Wire.send(.post, "/plan", port: newPort, body: StorageFixtures.ask(
            image: "ghcr.io/example/tool:1.0", cores: 4, memory: "16Gi", hold: "1m", window: nil))
        let againStart = again.json?.string("/offers/0/start").flatMap(Wire.seconds) ?? 0
        #expect(again.json?.string("/responseword") == "YES" && again.json?.string("/offers/0/service") == "gamma" && again.json?.string("/offers/0/id") != nil,
                "gamma's whole pool can be held again: \(again.body)")
        #expect(abs(againStart - askedAt) <= 5, "starting now (asked at \(askedAt)): \(again.body)")

        print("StorageProcessTests.crash: total \(ContinuousClock.now - began), after the restart \(ContinuousClock.now - restartedAt)")
        #expect(try await restarted.stop() != nil, "the restarted daemon did not stop on SIGTERM")
    }
}

// MARK: - Fixtures

private enum StorageFixtures {
    /// One docker service with a pool of 10 cores.
    static let contestConfiguration = """
        http: { host: 127.0.0.1, port: 0 }
        planning: { lookahead: 24h, maxoffers: 4, maxhold: 15m }
        services:
          - name: pool
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/uws
            limits:   { maxcores: 10, maxmemory: 100Gi, maxduration: 2h }
            capacity: { cores: 10, memory: 100Gi }

        """

    /// Two large docker.io services (every ask for a docker.io image gets an offer set of two) and a
    /// small ghcr.io one.
    static let crashConfiguration = """
        http: { host: 127.0.0.1, port: 0 }
        planning: { lookahead: 24h, maxoffers: 4, maxhold: 15m }
        services:
          - name: alpha
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/alpha
            limits:   { maxcores: 10, maxmemory: 100Gi, maxduration: 2h }
            capacity: { cores: 1000, memory: 10Ti }
            settings: { registries: [ docker.io ] }
          - name: beta
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/beta
            limits:   { maxcores: 10, maxmemory: 100Gi, maxduration: 2h }
            capacity: { cores: 1000, memory: 10Ti }
            settings: { registries: [ docker.io ] }
          - name: gamma
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/gamma
            limits:   { maxcores: 4, maxmemory: 16Gi, maxduration: 2h }
            capacity: { cores: 4, memory: 16Gi }
            settings: { registries: [ ghcr.io ] }

        """

    /// An ask for exactly `cores` cores and `memory` for exactly one hour.
    static func ask(image: String, cores: Int, memory: String, hold: String?, window: String?) -> String {
        var text = #"{"tasktype":"uri://docker-container","taskinfo":{"image":"\#(image)"},"#
        text += #""resources":{"mincores":\#(cores),"maxcores":\#(cores),"minmemory":"\#(memory)","maxmemory":"\#(memory)","minduration":"1h","maxduration":"1h"}"#
        if let window { text += #","schedule":{"start":["\#(window)"]}"# }
        if let hold { text += #","hold":"\#(hold)""# }
        return text + "}"
    }

    /// The largest sum of cores over `[start, end)` periods at any instant.
    static func peak(_ periods: [(start: Int64, end: Int64, cores: Int64)]) -> Int64 {
        // At one instant ends come before starts: the periods are half-open.
        let events = periods.flatMap { [($0.start, 1, $0.cores), ($0.end, 0, -$0.cores)] }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var current: Int64 = 0, peak: Int64 = 0
        for event in events {
            current += event.2
            peak = max(peak, current)
        }
        return peak
    }
}

/// What one contest client saw.
private struct ContestClient: Sendable {
    var client: Int
    var word: String?
    var reasonCodes: [String] = []
    var offer: String?
    var accepts: [Reply] = []
    var failures: [String] = []

    /// Asks on `planPort`; on a YES accepts the offer on both `acceptPorts` at once.
    static func run(_ client: Int, ask: String, planPort: Int, acceptPorts: [Int]) async -> ContestClient {
        var result = ContestClient(client: client)
        do {
            let plan = try await Wire.send(.post, "/plan", port: planPort, body: ask)
            guard plan.status == 200, let answer = plan.json else {
                result.failures.append("client \(client): POST /plan answered \(plan.status): \(plan.body.prefix(500))")
                return result
            }
            result.word = answer.string("/responseword")
            result.reasonCodes = (answer.at("/reasons")?.arrayValue ?? []).compactMap { $0.string("/code") }
            guard result.word == "YES" else { return result }
            guard let offer = answer.string("/offers/0/id") else {
                result.failures.append("client \(client): a held YES without an offer id: \(plan.body.prefix(500))")
                return result
            }
            result.offer = offer
            result.accepts = try await withThrowingTaskGroup(of: Reply.self) { group in
                for port in acceptPorts {
                    group.addTask { try await Wire.send(.post, "/offers/\(offer)/accept", port: port) }
                }
                var replies: [Reply] = []
                for try await reply in group { replies.append(reply) }
                return replies
            }
            for reply in result.accepts where reply.status >= 500 {
                result.failures.append("client \(client): POST /offers/\(offer)/accept answered \(reply.status): \(reply.body.prefix(500))")
            }
        } catch {
            result.failures.append("client \(client): \(error)")
        }
        return result
    }
}

/// An offer set held before the crash.
private struct HeldSet: Sendable {
    var index: Int
    var word: String?
    var offers: [String]
    var body: String
}

/// One accept fired before the crash: its answer, or the error when none came.
private struct AcceptAttempt: Sendable {
    var set: Int
    var offer: String
    var reply: Reply?
    var error: String?
}

/// Counts acknowledged accepts while they arrive.
private final class AcceptTracker: Sendable {
    private let acknowledged = Mutex(0)
    func acknowledge() { acknowledged.withLock { $0 += 1 } }
    var count: Int { acknowledged.withLock { $0 } }
}

/// An HTTP answer.
private struct Reply: Sendable {
    var status: Int
    var body: String
    var json: JSONValue? { try? StrictJSONParser().parse(Array(body.utf8)) }
}

/// Gauges read from `/metrics`, by name and service.
private struct Gauges: Sendable {
    var values: [String: Double] = [:]
    /// The gauge `name` of the only service, or of `service`.
    subscript(_ name: String) -> Double? { values.first { $0.key.hasPrefix(name + "{") }?.value }
    subscript(_ name: String, _ service: String) -> Double { values["\(name){service=\"\(service)\"}"] ?? .nan }
}

/// Requests over a fresh TCP connection each, as separate clients would send them.
private enum Wire {
    static func send(_ method: HTTPRequest.Method, _ path: String, port: Int, body: String? = nil, timeout: Duration = .seconds(20)) async throws -> Reply {
        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: timeout)) { client in
            var headers = HTTPFields()
            if body != nil { headers[.contentType] = "application/json" }
            let response = try await client.execute(TestClient.Request(
                path, method: method, authority: "127.0.0.1", headers: headers, body: body.map { ByteBuffer(string: $0) }))
            return Reply(status: Int(response.status.code), body: response.body.map { String(buffer: $0) } ?? "")
        }
    }

    /// Seconds since 1970 of an RFC 3339 UTC timestamp.
    static func seconds(_ text: String) -> Int64? {
        (try? Date.ISO8601FormatStyle().parse(text)).map { Int64($0.timeIntervalSince1970) }
    }

    /// The `plannerd_*` gauges of `/metrics`, polled until `done` holds or `within` has passed.
    static func gauges(port: Int, within: Duration, until done: (Gauges) -> Bool) async throws -> Gauges {
        let deadline = ContinuousClock.now + within
        while true {
            let reply = try await send(.get, "/metrics", port: port)
            var gauges = Gauges()
            for line in reply.body.split(separator: "\n") where line.hasPrefix("plannerd_") {
                guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
                gauges.values[String(line[..<space])] = value
            }
            if done(gauges) || ContinuousClock.now >= deadline { return gauges }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
#endif
