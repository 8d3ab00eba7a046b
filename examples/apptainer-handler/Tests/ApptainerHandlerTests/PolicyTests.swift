import ApptainerHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("Apptainer settings and policy")
struct PolicyTests {
    let handler = ApptainerTaskType()

    @Test("a service that pulls only pinned oras:// files refuses the rest with reasons at their fields")
    func strictService() throws {
        let settings = #"{"transports": ["oras"], "requirepinned": true}"#
        let probe = try handler.probePlan(taskInfo: ["image": "docker://alpine", "gpu": true], settings: settings)
        #expect(probe.responseword == "NO")
        #expect(probe.reasons.map(\.path.description) == ["/taskinfo/image", "/taskinfo/digest", "/taskinfo/gpu"])
        #expect(probe.reasons.allSatisfy { $0.reasonClass == .policy })
    }

    @Test("every settings problem at once, each at its path")
    func settingsProblems() {
        let (settings, report) = handler.probeSettings(#"{"transports": ["oras", "shub"], "requirepinned": "yes", "gpu": true}"#)
        #expect(settings == nil)
        #expect(Set(report.problems.map(\.path.description)) == [
            "/services/0/settings/transports/1", "/services/0/settings/requirepinned", "/services/0/settings/gpu",
        ])
    }

    @Test("every taskinfo problem at once")
    func taskInfoProblems() {
        let outcome = handler.probeTaskInfo(#"{"image": "oras://alpine", "digest": "sha256:12", "args": [1], "gpu": "no", "nv": true}"#)
        #expect(outcome.task == nil)
        #expect(Set(outcome.problemPaths) == ["/taskinfo/image", "/taskinfo/digest", "/taskinfo/args/0", "/taskinfo/gpu", "/taskinfo/nv"])
    }
}
