#if DockerContainer
import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerDaemon
import PlannerKernel
import Testing

/// The capacity-planning cases of the kernel's table (CapacityPlanningTests), end to end: a
/// configuration file declares the services, their pools and their reserved periods (times
/// relative to now), the daemon loads it as `plannerd serve` does, and the asks go through
/// `POST /plan` over a real socket.
@Suite("Capacity planning end to end through POST /plan")
struct CapacityEndToEndTests {
    /// Whole seconds since 1970 when the test wrote its file; reserved periods are relative to it.
    let base = Int64(Date().timeIntervalSince1970.rounded(.down))
    static let hour: Int64 = 3600

    /// `base + offset` as RFC 3339.
    func at(_ offset: Int64) -> String { RFC3339.format(seconds: base + offset) }

    /// A docker-container service as an item of `services:`; `extra` lines are its further keys.
    static func service(_ name: String, _ extra: String...) -> String {
        ([
            "  - name: \(name)",
            "    tasktypes: [ \"uri://docker-container\" ]",
            "    servicetype: uri://\(name)",
            "    endpoint: http://example.org/\(name)",
        ] + extra.map { "    " + $0 }).joined(separator: "\n")
    }

    /// A pool of 16 cores and 64Gi with per-task limits of 16 cores, 64Gi and 8h, and `reserved`
    /// periods given as `(from, to, cores, memory)` offsets from `base` in seconds.
    func poolService(_ name: String = "pool", cores: Int = 16, limit: Int = 16, reserved: [(from: Int64, to: Int64, cores: Int, memory: String)] = []) -> String {
        let periods = reserved.map { #"{ start: "\#(at($0.from))", end: "\#(at($0.to))", cores: \#($0.cores), memory: \#($0.memory) }"# }
        return Self.service(
            name,
            "limits: { maxcores: \(limit), maxmemory: 64Gi, maxduration: 8h }",
            "capacity:",
            "  cores: \(cores)",
            "  memory: 64Gi",
            "  reserved: [ \(periods.joined(separator: ", ")) ]")
    }

    /// Writes `services` (and `planning`) to a configuration file, loads it with an empty
    /// environment, and runs `body` against the daemon built from it on a free port.
    func withDaemon<Value: Sendable>(
        planning: String = "{ lookahead: 24h, maxoffers: 4 }", services: [String],
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let yaml = "http: { host: 127.0.0.1, port: 0 }\nplanning: \(planning)\nservices:\n" + services.joined(separator: "\n") + "\n"
        let path = try ConfigurationFixture.write(yaml)
        defer { ConfigurationFixture.remove(path) }
        let registry = try TaskTypeRegistry(CompiledInHandlers.all)
        var configuration = try await ConfigurationLoader(environment: [:]).load(file: path, registry: registry)
        configuration.storage = LiveDaemon.temporaryStorage()
        let service = try PlannerService(configuration: configuration, registry: registry)
        return try await LiveDaemon.run(service, body)
    }

    /// An ask for `uri://docker-container` with `resources` (a JSON object) and optional extras.
    static func ask(_ resources: String, schedule: [String]? = nil, privileged: Bool = false) -> String {
        var members = [
            #""tasktype": "uri://docker-container""#,
            #""taskinfo": {"image": "ubuntu:22.04"\#(privileged ? #", "privileged": true"# : "")}"#,
            #""resources": \#(resources)"#,
        ]
        if let schedule { members.append(#""schedule": {"start": [\#(schedule.map { "\"\($0)\"" }.joined(separator: ", "))]}"#) }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// `POST /plan` with `ask`; the answer document, which must be a `200`.
    static func answer(_ client: any TestClientProtocol, _ ask: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let response = try await client.plan(ask)
        #expect(response.status == .ok, "status \(response.status.code): \(response.text.prefix(500))", sourceLocation: sourceLocation)
        return try #require(response.json, sourceLocation: sourceLocation)
    }

    /// Seconds since 1970 of the RFC 3339 string at `pointer`.
    static func seconds(_ document: JSONValue, _ pointer: String) -> Int64? {
        document.string(pointer).flatMap(RFC3339.parse).map { Int64($0.timeIntervalSince1970) }
    }

    /// Whether `seconds` is "now" as the planner saw it: not before the test started and not after
    /// the answer arrived (rounded up to a whole second). No timing tolerance is assumed.
    static func isNow(_ seconds: Int64?, since started: Date) -> Bool {
        guard let seconds else { return false }
        return seconds >= Int64(started.timeIntervalSince1970.rounded(.down)) && seconds <= Int64(Date().timeIntervalSince1970.rounded(.up))
    }

    // MARK: - sizes and ranking

    /// Three services for one task type: a small one and a big one without pools, and a big pool
    /// that is fully reserved for the next hour.
    var threeServices: [String] {
        [
            Self.service("small", "limits: { maxcores: 4, maxmemory: 8Gi, maxduration: 1h }"),
            Self.service("big", "limits: { maxcores: 16, maxmemory: 64Gi, maxduration: 8h }"),
            poolService("later", cores: 32, limit: 32, reserved: [(from: -600, to: Self.hour, cores: 32, memory: "0")]),
        ]
    }

    @Test("several services for one type: earliest start first, then most cores; a missing max is filled from the limit")
    func ranking() async throws {
        let expectedLater = at(Self.hour)
        try await withDaemon(services: threeServices) { client in
            let started = Date()
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 2}"#))
            #expect(answer.string("/responseword") == "YES")
            #expect(answer.at("/offers")?.arrayValue?.compactMap { $0.string("/service") } == ["big", "small", "later"])
            #expect(answer.integer("/offers/0/resources/maxcores") == 16)
            #expect(answer.integer("/offers/1/resources/maxcores") == 4)
            #expect(answer.integer("/offers/2/resources/maxcores") == 32)
            #expect(answer.string("/offers/0/resources/maxmemory") == "1Gi")  // neither memory key: the default
            #expect(answer.integer("/offers/0/resources/mincores") == 2)
            #expect(Self.isNow(Self.seconds(answer, "/offers/0/start"), since: started))
            #expect(answer.string("/offers/2/start") == expectedLater)
            // The top level repeats offers[0].
            #expect(answer.string("/servicetype") == "uri://big")
            #expect(answer.at("/resources") == answer.at("/offers/0/resources"))
            #expect(answer.at("/reasons") == .array([]))
        }
    }

    @Test("an asked max below a limit is offered as asked")
    func askedMaxBelowLimit() async throws {
        try await withDaemon(services: threeServices) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 2, "maxcores": 6, "maxmemory": "4Gi"}"#))
            #expect(answer.at("/offers")?.arrayValue?.compactMap { $0.string("/service") } == ["big", "small", "later"])
            #expect(answer.integer("/offers/0/resources/maxcores") == 6)
            #expect(answer.integer("/offers/1/resources/maxcores") == 4)
            #expect(answer.integer("/offers/2/resources/maxcores") == 6)
            #expect(answer.string("/offers/0/resources/maxmemory") == "4Gi")
        }
    }

    @Test("planning.maxoffers bounds the number of offers, best first")
    func maxoffers() async throws {
        try await withDaemon(planning: "{ maxoffers: 1 }", services: threeServices) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 2}"#))
            #expect(answer.at("/offers")?.arrayValue?.compactMap { $0.string("/service") } == ["big"])
        }
    }

    @Test("a min above every limit: NO, exceeds-limit, never, with the nearest acceptable ask")
    func aboveEveryLimit() async throws {
        try await withDaemon(services: threeServices) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 64}"#))
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.at("/offers") == .array([]))
            let reasons = try #require(answer.at("/reasons")?.arrayValue)
            #expect(reasons.count == 3)
            for reason in reasons {
                #expect(reason.string("/code") == "exceeds-limit" && reason.string("/class") == "never")
                #expect(reason.string("/path") == "/resources/mincores")
                #expect(reason.string("/message")?.contains("64") == true)
            }
            let big = try #require(reasons.first { $0.string("/service") == "big" })
            #expect(big.integer("/limit") == 16 && big.integer("/nearest/mincores") == 16)
            let small = try #require(reasons.first { $0.string("/service") == "small" })
            #expect(small.integer("/nearest/mincores") == 4)
        }
    }

    // MARK: - capacity over time

    @Test("capacity busy now but free in an hour: YES, starting an hour later")
    func freeInAnHour() async throws {
        let release = at(Self.hour)
        let pool = poolService(reserved: [(from: -600, to: Self.hour, cores: 14, memory: "10Gi")])
        try await withDaemon(services: [pool]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 8, "maxduration": "2h"}"#))
            #expect(answer.string("/responseword") == "YES")
            #expect(answer.string("/offers/0/start") == release)
            #expect(answer.integer("/offers/0/resources/maxcores") == 16)
        }
    }

    @Test("a partly busy pool cuts the offered maxima to what is free")
    func partlyBusy() async throws {
        let pool = poolService(reserved: [(from: -60, to: 2 * Self.hour, cores: 10, memory: "60Gi")])
        try await withDaemon(services: [pool]) { client in
            let started = Date()
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 4, "minmemory": "2Gi", "maxmemory": "32Gi", "maxduration": "1h"}"#))
            #expect(Self.isNow(Self.seconds(answer, "/offers/0/start"), since: started))
            #expect(answer.integer("/offers/0/resources/maxcores") == 6)
            #expect(answer.string("/offers/0/resources/maxmemory") == "4Gi")
        }
    }

    @Test("capacity busy for the whole look-ahead: NO, exceeds-capacity, not-now, with the first start with room")
    func busyWholeLookahead() async throws {
        let pool = poolService(reserved: [(from: -600, to: 48 * Self.hour, cores: 14, memory: "10Gi")])
        try await withDaemon(services: [pool]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 8, "maxduration": "2h"}"#))
            #expect(answer.string("/responseword") == "NO")
            let reason = try #require(answer.at("/reasons")?.arrayValue?.first)
            #expect(answer.at("/reasons")?.arrayValue?.count == 1)
            #expect(reason.string("/code") == "exceeds-capacity" && reason.string("/class") == "not-now")
            #expect(reason.string("/path") == "" && reason.string("/service") == "pool")
            #expect(reason.integer("/limit") == 2)
            #expect(reason.at("/nearest/start") != nil)
            #expect(reason.string("/message")?.contains("24h") == true)
        }
    }

    @Test("planning.lookahead bounds start times: free after the look-ahead is not-now")
    func lookaheadBoundsStarts() async throws {
        let pool = poolService(reserved: [(from: -600, to: 3 * Self.hour, cores: 14, memory: "10Gi")])
        try await withDaemon(planning: "{ lookahead: 2h }", services: [pool]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 8, "maxduration": "1h"}"#))
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.string("/reasons/0/code") == "exceeds-capacity")
            #expect(answer.string("/reasons/0/class") == "not-now")
        }
    }

    @Test("busy in the asked window but free later: NO, not-now, with the nearest start")
    func busyInAskedWindow() async throws {
        let (window, free) = ("\(at(0))/PT1H", at(3 * Self.hour))
        let pool = poolService(reserved: [(from: -600, to: 3 * Self.hour, cores: 14, memory: "10Gi")])
        try await withDaemon(services: [pool]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 8, "maxduration": "1h"}"#, schedule: [window]))
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.at("/reasons")?.arrayValue?.count == 1)
            #expect(answer.string("/reasons/0/code") == "exceeds-capacity")
            #expect(answer.string("/reasons/0/class") == "not-now")
            #expect(answer.string("/reasons/0/path") == "/schedule/start")
            #expect(answer.string("/reasons/0/nearest/start") == free)
        }
    }

    @Test("an offer starts inside the asked window: at its start, or when capacity frees up in it")
    func insideAskedWindow() async throws {
        let (later, spanning, free) = ("\(at(4 * Self.hour))/PT2H", "\(at(2 * Self.hour))/\(at(4 * Self.hour))", at(3 * Self.hour))
        let (laterStart, pastWindow) = (at(4 * Self.hour), "\(at(-3 * Self.hour))/PT1H")
        let pool = poolService(reserved: [(from: -600, to: 3 * Self.hour, cores: 14, memory: "10Gi")])
        try await withDaemon(services: [pool]) { client in
            let first = try await Self.answer(client, Self.ask(#"{"mincores": 8, "maxduration": "1h"}"#, schedule: [later]))
            #expect(first.string("/responseword") == "YES")
            #expect(first.string("/offers/0/start") == laterStart)
            let second = try await Self.answer(client, Self.ask(#"{"mincores": 8, "maxduration": "1h"}"#, schedule: [spanning]))
            #expect(second.string("/offers/0/start") == free)
            // Of several windows, the first one with room is used.
            let both = try await Self.answer(client, Self.ask(#"{"mincores": 8, "maxduration": "1h"}"#, schedule: [pastWindow, later]))
            #expect(both.string("/offers/0/start") == laterStart)
        }
    }

    @Test("windows that are all past are outside-window never; beyond the look-ahead, not-now")
    func outsideWindow() async throws {
        let (past, far) = ("\(at(-3 * Self.hour))/PT1H", "\(at(72 * Self.hour))/PT1H")
        try await withDaemon(services: [poolService()]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 2}"#, schedule: [past]))
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.string("/reasons/0/code") == "outside-window")
            #expect(answer.string("/reasons/0/class") == "never")
            #expect(answer.string("/reasons/0/path") == "/schedule/start")
            let beyond = try await Self.answer(client, Self.ask(#"{"mincores": 2}"#, schedule: [far]))
            #expect(beyond.string("/reasons/0/code") == "outside-window")
            #expect(beyond.string("/reasons/0/class") == "not-now")
            #expect(beyond.at("/reasons/0/nearest/start") != nil)
        }
    }

    @Test("a pool smaller than the asked min: NO, exceeds-capacity, never")
    func poolTooSmall() async throws {
        try await withDaemon(services: [poolService(cores: 16, limit: 64)]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 32}"#))
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.at("/reasons")?.arrayValue?.count == 1)
            #expect(answer.string("/reasons/0/code") == "exceeds-capacity")
            #expect(answer.string("/reasons/0/class") == "never")
            #expect(answer.string("/reasons/0/path") == "/resources/mincores")
            #expect(answer.integer("/reasons/0/limit") == 16)
            #expect(answer.integer("/reasons/0/nearest/mincores") == 16)
        }
    }

    @Test("configured reserved periods on memory alone hold a task back too")
    func reservedMemory() async throws {
        let release = at(1800)
        let pool = poolService(reserved: [(from: -60, to: 1800, cores: 0, memory: "64Gi")])
        try await withDaemon(services: [pool]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 1, "maxduration": "10m"}"#))
            #expect(answer.string("/offers/0/start") == release)
        }
    }

    // MARK: - several reasons at once

    @Test("a policy refusal and a size refusal together: both reasons are listed")
    func policyAndSize() async throws {
        let strict = Self.service("strict", "limits: { maxcores: 4 }", "settings: { privileged: false }")
        try await withDaemon(services: [strict]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 8}"#, privileged: true))
            #expect(answer.string("/responseword") == "NO")
            let reasons = try #require(answer.at("/reasons")?.arrayValue)
            let pairs = Set(reasons.compactMap { reason in reason.string("/code").map { "\($0) \(reason.string("/class") ?? "")" } })
            #expect(pairs == ["refused-by-policy policy", "exceeds-limit never"])
            #expect(Set(reasons.compactMap { $0.string("/path") }) == ["/taskinfo/privileged", "/resources/mincores"])
            #expect(reasons.allSatisfy { $0.string("/service") == "strict" })
        }
    }

    @Test("a busy pool and a refusing service: exceeds-capacity and refused-by-policy together")
    func capacityAndPolicy() async throws {
        let busy = poolService(reserved: [(from: -600, to: 48 * Self.hour, cores: 16, memory: "64Gi")])
        let strict = Self.service("strict", "settings: { registries: [ ghcr.io ] }")
        try await withDaemon(services: [busy, strict]) { client in
            let answer = try await Self.answer(client, Self.ask(#"{"mincores": 2}"#))
            #expect(answer.string("/responseword") == "NO")
            let reasons = try #require(answer.at("/reasons")?.arrayValue)
            #expect(Set(reasons.compactMap { $0.string("/code") }) == ["exceeds-capacity", "refused-by-policy"])
            #expect(Set(reasons.compactMap { $0.string("/class") }) == ["not-now", "policy"])
        }
    }
}
#endif
