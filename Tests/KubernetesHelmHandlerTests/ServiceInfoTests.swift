import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("serviceinfo")
struct ServiceInfoTests {
    static func object(_ members: KeyValuePairs<String, JSONValue>, settings: HelmSettings = .defaults) -> JSONObject? {
        guard let task = probe(members).task else {
            Issue.record("the task should be valid")
            return nil
        }
        return serviceInfoObject(task, settings: settings)
    }

    static func expected(_ members: KeyValuePairs<String, JSONValue>) -> [String: JSONValue] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func repositoryAndName() {
        let info = Self.object([
            "repository": .string(exampleRepository), "name": "nginx", "version": "15.4.2", "release": "web", "namespace": "science",
        ])
        #expect(membersByKey(info) == Self.expected([
            "endpoint": "http://example.org/kws", "chart": "nginx", "repository": .string(exampleRepository),
            "version": "15.4.2", "release": "web", "namespace": "science",
        ]))
    }

    @Test func ociWithConstraintKeepsTheUntaggedReference() {
        let info = Self.object(["chart": "oci://ghcr.io/org/charts/nginx", "version": "~1.2"])
        #expect(membersByKey(info) == Self.expected(["endpoint": "http://example.org/kws", "chart": "oci://ghcr.io/org/charts/nginx", "version": "~1.2"]))
    }

    @Test func taggedOCIReportsItsVersion() {
        let info = Self.object(["chart": "oci://ghcr.io/org/charts/nginx:2.0.0"])
        #expect(info?["version"] == "2.0.0")
        #expect(info?["chart"] == "oci://ghcr.io/org/charts/nginx:2.0.0")
    }

    @Test func archiveHasNoVersion() {
        let info = Self.object(["chart": "https://example.org/charts/nginx-15.4.2.tgz"])
        #expect(membersByKey(info) == Self.expected(["endpoint": "http://example.org/kws", "chart": "https://example.org/charts/nginx-15.4.2.tgz"]))
    }

    @Test func defaultNamespaceFillsIn() {
        let science = settings(#"{"defaultnamespace": "science"}"#)
        #expect(Self.object(["chart": "https://example.org/x-1.0.0.tgz"], settings: science)?["namespace"] == "science")
        #expect(Self.object(["chart": "https://example.org/x-1.0.0.tgz", "namespace": "mine"], settings: science)?["namespace"] == "mine")
    }
}
