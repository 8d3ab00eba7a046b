import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("policy refusals")
struct PolicyTests {
    static let path = JSONPointer(tokens: ["taskinfo"])
    static let restricted = settings(#"{"charthosts": ["ghcr.io", "*.example.org"], "deniednamespaces": ["kube-system", "monitoring"]}"#)

    static func reasons(_ members: KeyValuePairs<String, JSONValue>, _ settings: HelmSettings) -> [Reason] {
        guard let task = probe(members).task else {
            Issue.record("the task should be valid")
            return []
        }
        return helm.policyReasons(for: task, settings: settings, taskInfoPath: path)
    }

    @Test(arguments: [
        taskInfo(["chart": "oci://ghcr.io/org/charts/nginx:1.2.3"]),
        taskInfo(["chart": "https://charts.example.org/nginx-1.2.3.tgz"]),
        taskInfo(["repository": "https://charts.example.org/stable", "name": "nginx", "version": "1.2.3"]),
    ])
    func allowedHostsAreAccepted(_ json: JSONValue) throws {
        let task = try #require(helm.probeTaskInfo(json).task)
        #expect(helm.policyReasons(for: task, settings: Self.restricted, taskInfoPath: Self.path) == [])
    }

    @Test(arguments: [
        (taskInfo(["chart": "oci://quay.io/org/nginx:1.2.3"]), "/taskinfo/chart", "quay.io"),
        (taskInfo(["chart": "https://example.org/nginx-1.2.3.tgz"]), "/taskinfo/chart", "example.org"),
        (taskInfo(["repository": "https://charts.evil.net", "name": "nginx"]), "/taskinfo/repository", "charts.evil.net"),
    ])
    func otherHostsAreRefused(_ json: JSONValue, _ path: String, _ host: String) throws {
        let task = try #require(helm.probeTaskInfo(json).task)
        let reasons = helm.policyReasons(for: task, settings: Self.restricted, taskInfoPath: Self.path)
        #expect(reasons.map(\.path.description) == [path])
        #expect(reasons.map(\.code) == [.refusedByPolicy])
        #expect(reasons.map(\.reasonClass) == [.policy])
        #expect(reasons.first?.message.contains(host) == true)
        #expect(reasons.first?.message.contains("ghcr.io") == true)
    }

    @Test func anyHostWithoutCharthosts() {
        #expect(Self.reasons(["chart": "https://anywhere.net/x-1.0.0.tgz"], .defaults) == [])
    }

    @Test func emptyCharthostsRefusesEverything() {
        let reasons = Self.reasons(["chart": "oci://ghcr.io/org/nginx:1.0.0"], settings(#"{"charthosts": []}"#))
        #expect(reasons.map(\.path.description) == ["/taskinfo/chart"])
    }

    @Test(arguments: ["kube-system", "kube-public", "kube-node-lease"])
    func systemNamespacesAreDeniedByDefault(_ namespace: String) {
        let reasons = Self.reasons(["chart": "https://example.org/x-1.0.0.tgz", "namespace": .string(namespace)], .defaults)
        #expect(reasons.map(\.path.description) == ["/taskinfo/namespace"])
        #expect(reasons.map(\.reasonClass) == [.policy])
        #expect(reasons.first?.message.contains(namespace) == true)
    }

    @Test func deniedListReplacesTheDefault() {
        let open = settings(#"{"deniednamespaces": ["monitoring"]}"#)
        #expect(Self.reasons(["chart": "https://example.org/x-1.0.0.tgz", "namespace": "kube-system"], open) == [])
        #expect(Self.reasons(["chart": "https://example.org/x-1.0.0.tgz", "namespace": "monitoring"], open).count == 1)
    }

    @Test func everyRefusalAtOnce() {
        let reasons = Self.reasons(["chart": "oci://quay.io/org/nginx:1.2.3", "namespace": "monitoring"], Self.restricted)
        #expect(reasons.map(\.path.description) == ["/taskinfo/chart", "/taskinfo/namespace"])
    }

    @Test func portsInPatterns() {
        let local = settings(#"{"charthosts": ["localhost:5000"]}"#)
        #expect(Self.reasons(["chart": "oci://localhost:5000/charts/nginx:1.0.0"], local) == [])
        #expect(Self.reasons(["chart": "oci://localhost:5001/charts/nginx:1.0.0"], local).count == 1)
    }
}
