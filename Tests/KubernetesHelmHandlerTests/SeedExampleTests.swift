import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// The seed talk's helm example: its chart URL has three slashes (an empty host), which API.md §2
/// makes a 422 with a hint; the corrected URL is valid with a warning about the missing `.tgz`.
@Suite("The seed talk's helm example")
struct SeedExampleTests {
    @Test func brokenSeedChartIsAnEmptyHostWithAHint() throws {
        let outcome = helm.probeTaskInfo(#"{"chart": "http:///example.org/heml.chart"}"#)
        #expect(outcome.task == nil)
        #expect(outcome.problemPaths == ["/taskinfo/chart"])
        #expect(outcome.problemCodes == [.invalidFormat])
        let problem = try #require(outcome.report.problems.first)
        #expect(problem.message.contains("empty host"))
        #expect(problem.hint == "write http://example.org/heml.chart")
    }

    @Test func fixedSeedChartIsValidWithATgzWarning() throws {
        let outcome = helm.probeTaskInfo(#"{"chart": "http://example.org/heml.chart"}"#)
        let task = try #require(outcome.task)
        #expect(outcome.warningCodes == [.archiveNotTgz])
        #expect(outcome.report.warnings.first?.path.description == "/taskinfo/chart")
        #expect(outcome.report.warnings.first?.message.contains("heml.chart") == true)
        #expect(helm.policyReasons(for: task, settings: .defaults, taskInfoPath: JSONPointer(tokens: ["taskinfo"])).isEmpty)
        let info = try #require(serviceInfoObject(task))
        #expect(membersByKey(info) == ["endpoint": "http://example.org/kws", "chart": "http://example.org/heml.chart"])
    }
}
