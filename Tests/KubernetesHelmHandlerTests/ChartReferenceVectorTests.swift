import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// formats.md §2.8 chart references, rows 1–22, with API.md's field names: formats.md's `url` and
/// `oci` are both `chart` here, and `{repository, name}` keeps its names.
@Suite("formats.md §2.8 chart references")
struct ChartReferenceVectorTests {
    static let repository: JSONValue = .string(exampleRepository)

    @Test func row01RepositoryNameAndExactVersion() throws {
        let outcome = probe(["repository": Self.repository, "name": "nginx", "version": "15.4.2"])
        let task = try #require(outcome.task)
        #expect(task.source == .repository(try WebURL(parsing: exampleRepository), name: "nginx"))
        #expect(task.version == .exact(try SemanticVersion(parsing: "15.4.2")))
        #expect(outcome.report.warnings.isEmpty)
    }

    @Test func row02ConstraintIsValidButNotReproducible() throws {
        let outcome = probe(["repository": Self.repository, "name": "nginx", "version": "^15.0.0"])
        #expect(outcome.task?.version == .constraint("^15.0.0"))
        #expect(outcome.warningCodes == [.unpinnedVersion])
        #expect(outcome.report.warnings.first?.message.contains("not reproducible") == true)
        #expect(serviceInfoObject(try #require(outcome.task))?["version"] == "^15.0.0")
    }

    @Test func row03LatestIsNotAVersion() {
        let outcome = probe(["repository": Self.repository, "name": "nginx", "version": "latest"])
        #expect(outcome.problemPaths == ["/taskinfo/version"])
        #expect(outcome.problemCodes == [.invalidFormat])
    }

    @Test func row04NoVersionMeansLatestStableWithAWarning() {
        let outcome = probe(["repository": Self.repository, "name": "nginx"])
        #expect(outcome.task != nil)
        #expect(outcome.task?.version == nil)
        #expect(outcome.warningCodes == [.unpinnedVersion])
        #expect(outcome.report.warnings.first?.path.description == "/taskinfo/version")
    }

    @Test func row05RepositoryAliasGetsAHint() {
        let outcome = probe(["repository": Self.repository, "name": "stable/nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/name"])
        #expect(outcome.problemCodes == [.invalidFormat])
        #expect(outcome.report.problems.first?.message.contains("repository alias") == true)
        #expect(outcome.report.problems.first?.hint?.contains("\"nginx\" in name") == true)
    }

    @Test func row05AliasWithoutRepositoryAlsoAsksForTheRepository() {
        let outcome = probe(["name": "stable/nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/name", "/taskinfo/repository"])
        #expect(outcome.problemCodes == [.invalidFormat, .missingField])
    }

    @Test func row06RepositoryMustBeAnAbsoluteURL() {
        let outcome = probe(["repository": "charts.example.org", "name": "nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/repository"])
        #expect(outcome.problemCodes == [.invalidFormat])
        #expect(outcome.report.problems.first?.hint == "write https://charts.example.org")
    }

    @Test func row07CredentialsAreRefusedAndNotRepeated() {
        let outcome = probe(["repository": "https://user:pw@charts.example.org", "name": "nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/repository"])
        let problem = outcome.report.problems.first
        #expect(problem?.message.contains("credentials") == true)
        #expect(problem?.message.contains("pw") == false)
        #expect(problem?.hint?.contains("pw") != true)
    }

    @Test func row08OCIWithVersionGetsTheTag() throws {
        let outcome = probe(["chart": "oci://ghcr.io/org/charts/nginx", "version": "1.2.3"])
        let task = try #require(outcome.task)
        guard case .oci(let reference) = task.source else { Issue.record("not OCI"); return }
        #expect(reference.description == "oci://ghcr.io/org/charts/nginx:1.2.3")
        #expect(reference.host == "ghcr.io" && reference.repository == "org/charts/nginx" && reference.chartName == "nginx")
        #expect(outcome.report.warnings.isEmpty)
        #expect(serviceInfoObject(task)?["chart"] == "oci://ghcr.io/org/charts/nginx:1.2.3")
    }

    @Test func row09TagAndVersionMismatch() {
        let outcome = probe(["chart": "oci://ghcr.io/org/charts/nginx:1.2.3", "version": "1.2.4"])
        #expect(outcome.problemPaths == ["/taskinfo/version"])
        #expect(outcome.problemCodes == [.conflictingFields])
    }

    @Test(arguments: ["1.2.3", "1.2.3+build.1"])
    func row09TagAndEqualVersionAgree(_ version: String) {
        let tag = String(version.map { $0 == "+" ? "_" : $0 })
        #expect(probe(["chart": .string("oci://ghcr.io/org/charts/nginx:\(tag)"), "version": .string(version)]).task != nil)
    }

    @Test func row09TagAndConstraintConflict() {
        let outcome = probe(["chart": "oci://ghcr.io/org/charts/nginx:1.2.3", "version": "^1.2.0"])
        #expect(outcome.problemCodes == [.conflictingFields])
    }

    @Test func row10PlusInTagBecomesUnderscore() throws {
        let outcome = probe(["chart": "oci://ghcr.io/org/charts/nginx:1.2.3+build.1"])
        let task = try #require(outcome.task)
        guard case .oci(let reference) = task.source else { Issue.record("not OCI"); return }
        #expect(reference.tag == "1.2.3_build.1")
        #expect(task.version?.description == "1.2.3+build.1")
        #expect(outcome.report.warnings.isEmpty)
        let info = serviceInfoObject(task)
        #expect(info?["chart"] == "oci://ghcr.io/org/charts/nginx:1.2.3_build.1")
        #expect(info?["version"] == "1.2.3+build.1")
    }

    @Test func row11DigestPinned() throws {
        let outcome = probe(["chart": .string("oci://ghcr.io/org/charts/nginx@\(sha256Digest)")])
        let task = try #require(outcome.task)
        guard case .oci(let reference) = task.source else { Issue.record("not OCI"); return }
        #expect(reference.digest == sha256Digest)
        #expect(reference.tag == nil)
        #expect(task.isPinned)
        #expect(outcome.report.warnings.isEmpty)
    }

    @Test func row11TagAndDigest() {
        let outcome = probe(["chart": .string("oci://localhost:5000/charts/nginx:1.2.3@\(sha256Digest)")])
        guard case .oci(let reference)? = outcome.task?.source else { Issue.record("not OCI"); return }
        #expect(reference.port == 5000 && reference.tag == "1.2.3")
        #expect(reference.description == "oci://localhost:5000/charts/nginx:1.2.3@\(sha256Digest)")
    }

    @Test func row12MissingRegistryOrRepository() {
        let outcome = probe(["chart": "oci://nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/chart"])
        #expect(outcome.report.problems.first?.message.contains("no registry") == true)
    }

    @Test func row13RegistryMustLookLikeAHost() {
        let outcome = probe(["chart": "oci://bitnamicharts/nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/chart"])
        #expect(outcome.report.problems.first?.hint?.contains("oci://registry-1.docker.io/bitnamicharts/nginx") == true)
    }

    @Test func row14MissingOCIScheme() {
        let outcome = probe(["chart": "ghcr.io/org/charts/nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/chart"])
        #expect(outcome.report.problems.first?.hint?.contains("oci://ghcr.io/org/charts/nginx") == true)
    }

    @Test func row15UppercaseRepository() {
        let outcome = probe(["chart": "oci://ghcr.io/Org/charts/nginx"])
        #expect(outcome.problemPaths == ["/taskinfo/chart"])
        #expect(outcome.report.problems.first?.message.contains("upper-case") == true)
        #expect(outcome.report.problems.first?.hint == "write oci://ghcr.io/org/charts/nginx")
    }

    @Test func row16ArchiveURL() throws {
        let outcome = probe(["chart": "https://example.org/charts/nginx-15.4.2.tgz"])
        let task = try #require(outcome.task)
        #expect(task.source == .archive(try WebURL(parsing: "https://example.org/charts/nginx-15.4.2.tgz")))
        #expect(task.version == nil)
        #expect(outcome.report.warnings.isEmpty)
    }

    @Test func row17VersionConflictsWithArchive() {
        let outcome = probe(["chart": "https://example.org/charts/nginx-15.4.2.tgz", "version": "15.4.3"])
        #expect(outcome.problemPaths == ["/taskinfo/version"])
        #expect(outcome.problemCodes == [.conflictingFields])
    }

    @Test(arguments: ["ftp://example.org/nginx.tgz", "file:///charts/x.tgz"])
    func row18SchemeNotSupported(_ chart: String) {
        let outcome = probe(["chart": .string(chart)])
        #expect(outcome.problemPaths == ["/taskinfo/chart"])
        #expect(outcome.problemCodes == [.invalidFormat])
        #expect(outcome.report.problems.first?.message.contains("not supported") == true)
    }

    @Test(arguments: [
        taskInfo(["repository": .string(exampleRepository), "name": "nginx", "chart": "oci://ghcr.io/org/charts/nginx"]),
        taskInfo(["chart": "https://example.org/charts/nginx-15.4.2.tgz", "name": "nginx"]),
    ])
    func row19ExactlyOneSource(_ json: JSONValue) {
        let outcome = helm.probeTaskInfo(json)
        #expect(outcome.task == nil)
        #expect(outcome.problemCodes == [.conflictingFields])
    }

    @Test func row19RepositoryWithoutName() {
        let outcome = probe(["repository": Self.repository])
        #expect(outcome.problemPaths == ["/taskinfo/name"])
        #expect(outcome.problemCodes == [.missingField])
    }

    @Test func row20ValuesObject() throws {
        let outcome = probe(["chart": "https://example.org/charts/nginx-15.4.2.tgz", "values": ["replicaCount": 2]])
        #expect(outcome.task?.values == JSONObject([.init(key: "replicaCount", value: 2)]))
    }

    @Test func row21ValuesString() {
        let outcome = probe(["chart": "https://example.org/charts/nginx-15.4.2.tgz", "values": "replicaCount=2"])
        #expect(outcome.problemPaths == ["/taskinfo/values"])
        #expect(outcome.problemCodes == [.wrongType])
        let problem = outcome.report.problems.first
        #expect(problem?.message.contains("replicaCount=2") == false)
        #expect(problem?.hint?.contains("--set") == true)
    }

    @Test func row22BadReleaseAndNamespace() {
        let outcome = probe([
            "chart": "https://example.org/charts/nginx-15.4.2.tgz", "release": "My_Release", "namespace": "my.ns",
        ])
        #expect(outcome.problemPaths == ["/taskinfo/release", "/taskinfo/namespace"])
        let long = probe(["chart": "https://example.org/charts/nginx-15.4.2.tgz", "release": .string(letters(54))])
        #expect(long.problemCodes == [.tooLong])
    }
}
