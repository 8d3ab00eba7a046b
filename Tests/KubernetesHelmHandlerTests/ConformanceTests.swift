import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("Handler identity and conformance")
struct ConformanceTests {
    @Test func keepsTheHandlerPromises() {
        let valid: [JSONValue] = [
            taskInfo(["chart": "http://example.org/heml.chart"]),
            taskInfo(["chart": "oci://ghcr.io/org/charts/nginx", "version": "1.2.3"]),
            taskInfo(["repository": .string(exampleRepository), "name": "nginx", "version": "^15.0.0"]),
        ]
        let invalid: [JSONValue] = [
            taskInfo([:]), taskInfo(["chart": "ftp://example.org/x.tgz"]), taskInfo(["name": "nginx"]),
            taskInfo(["chart": "oci://ghcr.io/org/charts/nginx", "version": "not a version"]),
            taskInfo(["chart": "oci://ghcr.io/org/charts/nginx", "namespace": "Not_A_Namespace"]),
        ]
        let violations = HandlerConformance.violations(of: helm, validTaskInfo: valid, invalidTaskInfo: invalid)
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
    }

    @Test func namesAndURIs() {
        #expect(helm.name == "KubernetesHelm")
        #expect(helm.canonicalURI == "uri://kubernetes-helm")
        #expect(helm.aliases == ["uri:kubernetes-helm-1.0"])
        #expect(!helm.allURIs.contains { $0.contains("purl.org") })
        #expect(Set(helm.documentation.fields.map(\.name)) == ["chart", "repository", "name", "version", "values", "release", "namespace"])
    }

    @Test(arguments: HandlerConformance.nonObjects)
    func nonObjectTaskInfoIsAProblemAtTaskInfo(_ value: JSONValue) {
        let outcome = helm.probeTaskInfo(value)
        #expect(outcome.task == nil)
        #expect(outcome.problemPaths == ["/taskinfo"])
        #expect(outcome.problemCodes == [.wrongType])
    }

    @Test func emptyTaskInfoAsksForAChart() {
        let outcome = probe([:])
        #expect(outcome.problemPaths == ["/taskinfo/chart"])
        #expect(outcome.problemCodes == [.missingField])
    }

    @Test func unknownFieldGetsAHint() {
        let outcome = probe(["chart": "https://example.org/charts/nginx-1.2.3.tgz", "namespce": "science"])
        #expect(outcome.problemPaths == ["/taskinfo/namespce"])
        #expect(outcome.problemCodes == [.unknownField])
        #expect(outcome.report.problems.first?.hint?.contains("namespace") == true)
    }
}
