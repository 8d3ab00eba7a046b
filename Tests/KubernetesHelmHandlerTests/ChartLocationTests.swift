import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// Mistakes beyond formats.md's table, each with the field's path and a useful hint.
@Suite("chart, repository and OCI details")
struct ChartLocationTests {
    static func chartProblem(_ chart: String) -> Problem? {
        let outcome = probe(["chart": .string(chart)])
        #expect(outcome.task == nil)
        #expect(outcome.problemPaths == ["/taskinfo/chart"])
        return outcome.report.problems.first
    }

    @Test(arguments: [
        ("stable/nginx", "\"nginx\" in name"),
        ("nginx", "\"nginx\" in name"),
        ("./mychart", "publish the chart"),
        ("/charts/nginx-1.2.3.tgz", "publish the chart"),
        ("example.org/charts/nginx-1.2.3.tgz", "write https://example.org/charts/nginx-1.2.3.tgz"),
        ("HTTPS://example.org/x.tgz", "write https://example.org/x.tgz"),
        ("OCI://ghcr.io/org/nginx", "write oci://ghcr.io/org/nginx"),
        ("oci:/ghcr.io/org/nginx", "write oci://ghcr.io/org/nginx"),
        ("oci:///ghcr.io/org/nginx", "write oci://ghcr.io/org/nginx"),
        ("https://example.org", "repository together with name"),
        ("https://charts.example.org/stable/index.yaml", "as repository"),
        ("oci://GHCR.io/org/nginx", "write oci://ghcr.io/org/nginx"),
        ("oci://ghcr.io/org/nginx:", "such as :1.2.3"),
        ("oci://ghcr.io/org/nginx:latest", "constraint in version"),
        ("oci://ghcr.io/org/nginx@sha256:" + String(repeating: "AB", count: 32), "write sha256:" + String(repeating: "ab", count: 32)),
    ])
    func hints(_ chart: String, _ hint: String) {
        let problem = Self.chartProblem(chart)
        #expect(problem?.hint?.contains(hint) == true, "\(String(describing: problem))")
    }

    @Test(arguments: [
        "oci://", "oci://ghcr.io/", "oci://ghcr.io//nginx", "oci://ghcr.io/org/nginx/", "oci://ghcr.io/org/-nginx",
        "oci://ghcr.io/org/ngi..nx", "oci://ghcr.io/org/nginx@md5:abc", "oci://ghcr.io/org/nginx:1.2", "oci://user:pw@ghcr.io/org/nginx",
        "oci://ghcr.io:0/org/nginx", "oci://ghcr.io/org/nginx:1.2.3+b+c", "oci://ghcr.io/org/ngi nx", "https://user:pw@example.org/x.tgz",
        "http://exa mple.org/x.tgz", "",
    ])
    func invalidCharts(_ chart: String) {
        let problem = Self.chartProblem(chart)
        #expect(problem != nil)
        #expect(problem?.message.contains("pw") != true)
    }

    @Test(arguments: [
        "oci://ghcr.io/org/charts/nginx", "oci://localhost/nginx", "oci://registry:5000/nginx", "oci://[::1]:5000/nginx",
        "oci://ghcr.io/org/my_chart__x/sub-chart.v2", "oci://ghcr.io/org/nginx:1.2.3_build.1",
        "https://example.org/charts/nginx-1.2.3.tgz?token=abc", "http://127.0.0.1:8080/x-1.0.0.tgz",
    ])
    func validCharts(_ chart: String) {
        let outcome = probe(["chart": .string(chart)])
        #expect(outcome.task != nil, "\(outcome.report.problems)")
    }

    @Test func ociWithoutVersionWarns() {
        #expect(probe(["chart": "oci://ghcr.io/org/charts/nginx"]).warningCodes == [.unpinnedVersion])
    }

    @Test func ociWithLenientVersionWarnsTwice() {
        let outcome = probe(["chart": "oci://ghcr.io/org/charts/nginx", "version": "1.2"])
        #expect(outcome.warningCodes == [.versionNotSemVer, .unpinnedVersion])
    }

    @Test(arguments: [
        ("oci://ghcr.io/org/charts/nginx", "write https://oci://"),
        ("https://charts.example.org/stable/index.yaml", "write https://charts.example.org/stable"),
        ("https://example.org/charts/nginx-1.2.3.tgz", "in chart"),
    ])
    func repositoryMistakes(_ repository: String, _ hintPart: String) {
        let outcome = probe(["repository": .string(repository), "name": "nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/repository"])
        let hint = outcome.report.problems.first?.hint ?? ""
        if hintPart.hasPrefix("write https://oci") {
            #expect(hint.contains("in chart"))
        } else {
            #expect(hint.contains(hintPart), "\(hint)")
        }
    }

    @Test func repositoryWithEmptyHostGetsTheKernelHint() {
        let outcome = probe(["repository": "https:///charts.example.org", "name": "nginx"])
        #expect(outcome.report.problems.first?.hint == "write https://charts.example.org")
    }

    @Test func overlongChartURL() {
        let outcome = probe(["chart": .string("https://example.org/" + letters(2100) + ".tgz")])
        #expect(outcome.problemCodes == [.tooLong])
    }
}
