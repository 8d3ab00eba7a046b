import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// The daemon over a real socket: every status code this version answers, the error shape,
/// request ids, and the informational routes (API.md §1, §3, §4).
@Suite("End to end over a real socket")
struct EndToEndTests {
    /// An ask every build can answer: an unknown task type is a normal `NO`.
    static let unknownAsk = #"{"tasktype":"uri://no-such-tasktype","taskinfo":{}}"#

    @Test("200 NO for a task type no handler knows, with supported")
    func answerNo() async throws {
        let registry = try TaskTypeRegistry(CompiledInHandlers.all)
        try await LiveDaemon.run { client in
            let response = try await client.plan(Self.unknownAsk)
            #expect(response.status == .ok)
            #expect(response.contentType == "application/json")
            #expect(response.requestID?.isEmpty == false)
            let answer = try #require(response.json)
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.string("/tasktype") == "uri://no-such-tasktype")
            #expect(answer.at("/offers") == .array([]))
            #expect(answer.string("/reasons/0/code") == "unsupported-tasktype")
            #expect(answer.string("/reasons/0/class") == "unsupported")
            #expect(answer.string("/reasons/0/path") == "/tasktype")
            #expect(answer.at("/supported") == .array(registry.canonicalURIs.map { .string($0) }))
        }
    }

    #if DockerContainer
    @Test("200 YES for the seed's docker ask")
    func answerYes() async throws {
        try await LiveDaemon.run { client in
            let response = try await client.plan(SeedAsks.docker)
            #expect(response.status == .ok)
            #expect(response.contentType == "application/json")
            #expect(response.requestID?.isEmpty == false)
            #expect(response.json?.string("/responseword") == "YES")
        }
    }
    #endif

    @Test("400 for a body that is not JSON, and for a root that is not an object")
    func badRequest() async throws {
        try await LiveDaemon.run { client in
            let syntax = expectProblem(try await client.plan("{\"tasktype\":"), .badRequest, "truncated JSON")
            #expect(problemEntries(syntax).first?.code == "invalid-json")
            let array = expectProblem(try await client.plan("[]"), .badRequest, "array root")
            #expect(problemEntries(array).map(\.code) == ["not-an-object"])
        }
    }

    @Test("404 for an unknown path, whatever the method")
    func notFound() async throws {
        try await LiveDaemon.run { client in
            for (path, method) in [("/nope", HTTPRequest.Method.get), ("/plan/extra", .post), ("/", .get), ("/offers", .delete)] {
                let response = try await client.execute(uri: path, method: method)
                expectProblem(response, .notFound, "\(method) \(path)")
                #expect(response.headers[.allow] == nil)
            }
        }
    }

    @Test("405 with Allow for a known path and the wrong method")
    func methodNotAllowed() async throws {
        try await LiveDaemon.run { client in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/plan", .get, "POST"), ("/plan", .put, "POST"), ("/plan", .delete, "POST"),
                ("/health", .post, "GET, HEAD"), ("/tasktypes", .delete, "GET, HEAD"), ("/metrics", .put, "GET, HEAD"),
                ("/plan/", .get, "POST"), ("/health/", .post, "GET, HEAD"),
            ]
            for (path, method, allow) in cases {
                let response = try await client.execute(uri: path, method: method, body: ByteBuffer(string: "{}"))
                expectProblem(response, .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow, "\(method) \(path): Allow is \(response.headers[.allow] ?? "missing")")
            }
        }
    }

    @Test("413 for a body over the limit, and the daemon still answers afterwards")
    func contentTooLarge() async throws {
        try await LiveDaemon.run { client in
            let padding = String(repeating: " ", count: 2 << 20)
            let body = #"{"tasktype":"uri://no-such-tasktype","taskinfo":{}}"# + padding
            let response = try await client.plan(body)
            let document = expectProblem(response, .contentTooLarge)
            #expect(problemEntries(document).map(\.code) == ["body-too-large"])
            let port = try #require(client.port)
            let health = try await TestClient.withClient(host: "localhost", port: port) { try await $0.get("/health") }
            #expect(health.status == .ok)
        }
    }

    @Test("413 uses the configured limit, not a default")
    func configuredLimit() async throws {
        try await LiveDaemon.run(try LiveDaemon.service(maxbody: 2048)) { client in
            let small = Self.unknownAsk + String(repeating: " ", count: 1000)
            #expect(try await client.plan(small).status == .ok)
            let large = Self.unknownAsk + String(repeating: " ", count: 3000)
            expectProblem(try await client.plan(large), .contentTooLarge, "3 kB over a 2 kB limit")
        }
    }

    @Test("415 for a Content-Type that is neither JSON nor YAML, or none")
    func unsupportedMediaType() async throws {
        try await LiveDaemon.run { client in
            for contentType in ["text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=latin1", nil] {
                let response = try await client.plan(Self.unknownAsk, contentType: contentType)
                let document = expectProblem(response, .unsupportedMediaType, contentType ?? "no Content-Type")
                #expect(problemEntries(document).map(\.code) == ["unsupported-media-type"])
            }
            for contentType in ["application/json; charset=utf-8", "Application/JSON", "application/yaml", "application/x-yaml", "text/yaml"] {
                #expect(try await client.plan(Self.unknownAsk, contentType: contentType).status == .ok, "\(contentType)")
            }
        }
    }

    @Test("422 lists every problem of an invalid ask, each with its path")
    func unprocessable() async throws {
        try await LiveDaemon.run { client in
            let body = #"""
                {"tasktype":"not a uri","taskinfo":[],"resources":{"mincores":0,"minmemory":"8g","maxduration":"1.5h","cores":4},"extra":1}
                """#
            let document = expectProblem(try await client.plan(body), .unprocessableContent)
            let paths = Set(problemEntries(document).map(\.path))
            for path in ["/tasktype", "/taskinfo", "/resources/mincores", "/resources/minmemory", "/resources/maxduration", "/resources/cores", "/extra"] {
                #expect(paths.contains(path), "no problem at \(path): \(paths.sorted())")
            }
            let hint = document?.at("/errors")?.arrayValue?.first { $0.string("/path") == "/resources/minmemory" }?.string("/hint")
            #expect(hint?.contains("8G") == true && hint?.contains("8Gi") == true, "the 8g hint names both spellings: \(hint ?? "none")")
        }
    }

    @Test("every answer carries its own X-Request-Id")
    func requestIDs() async throws {
        try await LiveDaemon.run { client in
            var seen: Set<String> = []
            let requests: [(String, HTTPRequest.Method, String?)] = [
                ("/health", .get, nil), ("/tasktypes", .get, nil), ("/metrics", .get, nil), ("/nope", .get, nil),
                ("/plan", .get, nil), ("/plan", .post, Self.unknownAsk), ("/plan", .post, "nonsense"), ("/plan", .post, "{}"),
            ]
            for (path, method, body) in requests {
                let response = try await client.execute(
                    uri: path, method: method, headers: .contentType(body == nil ? nil : "application/json"),
                    body: body.map { ByteBuffer(string: $0) })
                let id = try #require(response.requestID, "\(method) \(path) has no X-Request-Id")
                #expect(!id.isEmpty)
                #expect(seen.insert(id).inserted, "\(method) \(path) reuses the id \(id)")
            }
        }
    }

    @Test("GET /health answers 200 {\"status\":\"ok\"}")
    func health() async throws {
        try await LiveDaemon.run { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(response.contentType == "application/json")
            #expect(response.json == ["status": "ok"])
        }
    }

    @Test("HEAD is answered wherever GET is, without a body")
    func head() async throws {
        try await LiveDaemon.run { client in
            for path in ["/health", "/tasktypes", "/metrics"] {
                let response = try await client.execute(uri: path, method: .head)
                #expect(response.status == .ok, "HEAD \(path): \(response.status.code)")
                #expect(response.body.readableBytes == 0, "HEAD \(path) has a body")
                #expect(response.requestID?.isEmpty == false, "HEAD \(path): no X-Request-Id")
            }
            let plan = try await client.execute(uri: "/plan", method: .head)
            #expect(plan.status == .methodNotAllowed)
            #expect(plan.headers[.allow] == "POST")
            #expect(plan.body.readableBytes == 0, "a HEAD answer never has a body, even an error")
        }
    }

    @Test("GET /tasktypes lists each compiled-in task type with aliases, taskinfo fields and services")
    func tasktypes() async throws {
        let registry = try TaskTypeRegistry(CompiledInHandlers.all)
        try await LiveDaemon.run { client in
            let response = try await client.execute(uri: "/tasktypes", method: .get)
            #expect(response.status == .ok)
            #expect(response.contentType == "application/json")
            let listing = try #require(response.json?.at("/tasktypes")?.arrayValue)
            #expect(listing.compactMap { $0.string("/tasktype") } == registry.canonicalURIs)
            for entry in listing {
                let uri = entry.string("/tasktype") ?? "?"
                #expect(entry.at("/aliases")?.arrayValue?.allSatisfy { $0.stringValue != nil } == true, "\(uri): aliases")
                #expect(entry.string("/description")?.isEmpty == false, "\(uri): description")
                let fields = entry.at("/taskinfo")?.arrayValue ?? []
                #expect(!fields.isEmpty, "\(uri): taskinfo fields")
                for field in fields {
                    #expect(field.string("/name") != nil && field.string("/description") != nil, "\(uri): field \(field.jsonText)")
                    #expect(field.at("/required").map { if case .bool = $0 { true } else { false } } == true, "\(uri): required flag")
                }
                let services = entry.at("/services")?.arrayValue ?? []
                #expect(services.count == 1, "\(uri): one demo service accepts it")
                for service in services {
                    #expect(service.string("/name") != nil && service.string("/servicetype") != nil, "\(uri): service \(service.jsonText)")
                    #expect(service.at("/limits")?.objectValue != nil, "\(uri): limits")
                }
            }
            #if DockerContainer
            let docker = listing.first { $0.string("/tasktype") == "uri://docker-container" }
            #expect(docker?.at("/services/0") == [
                "name": "docker-uws", "servicetype": "uri://docker-uws",
                "limits": ["maxcores": 10, "maxmemory": "10G", "maxduration": "20m"],
            ])
            #expect(docker?.at("/taskinfo")?.arrayValue?.contains { $0.string("/name") == "image" && $0.at("/required") == true } == true)
            #endif
            #if KubernetesHelm
            let helm = listing.first { $0.string("/tasktype") == "uri://kubernetes-helm" }
            #expect(helm?.at("/services/0/limits") == ["maxcores": 240, "maxmemory": "400G", "maxduration": "9h30m"])
            #endif
        }
    }

    @Test("GET /metrics counts requests per route with the route as a label; unknown paths and methods share labels")
    func metrics() async throws {
        try await LiveDaemon.run { client in
            _ = try await client.plan(Self.unknownAsk)
            _ = try await client.plan(Self.unknownAsk)
            _ = try await client.plan("{", contentType: "application/json")
            _ = try await client.execute(uri: "/plan", method: .get)
            _ = try await client.execute(uri: "/health", method: .get)
            _ = try await client.execute(uri: "/scanner/probe/1", method: .get)
            _ = try await client.execute(uri: "/health/", method: .get)
            for token in ["PROPFIND", "PURGE"] {
                _ = try await client.execute(uri: "/health", method: try #require(HTTPRequest.Method(token)))
            }
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.contentType?.hasPrefix("text/plain") == true)
            let lines = response.text.split(separator: "\n").map(String.init)
            func sample(_ prefix: String) -> String? { lines.first { $0.hasPrefix(prefix) } }
            #expect(sample(#"plannerd_requests_total{route="/plan",method="POST",status="200"} 2"#) != nil, "\(response.text.prefix(800))")
            #expect(sample(#"plannerd_requests_total{route="/plan",method="POST",status="400"} 1"#) != nil)
            #expect(sample(#"plannerd_requests_total{route="/plan",method="GET",status="405"} 1"#) != nil)
            #expect(sample(#"plannerd_requests_total{route="/health",method="GET",status="200"} 2"#) != nil, "/health/ counts as /health")
            #expect(sample(#"plannerd_requests_total{route="unknown",method="GET",status="404"} 1"#) != nil)
            #expect(!response.text.contains("/scanner/probe"), "unknown paths never become labels")
            #expect(sample(#"plannerd_requests_total{route="/health",method="other",status="405"} 2"#) != nil, "other methods share one label")
            #expect(!response.text.contains("PROPFIND") && !response.text.contains("PURGE"), "other method names never become labels")
            #expect(sample(#"plannerd_request_duration_seconds_count{route="/plan",method="POST"} 3"#) != nil)
        }
    }
}
