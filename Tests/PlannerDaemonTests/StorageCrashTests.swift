#if DockerContainer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerKernel
import PlannerTestSupport
import Synchronization
import Testing

/// The crash test of ``StorageProcessTests``, in the same serialized suite: a daemon on SQLite
/// killed with SIGKILL while accepts are in flight.
extension StorageProcessTests {
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
#endif
