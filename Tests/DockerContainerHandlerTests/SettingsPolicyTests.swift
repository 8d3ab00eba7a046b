import DockerContainerHandler
import Foundation
import PlannerKernel
import PlannerKernelTesting
import Testing

/// Operator settings, policy refusals, serviceinfo, URIs and the kernel's conformance check.
@Suite("docker-container settings, policy and serviceinfo")
struct SettingsPolicyTests {
    let handler = DockerContainerTaskType()
    let taskInfoPath = JSONPointer(tokens: ["taskinfo"])

    func task(_ json: String) throws -> DockerContainerTask {
        try #require(handler.probeTaskInfo(json).task)
    }

    func settings(_ json: String?) throws -> DockerContainerSettings {
        let (settings, report) = handler.probeSettings(json)
        return try #require(settings, "\(report.problems)")
    }

    @Test("the kernel's conformance check finds nothing")
    func conformance() {
        let valid: [JSONValue] = [
            ["image": "docker.io/example:1.0"],
            ["image": .string("ghcr.io/org/app@sha256:\(h64)"), "platform": "linux/arm64", "ports": [8080]],
            ["image": "ubuntu", "command": ["echo", "hi"], "environment": ["A": "1"], "privileged": false],
        ]
        let invalid: [JSONValue] = [
            [:], ["image": "UPPER/case"], ["image": "a:1", "ports": [0]], ["image": "a:1", "platform": "linux"],
            ["image": "a:1", "digest": "sha256:short"], ["image": "a:1", "environment": ["": "x"]],
        ]
        let defaults = HandlerConformance.violations(of: handler, validTaskInfo: valid, invalidTaskInfo: invalid)
        #expect(defaults.isEmpty, "\(defaults.map(\.description).joined(separator: "\n"))")
        let strict = HandlerConformance.violations(
            of: handler, validTaskInfo: [["image": "docker.io/example:1.0"]],
            settings: #"{"registries": ["docker.io"], "platforms": ["linux/amd64", "linux/arm64"]}"#)
        #expect(strict.isEmpty, "\(strict.map(\.description).joined(separator: "\n"))")
    }

    @Test("name, canonical URI and every ExecutionBroker alias of formats.md §8.2")
    func uris() {
        #expect(handler.name == "DockerContainer")
        #expect(handler.canonicalURI == "uri://docker-container")
        #expect(Set(handler.aliases) == [
            "uri:docker-container-1.0", "uri:docker-container-0.1", "urn:docker-container-0.1",
            "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0",
            "https://www.purl.org/ivoa.net/EB/schema/types/executable/docker-container-1.0",
            "https://www.purl.org/ivoa.net/EB/schema/types/executables/docker-container-1.0",
            "https://www.purl.org/ivoa.net/executable-types/docker-container",
            "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml",
            "https://www.purl.org/ivoa.net/executable-types/oci-container",
        ])
        #expect(handler.allURIs.allSatisfy { TaskTypeURI.problem(in: $0) == nil })
        #expect(handler.documentation.fields.map(\.name) == ["image", "digest", "platform", "command", "entrypoint", "environment", "ports", "privileged"])
    }

    @Test("no settings block: any registry, no privileged containers, linux/amd64 only")
    func defaults() throws {
        let defaults = try settings(nil)
        #expect(defaults == .defaults)
        #expect(defaults.registries == nil)
        #expect(defaults.privileged == false)
        #expect(defaults.platforms == [.defaultPlatform])
        #expect(try settings("{}") == .defaults)
    }

    @Test("the API.md §7 example settings")
    func exampleSettings() throws {
        let read = try settings(#"{"registries": ["docker.io", "ghcr.io"], "privileged": false}"#)
        #expect(read.registries == ["docker.io", "ghcr.io"])
        let normalised = try settings(#"{"registries": ["index.docker.io", "GHCR.io", "ghcr.io", "localhost:5000", "[2001:db8::1]:5000"], "privileged": true, "platforms": ["linux/amd64", "linux/arm64"]}"#)
        #expect(normalised.registries == ["docker.io", "ghcr.io", "localhost:5000", "[2001:db8::1]:5000"])
        #expect(normalised.privileged)
        #expect(normalised.platforms.map(\.description) == ["linux/amd64", "linux/arm64"])
    }

    @Test("bad settings: every problem at its path")
    func badSettings() {
        let (settings, report) = handler.probeSettings("""
            {"registries": ["https://ghcr.io", "ghcr.io/org", "bad_host", 5, "localhost:0"], "privileged": "no",
             "platforms": ["linux/x86_64", []], "platform": ["linux/amd64"]}
            """)
        #expect(settings == nil)
        #expect(report.problems.map(\.path.description) == [
            "/services/0/settings/platform", "/services/0/settings/privileged",
            "/services/0/settings/registries/0", "/services/0/settings/registries/1", "/services/0/settings/registries/2",
            "/services/0/settings/registries/3", "/services/0/settings/registries/4",
            "/services/0/settings/platforms/0", "/services/0/settings/platforms/1",
        ])
        #expect(report.problems.map(\.code) == [
            .unknownField, .wrongType, .invalidFormat, .invalidFormat, .invalidFormat, .wrongType, .outOfRange, .invalidFormat, .wrongType,
        ])
        #expect(report.problems[0].hint == "did you mean \"platforms\"?")
    }

    @Test("empty lists and a non-object block are problems")
    func emptyLists() {
        #expect(handler.probeSettings(#"{"registries": []}"#).report.problems.map(\.code) == [.invalidFormat])
        #expect(handler.probeSettings(#"{"platforms": []}"#).report.problems.map(\.code) == [.invalidFormat])
        #expect(handler.probeSettings(#"["docker.io"]"#).report.problems.map(\.path.description) == ["/services/0/settings"])
    }

    @Test("a registry not on the list is refused at /taskinfo/image")
    func registryRefused() throws {
        let allowed = try settings(#"{"registries": ["docker.io", "ghcr.io"]}"#)
        #expect(handler.policyReasons(for: try task(#"{"image": "ubuntu"}"#), settings: allowed, taskInfoPath: taskInfoPath).isEmpty)
        #expect(handler.policyReasons(for: try task(#"{"image": "GHCR.io/org/app"}"#), settings: allowed, taskInfoPath: taskInfoPath).isEmpty)
        let reasons = handler.policyReasons(for: try task(#"{"image": "quay.io/org/app:1"}"#), settings: allowed, taskInfoPath: taskInfoPath)
        #expect(reasons.map(\.path.description) == ["/taskinfo/image"])
        #expect(reasons.map(\.code) == [.refusedByPolicy])
        #expect(reasons.map(\.reasonClass) == [.policy])
        #expect(reasons.first?.message.contains("quay.io") == true)
        #expect(reasons.first?.message.contains("docker.io, ghcr.io") == true)
    }

    @Test("a privileged container is refused unless the service allows it")
    func privilegedRefused() throws {
        let privileged = try task(#"{"image": "ubuntu", "privileged": true}"#)
        let reasons = handler.policyReasons(for: privileged, settings: .defaults, taskInfoPath: taskInfoPath)
        #expect(reasons.map(\.path.description) == ["/taskinfo/privileged"])
        #expect(reasons.map(\.reasonClass) == [.policy])
        #expect(handler.policyReasons(for: privileged, settings: try settings(#"{"privileged": true}"#), taskInfoPath: taskInfoPath).isEmpty)
    }

    @Test("a platform not on offer is refused at /taskinfo/platform")
    func platformRefused() throws {
        let arm = try task(#"{"image": "ubuntu", "platform": "linux/arm64/v8"}"#)
        let reasons = handler.policyReasons(for: arm, settings: .defaults, taskInfoPath: taskInfoPath)
        #expect(reasons.map(\.path.description) == ["/taskinfo/platform"])
        #expect(reasons.first?.message.contains("linux/arm64/v8") == true)
        // An offered platform without a variant accepts any variant, and the other way round.
        #expect(handler.policyReasons(for: arm, settings: try settings(#"{"platforms": ["linux/arm64"]}"#), taskInfoPath: taskInfoPath).isEmpty)
        #expect(!handler.policyReasons(for: arm, settings: try settings(#"{"platforms": ["linux/arm64/v9"]}"#), taskInfoPath: taskInfoPath).isEmpty)
        // The default platform must be on offer too.
        let implicit = handler.policyReasons(for: try task(#"{"image": "ubuntu"}"#), settings: try settings(#"{"platforms": ["linux/arm64"]}"#), taskInfoPath: taskInfoPath)
        #expect(implicit.map(\.path.description) == ["/taskinfo/platform"])
        #expect(implicit.first?.message.contains("default platform") == true)
    }

    @Test("every refusal at once")
    func everyRefusal() throws {
        let strict = try settings(#"{"registries": ["ghcr.io"], "platforms": ["linux/amd64"]}"#)
        let reasons = handler.policyReasons(
            for: try task(#"{"image": "ubuntu", "privileged": true, "platform": "linux/ppc64le"}"#), settings: strict, taskInfoPath: taskInfoPath)
        #expect(reasons.map(\.path.description) == ["/taskinfo/image", "/taskinfo/privileged", "/taskinfo/platform"])
        #expect(reasons.allSatisfy { $0.code == .refusedByPolicy && $0.reasonClass == .policy })
    }

    @Test("serviceinfo: endpoint first, canonical image, digest only when known, platform")
    func serviceInfo() throws {
        let seed = handler.serviceInfo(for: try task(#"{"image": "docker.io/example:1.0"}"#), endpoint: "http://example.org/uws", settings: .defaults)
        let seedObject = try #require(try JSONValue(encoding: seed).objectValue)
        #expect(Set(seedObject.keys) == ["endpoint", "image", "platform"])
        #expect(seedObject["endpoint"] == .string("http://example.org/uws"))
        #expect(seedObject["image"] == .string("docker.io/library/example:1.0"))
        #expect(seedObject["platform"] == .string("linux/amd64"))

        let pinned = handler.serviceInfo(
            for: try task(#"{"image": "ubuntu:22.04", "digest": "sha256:\#(h64)", "environment": {"TOKEN": "secret"}}"#),
            endpoint: "http://example.org/uws", settings: .defaults)
        let json = try JSONValue(encoding: pinned)
        let object = try #require(json.objectValue)
        #expect(Set(object.keys) == ["endpoint", "image", "digest", "platform"])
        #expect(object["image"] == .string("docker.io/library/ubuntu@sha256:\(h64)"))
        #expect(object["digest"] == .string("sha256:\(h64)"))
        #expect(!json.jsonText.contains("secret"))
        // Endpoint first, as the kernel's encoder keeps declaration order.
        #expect(try JSONValue(encoding: seed).objectValue?.keys == ["endpoint", "image", "platform"])
        #expect(object.keys == ["endpoint", "image", "digest", "platform"])
    }
}
