import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// The same ask as JSON or YAML gets the same answer, and `Accept` chooses the answer's format.
@Suite("YAML and JSON")
struct YAMLAnswerTests {
    /// Asks in both forms: the seed's docker ask, a helm NO with several reasons, a notebook with content.
    static let asks: [(json: String, yaml: String)] = [
        (#"{"tasktype": "uri://docker-container", "taskinfo": {"image": "docker.io/example:1.0"}, "resources": {"mincores": 8, "maxcores": 10, "minmemory": "8G", "maxmemory": "10G", "minduration": "10m", "maxduration": "20m"}}"#,
         """
         tasktype: uri://docker-container
         taskinfo:
           image: docker.io/example:1.0
         resources:
           mincores: 8
           maxcores: 10
           minmemory: 8G
           maxmemory: 10G
           minduration: 10m
           maxduration: 20m
         """),
        (#"{"tasktype": "uri://kubernetes-helm", "taskinfo": {"chart": "https://charts.example.org/a-1.0.0.tgz"}, "resources": {"mincores": 500, "minmemory": "1Pi"}}"#,
         "tasktype: \"uri://kubernetes-helm\"\ntaskinfo: {chart: \"https://charts.example.org/a-1.0.0.tgz\"}\nresources: {mincores: 500, minmemory: 1Pi}\n"),
        (#"{"tasktype": "uri:jupyter-notebook-1.0", "taskinfo": {"notebook": "https://example.org/n.ipynb", "kernel": "python3"}}"#,
         "tasktype: uri:jupyter-notebook-1.0\ntaskinfo:\n  notebook: https://example.org/n.ipynb\n  kernel: python3\n"),
    ]

    func ask(_ client: some TestClientProtocol, _ body: String, contentType: String, accept: String?) async throws -> TestResponse {
        var headers = HTTPFields.contentType(contentType)
        if let accept { headers[.accept] = accept }
        return try await client.execute(uri: "/plan", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("JSON and YAML bodies, JSON and YAML answers: one answer (apart from start times)")
    func identicalAnswers() async throws {
        try await LiveDaemon.run { client in
            for (json, yaml) in Self.asks {
                var answers: [JSONValue] = []
                for (body, contentType) in [(json, "application/json"), (yaml, "application/yaml"), (yaml, "text/yaml")] {
                    let asJSON = try await ask(client, body, contentType: contentType, accept: nil)
                    #expect(asJSON.status == .ok, "\(asJSON.text)")
                    #expect(asJSON.contentType == "application/json")
                    answers.append(try #require(asJSON.json))
                    let asYAML = try await ask(client, body, contentType: contentType, accept: "application/yaml, application/json;q=0.9")
                    #expect(asYAML.status == .ok)
                    #expect(asYAML.contentType == "application/yaml")
                    answers.append(try YAMLDocumentReader().parse(asYAML.text))
                }
                let comparable = answers.map { $0.removing("start") }
                #expect(comparable.allSatisfy { $0 == comparable[0] }, "\(json): \(comparable.map { String(decoding: $0.serialized().prefix(200), as: UTF8.self) })")
            }
        }
    }

    @Test("errors stay application/problem+json whatever Accept asks; other routes answer YAML too")
    func errorsAndOtherRoutes() async throws {
        try await LiveDaemon.run { client in
            let invalid = try await ask(client, "tasktype: 5\n", contentType: "application/yaml", accept: "application/yaml")
            expectProblem(invalid, .unprocessableContent, "YAML ask with a numeric tasktype")
            for uri in ["/health", "/tasktypes"] {
                let response = try await client.execute(uri: uri, method: .get, headers: [.accept: "text/yaml"])
                #expect(response.contentType == "application/yaml", "\(uri)")
                #expect(response.headers[.vary] == "Accept", "\(uri)")
                let viaJSON = try await client.execute(uri: uri, method: .get)
                #expect(try YAMLDocumentReader().parse(response.text) == viaJSON.json, "\(uri)")
            }
        }
    }
}
