import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// `POST /offersets` (API.md §9) over a real socket against the demo configuration: the three
/// generations of the ExecutionBroker draft's request, its offer-set answer, held offers accepted
/// through §5, and `422`s naming the request's field and the generation expected.
@Suite("POST /offersets")
struct OfferSetEndToEndTests {
    /// A current-generation (2026-06) docker request, written for these tests.
    static let dockerRequest = """
        executable:
          kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml"
          meta: { name: checksum }
          image:
            locations: [ "ghcr.io/example/checksum:1.2" ]
            platform: { architecture: amd64, os: linux }
          command: [ sha256sum, 10 ]
          environment: { INPUT: /input }
          network:
            ports:
              - { access: true, internal: { port: 8080 }, protocol: HTTP, path: / }
        compute:
          kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml"
          cores: { min: 2, max: 4 }
          memory: { min: 3, max: 9 }
        schedule:
          requested: { duration: PT15M }
        data:
          - { kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/data/simple-data-resource.yaml", location: "https://example.org/a.vot" }
        """

    /// A 2025-generation notebook request (`type` discriminators, `computer`), as JSON.
    static let notebook2025 = """
        {"name": "n", "executable": {"type": "https://www.purl.org/ivoa.net/EB/schema/types/executable/jupyter-notebook-1.0",
          "location": "https://example.org/notebooks/fit.ipynb"},
         "computer": {"type": "https://www.purl.org/ivoa.net/EB/schema/types/computer/simple-compute-resource-1.0",
          "cores": {"min": 1, "max": 2}, "memory": {"min": 2, "max": 4}},
         "schedule": {"requested": {"duration": "PT2H"}}}
        """

    func post(_ client: some TestClientProtocol, _ body: String, contentType: String = "application/yaml", accept: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields.contentType(contentType)
        if let accept { headers[.accept] = accept }
        return try await client.execute(uri: "/offersets", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("a 2026-06 docker request is translated, planned, held and answered as an offer set")
    func dockerOfferSet() async throws {
        try await LiveDaemon.run { client in
            let response = try await post(client, Self.dockerRequest)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.contentType == "application/json")
            let set = try #require(response.json)
            #expect(set.string("/kind") == "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/offerset/execution-offerset.yaml")
            #expect(set.string("/result") == "YES")
            let offer = try #require(set.at("/offers/0"))
            #expect(offer.string("/phase") == "OFFERED")
            #expect(offer.string("/executable/kind") == "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml")
            #expect(offer.string("/serviceinfo/image") == "ghcr.io/example/checksum:1.2")
            #expect(offer.string("/serviceinfo/platform") == "linux/amd64")
            #expect(offer.string("/service") == "docker-uws")
            #expect(offer.integer("/compute/cores/min") == 2)
            #expect(offer.integer("/compute/cores/max") == 4)
            // Asked 3..9 GiB on a service whose limit is 10G (9.31 GiB): whole GiB within both.
            #expect(offer.integer("/compute/memory/min") == 3)
            #expect(offer.integer("/compute/memory/max") == 9)
            #expect(offer.string("/schedule/available/duration") == "PT20M")
            #expect(offer.string("/schedule/available/start")?.hasSuffix("Z/PT0S") == true)
            let expires = try #require(offer.string("/expires"))
            #expect(expires.hasSuffix("Z"))
            let id = try #require(offer.string("/uuid"))
            #expect(offer.string("/meta/uuid") == id)
            #expect(offer.string("/meta/url")?.hasSuffix("/offers/\(id)") == true)
            let messages = set.at("/messages")?.arrayValue ?? []
            #expect(messages.contains { $0.string("/path") == "/data" && $0.string("/level") == "WARN" }, "\(messages)")
            #expect(messages.contains { $0.string("/path") == "/executable/image/locations/0" }, "the mutable tag's warning points into the request")

            // The held offer is a §5 offer: readable, and accepted into a booking.
            let held = try await client.execute(uri: "/offers/\(id)", method: .get)
            #expect(held.json?.string("/state") == "OFFERED")
            let accepted = try await client.execute(uri: "/offers/\(id)/accept", method: .post)
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(accepted.json?.string("/state") == "ACCEPTED")
        }
    }

    @Test("a 2025 notebook request (type, computer) gets the 2025 kinds back, as YAML when asked")
    func notebook2025Generation() async throws {
        try await LiveDaemon.run { client in
            let response = try await post(client, Self.notebook2025, contentType: "application/json", accept: "application/yaml")
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.contentType == "application/yaml")
            let set = try YAMLDocumentReader().parse(response.text)
            #expect(set.string("/result") == "YES", "\(response.text)")
            #expect(set.string("/kind") == "https://www.purl.org/ivoa.net/EB/schema/types/offerset/execution-offerset-1.0")
            #expect(set.string("/offers/0/compute/kind") == "https://www.purl.org/ivoa.net/EB/schema/types/computer/simple-compute-resource-1.0")
            #expect(set.string("/offers/0/serviceinfo/notebook") == "https://example.org/notebooks/fit.ipynb")
            #expect(set.string("/offers/0/service") == "jupyter")
            #expect(set.string("/offers/0/schedule/available/duration") == "PT8H")
        }
    }

    @Test("a NO lists every reason as an ERROR message at the request's pointer")
    func refusal() async throws {
        let request = """
            executable: { kind: "uri:jupyter-notebook-1.0", location: "https://example.org/big.ipynb" }
            compute:
              kind: "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/compute/simple-compute-resource-1.0"
              cores: { min: 64 }
              memory: { min: 100 }
            """
        try await LiveDaemon.run { client in
            let set = try #require(try await post(client, request).json)
            #expect(set.string("/result") == "NO")
            #expect(set.at("/offers")?.arrayValue?.isEmpty == true)
            let errors = (set.at("/messages")?.arrayValue ?? []).filter { $0.string("/level") == "ERROR" }
            #expect(Set(errors.compactMap { $0.string("/path") }) == ["/compute/cores/min", "/compute/memory/min"], "\(errors)")
            #expect(errors.allSatisfy { $0.string("/kind") == "urn:plannerd:exceeds-limit" })
        }
    }

    @Test("the draft's own examples (§1.6 demo shape, §1.7 notebook) are answered; generations follow the compute kind too")
    func draftExamples() async throws {
        // The shape of the draft's demo request (§1.6): digest, a volume mount, an abstract data resource.
        let demo = """
            executable:
              kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml"
              meta: { description: "hashes its input" }
              image:
                locations: [ "ghcr.io/example/hasher:sha-1234567" ]
                digest: "sha256:0dfeaad1f37ab8cd506f3a16d1ade56d035694a34e0ff28be51b97f1924c4df3"
            compute:
              kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml"
              volumes: [ { kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/volume/simple-volume-mount.yaml", path: /input, mode: READONLY, resource: input-data } ]
            data:
              - { kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/data/abstract-data-resource.yaml", meta: { name: input-data } }
            """
        // The §1.7 request: a 2025-11 notebook with cores 5-15, memory 3-9 GiB, one hour; the
        // demo's notebook service has 4 cores, so the answer is NO at the request's own pointer.
        let notebook = """
            executable: { kind: "uri:jupyter-notebook-1.0", location: "https://example.org/notebooks/dmhh.ipynb" }
            schedule: { requested: { duration: PT1H } }
            compute:
              kind: "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/compute/simple-compute-resource-1.0"
              cores: { min: 5, max: 15 }
              memory: { min: 3, max: 9 }
            """
        try await LiveDaemon.run { client in
            let yes = try #require(try await post(client, demo).json)
            #expect(yes.string("/result") == "YES", "\(yes)")
            #expect(yes.string("/offers/0/serviceinfo/digest") == "sha256:0dfeaad1f37ab8cd506f3a16d1ade56d035694a34e0ff28be51b97f1924c4df3")
            let warned = Set((yes.at("/messages")?.arrayValue ?? []).compactMap { $0.string("/path") })
            #expect(warned.isSuperset(of: ["/compute/volumes", "/data"]), "\(warned)")
            let no = try #require(try await post(client, notebook).json)
            #expect(no.string("/result") == "NO")
            #expect(no.string("/kind") == "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/offerset/execution-offerset-1.0",
                "a short executable URI takes the generation of the compute kind")
            #expect(no.string("/messages/0/path") == "/compute/cores/min")
        }
    }

    @Test("offered memory that is not whole GiB is rounded inward, and an INFO message gives the exact range")
    func memoryRounding() async throws {
        let request = """
            executable: { kind: "uri:docker-container-1.0", image: { locations: [ "docker.io/library/ubuntu:22.04" ] } }
            compute: { kind: "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/compute/simple-compute-resource-1.0", memory: { min: 1, max: 20 } }
            """
        try await LiveDaemon.run { client in
            let set = try #require(try await post(client, request).json)
            #expect(set.integer("/offers/0/compute/memory/min") == 1)
            #expect(set.integer("/offers/0/compute/memory/max") == 9, "the demo's 10G limit is 9.31 GiB")
            let info = (set.at("/messages")?.arrayValue ?? []).first { $0.string("/level") == "INFO" }
            #expect(info?.string("/kind") == "urn:plannerd:memory-rounded")
            #expect(info?.string("/message")?.contains("1Gi–10G") == true, "\(String(describing: info))")
            #expect(info?.string("/path") == "/compute/memory/min")
        }
        #expect(OfferSetDocument.gibibytes(min: MemoryQuantity(bytes: 1_000_000_000), max: MemoryQuantity(bytes: 500_000_000)) == (0, 0))
        #expect(OfferSetDocument.gibibytes(min: MemoryQuantity(bytes: Int64.max), max: MemoryQuantity(bytes: Int64.max)) == (8_589_934_591, 8_589_934_591),
            "no overflow near Int64.max")
    }

    @Test("a missing executable, or one without a kind, is one problem at the request's pointer")
    func oneProblemEach() async throws {
        let cases: [(String, String)] = [
            (#"{"compute": {"kind": "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/compute/simple-compute-resource-1.0"}}"#, "/executable"),
            (#"{"executable": {"location": "https://example.org/a.ipynb"}}"#, "/executable/kind"),
            (#"{"executable": {"kind": "uri:docker-container-1.0", "image": {"locations": ["ubuntu:22.04"]}, "digest": "sha256:00"}}"#, "/executable/digest"),
        ]
        try await LiveDaemon.run { client in
            for (request, path) in cases {
                let document = expectProblem(try await post(client, request, contentType: "application/json"), .unprocessableContent, path)
                #expect(Self.errors(document).map(\.path) == [path], "\(Self.errors(document))")
            }
        }
    }

    @Test("an executable kind no handler knows is a NO naming the supported types")
    func unknownExecutable() async throws {
        let request = #"{"executable": {"kind": "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/singularity-container-1.0", "location": "x"}}"#
        try await LiveDaemon.run { client in
            let set = try #require(try await post(client, request, contentType: "application/json").json)
            #expect(set.string("/result") == "NO")
            #expect(set.string("/messages/0/path") == "/executable/kind")
            #expect(set.string("/messages/0/kind") == "urn:plannerd:unsupported-tasktype")
        }
    }

    @Test("the draft's P1H is a 422 at schedule.requested.duration with the right spelling, with every other problem")
    func draftTypo() async throws {
        let request = """
            executable:
              kind: "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0"
              image: { locations: [ "Docker.io/Bad Name" ], colour: blue }
            compute:
              kind: "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/compute/simple-compute-resource-1.0"
              cores: { min: 0 }
              memory: { min: 8G }
            schedule:
              requested: { duration: P1H }
            """
        try await LiveDaemon.run { client in
            let document = expectProblem(try await post(client, request), .unprocessableContent, "P1H")
            let entries = Self.errors(document)
            let paths = Set(entries.map(\.path))
            #expect(paths.isSuperset(of: [
                "/schedule/requested/duration", "/executable/image/colour", "/executable/image/locations/0",
                "/compute/cores/min", "/compute/memory/min",
            ]), "\(entries)")
            #expect(entries.first { $0.path == "/schedule/requested/duration" }?.hint?.contains("PT1H") == true, "\(entries)")
        }
    }

    @Test("a request from no known generation is a 422 naming the field and the generation expected")
    func generations() async throws {
        let cases: [(String, String, String)] = [
            (#"{"executable": {"location": "https://example.org/a.ipynb"}}"#, "/executable/kind", "`type` (the 2025 generation)"),
            (#"{"executable": {"kind": "uri:jupyter-notebook-1.0", "type": "uri:jupyter-notebook-1.0", "location": "https://example.org/a.ipynb"}}"#,
                "/executable/type", "both `kind` and `type`"),
            (#"{"executable": {"kind": "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/jupyter-notebook-1.0", "location": "https://example.org/a.ipynb"}, "compute": {"kind": "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/compute/abstract-compute-resource-1.0"}}"#,
                "/compute/kind", "the 2025-11 generation"),
            (#"{"executable": {"type": "https://www.purl.org/ivoa.net/EB/schema/types/executable/jupyter-notebook-1.0", "location": "https://example.org/a.ipynb"}, "computer": {"cores": {"min": 1}}}"#,
                "/computer/type", "types/computer/simple-compute-resource-1.0"),
            (#"{"request": {"executable": {}}}"#, "/request", "2023 spec text"),
            (#"{"executable": {"kind": "uri:docker-container-1.0", "image": "docker.io/library/ubuntu:22.04"}}"#, "/executable/image", "locations"),
        ]
        try await LiveDaemon.run { client in
            for (request, path, phrase) in cases {
                let document = expectProblem(try await post(client, request, contentType: "application/json"), .unprocessableContent, path)
                let entry = Self.errors(document).first { $0.path == path }
                #expect(entry != nil, "\(path) not named: \(Self.errors(document))")
                let text = (entry?.message ?? "") + " " + (entry?.hint ?? "")
                #expect(text.contains(phrase), "\(path): \(text)")
            }
            expectProblem(try await post(client, "[1, 2]", contentType: "application/json"), .badRequest, "not an object")
            expectProblem(try await post(client, "executable: [", contentType: "application/yaml"), .badRequest, "bad YAML")
            expectProblem(try await post(client, "{}", contentType: "text/plain"), .unsupportedMediaType, "text/plain")
        }
    }

    /// The `errors` of a problem document with their messages and hints.
    static func errors(_ document: JSONValue?) -> [(path: String, code: String, message: String, hint: String?)] {
        (document?.at("/errors")?.arrayValue ?? []).compactMap { error in
            guard let path = error.string("/path"), let code = error.string("/code"), let message = error.string("/message") else { return nil }
            return (path, code, message, error.string("/hint"))
        }
    }
}
