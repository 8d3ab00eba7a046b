import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerDaemon
import PlannerKernel
import Testing

/// The seed talk's asks, as the talk wrote them (API.md §2; the helm chart URL without its typo).
enum SeedAsks {
    static let docker = #"""
        {"tasktype":"uri://docker-container","taskinfo":{"image":"docker.io/example:1.0"},
         "resources":{"mincores":8,"maxcores":10,"minmemory":"8G","maxmemory":"10G","minduration":"10m","maxduration":"20m"}}
        """#

    static let dockerWithoutResources = #"{"tasktype":"uri://docker-container","taskinfo":{"image":"docker.io/example:1.0"}}"#

    static func helm(chart: String = "http://example.org/heml.chart", mincores: Int = 220) -> String {
        #"""
        {"tasktype":"uri://kubernetes-helm","taskinfo":{"chart":"\#(chart)"},
         "resources":{"mincores":\#(mincores),"maxcores":null,"minmemory":"360G","maxmemory":"400G","minduration":"9h","maxduration":"9h30m"}}
        """#
    }

    /// The helm ask as the slides show it, in YAML, with `maxcores:` left empty.
    static let helmYAML = """
        tasktype: uri://kubernetes-helm
        taskinfo:
          chart: http://example.org/heml.chart
        resources:
          mincores: 220
          maxcores:
          minmemory: 360G
          maxmemory: 400G
          minduration: 9h
          maxduration: 9h30m

        """

    static let notebook = #"{"tasktype":"uri://jupyter-notebook","taskinfo":{"notebook":"https://example.org/a.ipynb"}}"#
}

/// The seed talk's answers through `POST /plan` on the built-in demo configuration (API.md §7).
@Suite("The seed talk's asks through POST /plan")
struct SeedAnswerTests {
    /// Checks a `YES` whose best offer comes from `service`, and returns the answer.
    @discardableResult
    static func expectYes(_ response: TestResponse, service: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
        #expect(response.status == .ok, "status \(response.status.code): \(response.text.prefix(400))", sourceLocation: sourceLocation)
        #expect(response.contentType == "application/json", sourceLocation: sourceLocation)
        guard let answer = response.json else {
            Issue.record("the answer is not JSON: \(response.text.prefix(300))", sourceLocation: sourceLocation)
            return nil
        }
        #expect(answer.string("/responseword") == "YES", "\(answer.jsonText.prefix(600))", sourceLocation: sourceLocation)
        #expect(answer.string("/offers/0/service") == service, sourceLocation: sourceLocation)
        #expect(answer.at("/reasons") == .array([]), sourceLocation: sourceLocation)
        // The seed's simple shape is the best offer's.
        #expect(answer.at("/servicetype") == answer.at("/offers/0/servicetype"), sourceLocation: sourceLocation)
        #expect(answer.at("/serviceinfo") == answer.at("/offers/0/serviceinfo"), sourceLocation: sourceLocation)
        #expect(answer.at("/resources") == answer.at("/offers/0/resources"), sourceLocation: sourceLocation)
        return answer
    }

    #if DockerContainer
    @Test("docker: YES from docker-uws, 8–10 cores, 8G–10G, 10m–20m")
    func docker() async throws {
        try await LiveDaemon.run { client in
            let answer = Self.expectYes(try await client.plan(SeedAsks.docker), service: "docker-uws")
            #expect(answer?.string("/tasktype") == "uri://docker-container")
            #expect(answer?.string("/servicetype") == "uri://docker-uws")
            #expect(answer?.string("/serviceinfo/endpoint") == "http://example.org/uws")
            #expect(answer?.at("/resources") == [
                "mincores": 8, "maxcores": 10, "minmemory": "8G", "maxmemory": "10G", "minduration": "10m", "maxduration": "20m",
            ])
        }
    }

    @Test("docker without resources: YES from docker-uws within its limits")
    func dockerWithoutResources() async throws {
        try await LiveDaemon.run { client in
            let answer = Self.expectYes(try await client.plan(SeedAsks.dockerWithoutResources), service: "docker-uws")
            #expect(answer?.string("/servicetype") == "uri://docker-uws")
            #expect(answer?.string("/serviceinfo/endpoint") == "http://example.org/uws")
            let cores = answer?.integer("/resources/maxcores") ?? 0
            #expect((1...10).contains(cores))
            #expect(answer?.string("/resources/maxduration") == "20m", "the 1h default is capped by the 20m limit")
        }
    }
    #endif

    #if KubernetesHelm
    @Test("helm: YES from kws, 220–240 cores, 360G–400G, 9h–9h30m")
    func helm() async throws {
        try await LiveDaemon.run { client in
            let answer = Self.expectYes(try await client.plan(SeedAsks.helm()), service: "kws")
            #expect(answer?.string("/serviceinfo/endpoint") == "http://example.org/kws")
            #expect(answer?.at("/resources") == [
                "mincores": 220, "maxcores": 240, "minmemory": "360G", "maxmemory": "400G", "minduration": "9h", "maxduration": "9h30m",
            ])
        }
    }

    @Test("helm in YAML, as on the slides (maxcores: left empty): the same YES")
    func helmYAML() async throws {
        try await LiveDaemon.run { client in
            let answer = Self.expectYes(try await client.plan(SeedAsks.helmYAML, contentType: "application/yaml"), service: "kws")
            #expect(answer?.at("/resources") == [
                "mincores": 220, "maxcores": 240, "minmemory": "360G", "maxmemory": "400G", "minduration": "9h", "maxduration": "9h30m",
            ])
        }
    }

    @Test("the seed's typo http:///example.org/heml.chart is a 422 at /taskinfo/chart with a hint")
    func helmTypo() async throws {
        try await LiveDaemon.run { client in
            let response = try await client.plan(SeedAsks.helm(chart: "http:///example.org/heml.chart"))
            let document = expectProblem(response, .unprocessableContent)
            let errors = document?.at("/errors")?.arrayValue ?? []
            #expect(errors.map { $0.string("/path") } == ["/taskinfo/chart"])
            #expect(errors.first?.string("/hint")?.contains("http://example.org/heml.chart") == true, "\(errors.first?.jsonText ?? "")")
        }
    }

    @Test("helm with mincores 300: NO exceeds-limit, limit 240, nearest mincores 240")
    func helmTooLarge() async throws {
        try await LiveDaemon.run { client in
            let response = try await client.plan(SeedAsks.helm(mincores: 300))
            #expect(response.status == .ok)
            let answer = try #require(response.json)
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.at("/offers") == .array([]))
            let reasons = answer.at("/reasons")?.arrayValue ?? []
            #expect(reasons.count == 1, "\(answer.jsonText)")
            let reason = try #require(reasons.first)
            #expect(reason.string("/code") == "exceeds-limit")
            #expect(reason.string("/class") == "never")
            #expect(reason.string("/path") == "/resources/mincores")
            #expect(reason.at("/limit") == 240)
            #expect(reason.at("/nearest") == ["mincores": 240])
            #expect(reason.string("/service") == "kws")
            #expect(reason.string("/message")?.contains("300") == true && reason.string("/message")?.contains("240") == true)
        }
    }
    #endif

    #if Notebook
    @Test("notebook: YES from jupyter")
    func notebook() async throws {
        try await LiveDaemon.run { client in
            let answer = Self.expectYes(try await client.plan(SeedAsks.notebook), service: "jupyter")
            #expect(answer?.string("/servicetype") == "uri://jupyterhub")
            #expect(answer?.string("/serviceinfo/endpoint") == "http://example.org/jupyter")
            #expect(answer?.string("/serviceinfo/notebook") == "https://example.org/a.ipynb")
        }
    }
    #endif

    @Test("an unknown task type: 200 NO unsupported-tasktype with the supported list")
    func unknownTaskType() async throws {
        let registry = try TaskTypeRegistry(CompiledInHandlers.all)
        try await LiveDaemon.run { client in
            let response = try await client.plan(#"{"tasktype":"uri://slurm-batch","taskinfo":{"script":"run.sh"}}"#)
            #expect(response.status == .ok)
            let answer = try #require(response.json)
            #expect(answer.string("/responseword") == "NO")
            #expect(answer.string("/tasktype") == "uri://slurm-batch")
            #expect(answer.at("/reasons")?.arrayValue?.map { $0.string("/code") } == ["unsupported-tasktype"])
            #expect(answer.at("/supported") == .array(registry.canonicalURIs.map { .string($0) }))
        }
    }

    @Test("task types are compared exactly: a case-folded URI is unknown")
    func exactMatch() async throws {
        try await LiveDaemon.run { client in
            let answer = try await client.plan(#"{"tasktype":"URI://Docker-Container","taskinfo":{"image":"docker.io/example:1.0"}}"#).json
            #expect(answer?.string("/responseword") == "NO")
            #expect(answer?.string("/reasons/0/code") == "unsupported-tasktype")
        }
    }
}
