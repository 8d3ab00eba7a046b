import ApptainerHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("Apptainer handler conformance")
struct ConformanceTests {
    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    @Test("the kernel's conformance checks find nothing, with default and strict settings")
    func conforms() {
        let valid: [JSONValue] = [
            ["image": "docker://alpine:3.20"],
            ["image": "oras://ghcr.io/org/tool:1.0", "digest": .string(Self.digest), "args": ["--input", "x.fits"]],
            ["image": "library://sylabs/examples/lolcow:latest", "gpu": false],
        ]
        let invalid: [JSONValue] = [
            [:], ["image": "alpine:3.20"], ["image": "http://example.org/a.sif"], ["image": "oras://alpine"],
            ["image": "library://a/b/c/d/e"], ["image": "docker://alpine", "digest": "md5:abc"], ["image": "docker://alpine", "args": [1]],
        ]
        let defaults = HandlerConformance.violations(of: ApptainerTaskType(), validTaskInfo: valid, invalidTaskInfo: invalid)
        #expect(defaults.isEmpty, "\(defaults.map(\.description).joined(separator: "\n"))")
        let strict = HandlerConformance.violations(
            of: ApptainerTaskType(), validTaskInfo: [["image": "oras://ghcr.io/org/tool:1.0", "digest": .string(Self.digest)]],
            settings: #"{"transports": ["oras"], "requirepinned": true, "gpus": true}"#)
        #expect(strict.isEmpty, "\(strict.map(\.description).joined(separator: "\n"))")
    }

    @Test("planned in one line: YES with the canonical image and the endpoint")
    func plansInOneLine() throws {
        let probe = try ApptainerTaskType().probePlan(taskInfo: ["image": "docker://alpine:3.20"], resources: ["mincores": 4, "maxcores": 8])
        #expect(probe.responseword == "YES")
        #expect(probe.serviceInfo == ["endpoint": .string(ApptainerTaskType.probeEndpoint), "image": "docker://docker.io/library/alpine:3.20"])
        #expect(probe.warnings.map(\.code) == ["unpinned-image"])
    }
}
