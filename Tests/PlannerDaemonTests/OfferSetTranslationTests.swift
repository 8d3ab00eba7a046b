import PlannerDaemon
import PlannerKernel
import Testing

/// The ExecutionBroker request's translation into an ask, without a daemon.
@Suite("ExecutionBroker translation")
struct OfferSetTranslationTests {
    static func canonical(_ kind: String) -> String? {
        kind.contains("docker-container") ? "uri://docker-container" : kind.contains("jupyter-notebook") ? "uri://jupyter-notebook" : nil
    }

    func translate(_ text: String) throws -> (OfferSetTranslation, [Problem]) {
        var report = ValidationReport()
        let translation = OfferSetRequestReader(hold: TaskDuration(minutes: 15)).read(try YAMLDocumentReader().parse(text), canonicalURI: Self.canonical, report: &report)
        return (translation, report.problems)
    }

    @Test("a docker request becomes the ask a plannerd client would have written")
    func dockerAsk() throws {
        let (translation, problems) = try translate("""
            executable:
              kind: "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0"
              meta: { name: x }
              image: { locations: [ "a/b:1", "c/b:1" ], digest: "sha256:00", platform: { architecture: arm64 } }
              command: [ run, 3, 2.5, true ]
              network: { ports: [ { internal: { port: 80 }, protocol: HTTPS }, { internal: { port: 53 }, protocol: UDP } ] }
              privileged: false
            compute: { kind: "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/compute/simple-compute-resource-1.0", cores: { min: 2 }, memory: { max: 4 } }
            schedule: { requested: { duration: PT30M, start: "2026-12-01T10:00:00Z/PT2H" } }
            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(translation.generation == .draft2025v1)
        let expected: JSONValue = [
            "hold": "15m",
            "tasktype": "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0",
            "taskinfo": [
                "command": ["run", "3", "2.5", "true"], "privileged": false,
                "image": "a/b:1", "digest": "sha256:00", "platform": "linux/arm64",
                "ports": [["port": 80, "protocol": "TCP"], ["port": 53, "protocol": "UDP"]],
            ],
            "resources": ["mincores": 2, "maxmemory": "4Gi", "minduration": "PT30M"],
            "schedule": ["start": ["2026-12-01T10:00:00Z/PT2H"]],
        ]
        #expect(translation.ask == expected, "\(String(decoding: translation.ask.serialized(), as: UTF8.self))")
        #expect(translation.notes.map(\.path.description) == ["/executable/image/locations"])
        let pointers = translation.pointers
        for (ask, request) in [
            ("/taskinfo/image", "/executable/image/locations/0"), ("/taskinfo/digest", "/executable/image/digest"),
            ("/taskinfo/platform", "/executable/image/platform"), ("/taskinfo/ports/1/protocol", "/executable/network/ports/1/protocol"),
            ("/taskinfo/ports/0/port", "/executable/network/ports/0/internal/port"), ("/taskinfo/command/1", "/executable/command/1"),
            ("/taskinfo", "/executable"), ("/tasktype", "/executable/kind"), ("/resources/mincores", "/compute/cores/min"),
            ("/resources/maxmemory", "/compute/memory/max"), ("/resources/minduration", "/schedule/requested/duration"),
            ("/schedule/start/0", "/schedule/requested/start"), ("/hold", ""), ("", ""),
        ] {
            #expect(pointers.request(for: try #require(JSONPointer(ask))).description == request, "\(ask)")
        }
    }

    @Test("generations follow the executable's kind, and each names its own kinds")
    func generationKinds() throws {
        #expect(ExecutionBrokerGeneration.owning("https://www.purl.org/ivoa.net/EB/schema/types/executable/x-1.0") == .draft2025)
        #expect(ExecutionBrokerGeneration.owning("uri:docker-container-1.0") == nil)
        #expect(ExecutionBrokerGeneration.draft2025.computeKind == "https://www.purl.org/ivoa.net/EB/schema/types/computer/simple-compute-resource-1.0")
        #expect(ExecutionBrokerGeneration.calycopis2026.offerSetKind == "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/offerset/execution-offerset.yaml")
        let (typed, _) = try translate("executable: { type: uri:jupyter-notebook-1.0, location: https://e.org/a.ipynb }")
        #expect(typed.generation == .draft2025, "a `type` discriminator with a short URI is the 2025 generation")
        let (kinded, _) = try translate("executable: { kind: uri:jupyter-notebook-1.0, location: https://e.org/a.ipynb }")
        #expect(kinded.generation == .calycopis2026)
        #expect(kinded.ask.at("/taskinfo") == ["notebook": "https://e.org/a.ipynb"])
    }

    @Test("offered durations are written in ISO 8601")
    func durations() {
        for (seconds, text) in [(0, "PT0S"), (59, "PT59S"), (3600, "PT1H"), (5400, "PT1H30M"), (86_401, "PT24H1S"), (1200, "PT20M")] as [(Int64, String)] {
            #expect(OfferSetDocument.iso8601(TaskDuration(seconds: seconds)) == text)
        }
    }
}
