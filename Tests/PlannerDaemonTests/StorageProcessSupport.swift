#if DockerContainer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerKernel
import PlannerTestSupport
import Synchronization
import Testing

// MARK: - Fixtures

enum StorageFixtures {
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
struct ContestClient: Sendable {
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
struct HeldSet: Sendable {
    var index: Int
    var word: String?
    var offers: [String]
    var body: String
}

/// One accept fired before the crash: its answer, or the error when none came.
struct AcceptAttempt: Sendable {
    var set: Int
    var offer: String
    var reply: Reply?
    var error: String?
}

/// Counts acknowledged accepts while they arrive.
final class AcceptTracker: Sendable {
    private let acknowledged = Mutex(0)
    func acknowledge() { acknowledged.withLock { $0 += 1 } }
    var count: Int { acknowledged.withLock { $0 } }
}

/// An HTTP answer.
struct Reply: Sendable {
    var status: Int
    var body: String
    var json: JSONValue? { try? StrictJSONParser().parse(Array(body.utf8)) }
}

/// Gauges read from `/metrics`, by name and service.
struct Gauges: Sendable {
    var values: [String: Double] = [:]
    /// The gauge `name` of the only service, or of `service`.
    subscript(_ name: String) -> Double? { values.first { $0.key.hasPrefix(name + "{") }?.value }
    subscript(_ name: String, _ service: String) -> Double { values["\(name){service=\"\(service)\"}"] ?? .nan }
}

/// Requests over a fresh TCP connection each, as separate clients would send them.
enum Wire {
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
