import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("settings")
struct SettingsTests {
    @Test func noSettingsMeansDefaults() throws {
        let settings = try #require(helm.probeSettings(nil).settings)
        #expect(settings.chartHosts == nil)
        #expect(settings.deniedNamespaces == ["kube-system", "kube-public", "kube-node-lease"])
        #expect(settings.defaultNamespace == nil)
    }

    @Test func everyKey() throws {
        let (read, report) = helm.probeSettings(#"""
            {"charthosts": ["ghcr.io", "*.Example.org", "localhost:5000", "[::1]:8443"],
             "deniednamespaces": ["kube-system", "monitoring"], "defaultnamespace": "science"}
            """#)
        #expect(report.problems == [])
        let settings = try #require(read)
        #expect(settings.chartHosts?.map(\.description) == ["ghcr.io", "*.example.org", "localhost:5000", "[::1]:8443"])
        #expect(settings.deniedNamespaces == ["kube-system", "monitoring"])
        #expect(settings.defaultNamespace == "science")
    }

    @Test func aLoneStringIsAOneItemList() {
        #expect(settings(#"{"charthosts": "ghcr.io"}"#).chartHosts?.map(\.description) == ["ghcr.io"])
    }

    @Test func emptyDeniedListDeniesNothing() {
        #expect(settings(#"{"deniednamespaces": []}"#).deniedNamespaces == [])
    }

    @Test(arguments: [
        (#"{"charthosts": ["https://ghcr.io/org"]}"#, "/services/0/settings/charthosts/0", "write ghcr.io"),
        (#"{"charthosts": ["ghcr.io", "ghcr.io/org"]}"#, "/services/0/settings/charthosts/1", "write ghcr.io"),
        (#"{"charthosts": ["-bad-.org"]}"#, "/services/0/settings/charthosts/0", nil),
        (#"{"charthosts": ["ghcr.io:99999"]}"#, "/services/0/settings/charthosts/0", nil),
        (#"{"charthosts": [""]}"#, "/services/0/settings/charthosts/0", nil),
        (#"{"deniednamespaces": ["kube-system", "Kube_Public"]}"#, "/services/0/settings/deniednamespaces/1", "write \"kube-public\""),
        (#"{"defaultnamespace": "my.ns"}"#, "/services/0/settings/defaultnamespace", "write \"my-ns\""),
    ] as [(String, String, String?)])
    func badEntries(_ json: String, _ path: String, _ hint: String?) {
        let (read, report) = helm.probeSettings(json)
        #expect(read == nil)
        #expect(report.problems.map(\.path.description) == [path])
        #expect(report.problems.first?.hint == hint)
    }

    @Test func defaultNamespaceMayNotBeDenied() {
        let (read, report) = helm.probeSettings(#"{"defaultnamespace": "kube-system"}"#)
        #expect(read == nil)
        #expect(report.problems.map(\.code) == [.conflictingFields])
        #expect(report.problems.first?.path.description == "/services/0/settings/defaultnamespace")
    }

    @Test func unknownKeysAndWrongTypesAllAtOnce() {
        let (read, report) = helm.probeSettings(#"{"chartHosts": ["ghcr.io"], "deniednamespaces": 3, "defaultnamespace": false}"#)
        #expect(read == nil)
        #expect(report.problems.map(\.path.description) == [
            "/services/0/settings/chartHosts", "/services/0/settings/deniednamespaces", "/services/0/settings/defaultnamespace",
        ])
        #expect(report.problems.first?.hint == "did you mean \"charthosts\"?")
    }

    @Test func settingsMustBeAnObject() {
        let (read, report) = helm.probeSettings(#"["ghcr.io"]"#)
        #expect(read == nil)
        #expect(report.problems.map(\.code) == [.wrongType])
    }

    @Test(arguments: [
        ("ghcr.io", "ghcr.io", nil, true), ("ghcr.io", "GHCR.io", nil, true), ("ghcr.io", "ghcr.io", 443, true),
        ("ghcr.io", "evil-ghcr.io", nil, false), ("*.example.org", "charts.example.org", nil, true),
        ("*.example.org", "example.org", nil, false), ("*.example.org", "a.b.example.org", nil, true),
        ("localhost:5000", "localhost", 5000, true), ("localhost:5000", "localhost", nil, false),
        ("localhost:5000", "localhost", 5001, false),
    ] as [(String, String, Int?, Bool)])
    func hostPatternMatching(_ pattern: String, _ host: String, _ port: Int?, _ matches: Bool) throws {
        #expect(try HelmChartHostPattern(parsing: pattern).matches(host: host, port: port) == matches)
    }
}
