import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("Every problem at once")
struct ProblemsAtOnceTests {
    @Test func everyFieldIsCheckedInOnePass() {
        let outcome = probe([
            "chart": "oci://ghcr.io/Org/nginx",
            "version": "latest",
            "values": "replicaCount=2",
            "release": "My_Release",
            "namespace": "my.ns",
            "extra": 1,
        ])
        #expect(outcome.task == nil)
        #expect(Set(outcome.problemPaths) == [
            "/taskinfo/extra", "/taskinfo/chart", "/taskinfo/version", "/taskinfo/values", "/taskinfo/release", "/taskinfo/namespace",
        ])
        #expect(outcome.report.problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test func sourceProblemsAndFieldProblemsTogether() {
        let outcome = probe(["chart": "ftp://example.org/x.tgz", "repository": "charts.example.org", "name": "a/b/c"])
        #expect(outcome.problemPaths == ["/taskinfo/chart", "/taskinfo/repository", "/taskinfo/name", "/taskinfo/repository"])
        #expect(outcome.problemCodes == [.invalidFormat, .invalidFormat, .invalidFormat, .conflictingFields])
    }

    @Test func wrongTypesEverywhere() {
        let outcome = probe(["chart": 1, "version": 1.5, "values": [1], "release": true, "namespace": ["a": 1]])
        #expect(outcome.problemPaths == ["/taskinfo/chart", "/taskinfo/version", "/taskinfo/values", "/taskinfo/release", "/taskinfo/namespace"])
        #expect(outcome.problemCodes.allSatisfy { $0 == .wrongType })
    }

    @Test func numericVersionGetsAQuotingHint() {
        let outcome = probe(["repository": .string(exampleRepository), "name": "nginx", "version": 1.1])
        #expect(outcome.problemCodes == [.wrongType])
        #expect(outcome.report.problems.first?.hint?.contains("quote") == true)
    }

    @Test func nullCountsAsAbsent() {
        let outcome = probe(["chart": "https://example.org/charts/nginx-1.2.3.tgz", "version": nil, "release": nil])
        #expect(outcome.task != nil)
        #expect(outcome.task?.release == nil)
    }
}
