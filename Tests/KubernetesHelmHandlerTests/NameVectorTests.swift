import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// One row of formats.md §2.8's names table: which of release, namespace and chart name accept it.
struct NameVector: Sendable, CustomTestStringConvertible {
    let input: String
    let release: Bool
    let namespace: Bool
    let chart: Bool
    /// Whether a valid chart name breaks the best practice (a `chart-name-style` warning).
    let chartWarning: Bool

    var testDescription: String { input.count > 20 ? "\(input.count)×\(input.prefix(1))" : "\"\(input)\"" }

    init(_ input: String, release: Bool, namespace: Bool, chart: Bool, warn: Bool = false) {
        self.input = input
        self.release = release
        self.namespace = namespace
        self.chart = chart
        self.chartWarning = warn
    }

    static let table: [NameVector] = [
        .init("nginx", release: true, namespace: true, chart: true),
        .init("my-release", release: true, namespace: true, chart: true),
        .init("0abc", release: true, namespace: true, chart: true),
        .init("my.release", release: true, namespace: false, chart: true, warn: true),
        .init("My-Release", release: false, namespace: false, chart: true, warn: true),
        .init("Nginx", release: false, namespace: false, chart: true, warn: true),
        .init("my_release", release: false, namespace: false, chart: true, warn: true),
        .init("nginx_ingress", release: false, namespace: false, chart: true, warn: true),
        .init("-nginx", release: false, namespace: false, chart: true, warn: true),
        .init("nginx-", release: false, namespace: false, chart: true, warn: true),
        .init(letters(53), release: true, namespace: true, chart: true),
        .init(letters(54), release: false, namespace: true, chart: true),
        .init(letters(64), release: false, namespace: false, chart: true),
        .init("foo..bar", release: false, namespace: false, chart: true, warn: true),
        .init("foo.-bar", release: false, namespace: false, chart: true, warn: true),
        .init("../evil", release: false, namespace: false, chart: false),
        .init("a/b", release: false, namespace: false, chart: false),
        .init(".", release: false, namespace: false, chart: false),
        .init("..", release: false, namespace: false, chart: false),
        .init("café", release: false, namespace: false, chart: false),
        .init("", release: false, namespace: false, chart: false),
    ]
}

@Suite("formats.md §2.8 names table")
struct NameVectorTests {
    static let archive: JSONValue = "https://example.org/charts/nginx-1.2.3.tgz"

    @Test(arguments: NameVector.table)
    func release(_ vector: NameVector) {
        let outcome = probe(["chart": Self.archive, "release": .string(vector.input)])
        if vector.release {
            #expect(outcome.task?.release == vector.input)
            #expect(outcome.report.problems.isEmpty)
        } else {
            #expect(outcome.task == nil)
            #expect(outcome.problemPaths == ["/taskinfo/release"])
            #expect(outcome.problemCodes == [vector.input.count > 53 && vector.input.allSatisfy { $0 == "a" } ? .tooLong : .invalidFormat])
        }
    }

    @Test(arguments: NameVector.table)
    func namespace(_ vector: NameVector) {
        let outcome = probe(["chart": Self.archive, "namespace": .string(vector.input)])
        if vector.namespace {
            #expect(outcome.task?.namespace == vector.input)
            #expect(outcome.report.problems.isEmpty)
        } else {
            #expect(outcome.task == nil)
            #expect(outcome.problemPaths == ["/taskinfo/namespace"])
            #expect(outcome.problemCodes == [vector.input.count > 63 && vector.input.allSatisfy { $0 == "a" } ? .tooLong : .invalidFormat])
        }
    }

    @Test(arguments: NameVector.table)
    func chartName(_ vector: NameVector) {
        let outcome = probe(["repository": .string(exampleRepository), "name": .string(vector.input), "version": "1.2.3"])
        if vector.chart {
            guard case .repository(_, let name)? = outcome.task?.source else {
                Issue.record("expected a repository source, got \(outcome.report.problems)")
                return
            }
            #expect(name == vector.input)
            #expect(outcome.warningCodes.contains(.chartNameStyle) == vector.chartWarning)
        } else {
            #expect(outcome.task == nil)
            #expect(outcome.problemPaths == ["/taskinfo/name"])
            #expect(outcome.problemCodes == [.invalidFormat])
        }
    }

    @Test func chartNameLengthLimit() {
        #expect(probe(["repository": .string(exampleRepository), "name": .string(letters(250))]).task != nil)
        let outcome = probe(["repository": .string(exampleRepository), "name": .string(letters(251))])
        #expect(outcome.problemPaths == ["/taskinfo/name"])
        #expect(outcome.problemCodes == [.tooLong])
    }

    @Test(arguments: [
        ("My_Release", "my-release"), ("-nginx", "nginx"), ("foo..bar", "foo.bar"), ("My-Release", "my-release"),
    ])
    func releaseHints(_ input: String, _ suggestion: String) {
        let hint = probe(["chart": Self.archive, "release": .string(input)]).report.problems.first?.hint
        #expect(hint == "write \"\(suggestion)\"")
    }

    @Test func dottedNamespaceSaysSoAndSuggestsADash() {
        let problem = probe(["chart": Self.archive, "namespace": "my.ns"]).report.problems.first
        #expect(problem?.message.contains("dot") == true)
        #expect(problem?.hint == "write \"my-ns\"")
    }

    @Test func tooLongReleaseExplainsTheLimit() {
        let problem = probe(["chart": Self.archive, "release": .string(letters(54))]).report.problems.first
        #expect(problem?.message.contains("53") == true)
        #expect(problem?.hint == "write \"\(letters(53))\"")
    }
}
