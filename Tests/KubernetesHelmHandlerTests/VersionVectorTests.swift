import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("formats.md §2.8 versions table and constraint lists")
struct VersionVectorTests {
    /// Reads `version` with a repository chart.
    static func outcome(_ version: String) -> TaskInfoOutcome<KubernetesHelmTaskType> {
        probe(["repository": .string(exampleRepository), "name": "nginx", "version": .string(version)])
    }

    @Test(arguments: ["1.2.3", "0.1.0", "1.2.3-rc.1", "1.2.3-0", "1.2.3-alpha.beta.1+build.5", "1.2.3+build.01"])
    func strictSemVerIsExactAndPinned(_ version: String) throws {
        let outcome = Self.outcome(version)
        let parsed = try #require(outcome.task?.version?.exactVersion)
        #expect(parsed.description == version)
        #expect(outcome.report.warnings.isEmpty)
    }

    @Test(arguments: [("1.2.3+build.5", "1.2.3_build.5"), ("1.2.3-alpha.beta.1+build.5", "1.2.3-alpha.beta.1_build.5"), ("1.2.3", "1.2.3")])
    func ociTagForm(_ version: String, _ tag: String) throws {
        #expect(try SemanticVersion(parsing: version).ociTag == tag)
        #expect(try SemanticVersion(ociTag: tag).description == version)
    }

    @Test func semVerParts() throws {
        let version = try SemanticVersion(parsing: "1.22.333-rc.1+build.5")
        #expect(version.major == 1 && version.minor == 22 && version.patch == 333)
        #expect(version.prerelease == "rc.1")
        #expect(version.build == "build.5")
    }

    @Test(arguments: ["v1.2.3", "1.2", "1"])
    func lenientVersionsAreConstraintsWithWarnings(_ version: String) {
        let outcome = Self.outcome(version)
        #expect(outcome.task?.version == .constraint(version))
        #expect(outcome.warningCodes == [.versionNotSemVer, .unpinnedVersion])
        #expect(outcome.report.warnings.allSatisfy { $0.path.description == "/taskinfo/version" })
    }

    @Test(arguments: [("v1.2.3", "=1.2.3"), ("1.2", ">=1.2.0 <1.3.0"), ("1", ">=1.0.0 <2.0.0")])
    func lenientWarningSaysWhatItMeans(_ version: String, _ meaning: String) {
        #expect(Self.outcome(version).report.warnings.first?.message.contains(meaning) == true)
    }

    @Test(arguments: [
        ("01.2.3", "leading zero"), ("1.02.3", "leading zero"), ("1.2.3-01", "leading zero"),
        ("1.2.3-", "empty"), ("1.2.3+", "empty"), ("1.2.3-beta..1", "empty identifier"),
        ("1.2.3.4", "more than three"), ("1.2.3_build", "'_'"), ("latest", "neither"), ("", "empty"),
    ])
    func invalidVersions(_ version: String, _ reason: String) {
        let outcome = Self.outcome(version)
        #expect(outcome.task == nil)
        #expect(outcome.problemPaths == ["/taskinfo/version"])
        #expect(outcome.problemCodes == [.invalidFormat])
        #expect(outcome.report.problems.first?.message.contains(reason) == true)
    }

    @Test(arguments: [("01.2.3", "write 1.2.3"), ("1.02.3", "write 1.2.3"), ("1.2.3_build", "build metadata follows '+': write 1.2.3+build")])
    func invalidVersionHints(_ version: String, _ hint: String) {
        #expect(Self.outcome(version).report.problems.first?.hint == hint)
    }

    @Test func latestHintSaysToOmitTheVersion() {
        #expect(Self.outcome("latest").report.problems.first?.hint?.contains("omit version") == true)
    }

    @Test func overlongVersion() {
        let outcome = Self.outcome("1.2.3-" + letters(123))
        #expect(outcome.problemCodes == [.tooLong])
        #expect(Self.outcome("1.2.3-" + letters(122)).task != nil)
    }

    @Test(arguments: [
        ">=1.2.3", ">= 1.2.3, < 2.0.0", ">=1.2.3 <2.0.0", ">=1.2.3,<2.0.0", "^1.2.3", "~1.2.3", "~>1.2",
        "1.2.x", "*", "x", "=>1.2", "1.2 - 1.4.5", ">=1.0.0 || <0.5", ">= 1.2.3-0",
    ])
    func validConstraints(_ constraint: String) {
        let outcome = Self.outcome(constraint)
        #expect(outcome.task?.version == .constraint(constraint))
        #expect(outcome.warningCodes.last == .unpinnedVersion)
        #expect(outcome.report.problems.isEmpty)
    }

    @Test(arguments: ["==1.2.3", ">=1.2.3 && <2", "1.2.3 - ", "latest", ""])
    func invalidConstraints(_ constraint: String) {
        let outcome = Self.outcome(constraint)
        #expect(outcome.task == nil)
        #expect(outcome.problemPaths == ["/taskinfo/version"])
        #expect(outcome.problemCodes == [.invalidFormat])
    }

    @Test(arguments: [("==1.2.3", "write =1.2.3"), (">=1.2.3 && <2", "separate the terms with a comma, as in >=1.2.3, <2")])
    func constraintHints(_ constraint: String, _ hint: String) {
        #expect(Self.outcome(constraint).report.problems.first?.hint == hint)
    }

    /// Masterminds quirks: its textual range rewrite, wildcards, operators and separators.
    @Test(arguments: [
        (">1.0, 1.2 - 1.4", true), (">1.0 1.2 - 1.4", false), ("1.2 - 1.4 >1.5", false), ("1.2 - 1.4, >1.5", true),
        ("1.2 - 1.4 || 2", true), (">1.2 - 1.4", false), ("1.2-1.4.5", true), ("1.2 -1.4", false),
        ("!=1.2.3", true), ("=<1.2", true), ("1.x.x", true), ("1.2.X", true), ("1x", false), ("1.2.3,", false),
        (">=1.2.3<2", false), ("|| 1", false), ("1 ||", false), ("~ 1.2", true), ("^0.2.3", true), ("v1.2.x", true),
        (">=01.2", false), (">=1.2.3-01", false), ("1.2.3 1.2.4", true), ("1.2.3,,1.2.4", false),
    ])
    func constraintGrammarEdges(_ constraint: String, _ valid: Bool) {
        let outcome = Self.outcome(constraint)
        #expect((outcome.task != nil) == valid, "\(outcome.report.problems)")
    }
}
