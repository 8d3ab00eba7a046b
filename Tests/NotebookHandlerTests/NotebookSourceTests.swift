import NotebookHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// formats.md §3.6 rows 1–11 and 17, and the rules around choosing one source.
@Suite("Notebook sources (formats.md §3.6)")
struct NotebookSourceTests {
    static let sha = "0123456789abcdef0123456789abcdef01234567"

    static let vectors: [Vector] = [
        .valid("1 raw.githubusercontent.com URL with a commit", Fixture.urlTask("https://raw.githubusercontent.com/org/repo/\(sha)/nb/a.ipynb")),
        .invalid("2 GitHub blob page", Fixture.urlTask("https://github.com/org/repo/blob/main/a.ipynb"), "/taskinfo/notebook", .notRawContent),
        .invalid("2 GitHub tree page", Fixture.urlTask("https://github.com/org/repo/tree/main/notebooks"), "/taskinfo/notebook", .notRawContent),
        .invalid("2 GitLab blob page", Fixture.urlTask("https://gitlab.com/group/project/-/blob/main/a.ipynb"), "/taskinfo/notebook", .notRawContent),
        .valid("3 query allowed", Fixture.urlTask("https://example.org/a.ipynb?download=1")),
        .valid("4 http is valid taskinfo (refused by policy)", Fixture.urlTask("http://example.org/a.ipynb")),
        .invalid("5 file scheme", Fixture.urlTask("file:///etc/passwd"), "/taskinfo/notebook", .unsupportedScheme),
        .invalid("5 ftp scheme", Fixture.urlTask("ftp://example.org/a.ipynb"), "/taskinfo/notebook", .unsupportedScheme),
        .invalid("6 credentials in the URL", Fixture.urlTask("https://user:pw@example.org/a.ipynb"), "/taskinfo/notebook", .invalidFormat),
        .valid("7 loopback address is valid taskinfo (refused by policy)", Fixture.urlTask("https://127.0.0.1/a.ipynb")),
        .invalid("7 IPv4 in a filter-evading form", Fixture.urlTask("https://2130706433/a.ipynb"), "/taskinfo/notebook", .invalidFormat),
        .invalid("7 IPv4 short form", Fixture.urlTask("https://127.1/a.ipynb"), "/taskinfo/notebook", .invalidFormat),
        .valid("8 .jpnb extension (warning)", Fixture.urlTask("https://example.org/a.jpnb")),
        .valid("9 repository with a commit", #"{"repository":"https://github.com/org/repo","ref":"\#(sha)","path":"a.ipynb"}"#),
        .valid("10 repository without ref (warning)", #"{"repository":"https://github.com/org/repo","path":"a.ipynb"}"#),
        .invalid("11 path traversal", #"{"repository":"https://github.com/org/repo","ref":"\#(sha)","path":"../../etc/passwd"}"#, "/taskinfo/path", .pathTraversal),
        .invalid("11 encoded path traversal", #"{"repository":"https://github.com/org/repo","ref":"\#(sha)","path":"a/%2e%2e/%2E%2E/b.ipynb"}"#, "/taskinfo/path", .pathTraversal),
        .invalid("11 absolute path", #"{"repository":"https://github.com/org/repo","ref":"\#(sha)","path":"/abs.ipynb"}"#, "/taskinfo/path", .absolutePath),
        .invalid("17 URL longer than 2048 characters", Fixture.urlTask("https://example.org/" + String(repeating: "a", count: 2030) + ".ipynb"), "/taskinfo/notebook", .tooLong),
        .valid("Calycopis example notebook", Fixture.urlTask("https://raw.githubusercontent.com/Zarquan/binder-demo/main/02_dmhh.ipynb")),
        .invalid("no source", #"{"kernel":"python3"}"#, "/taskinfo", .conflictingFields),
        .invalid("two sources", #"{"notebook":"https://example.org/a.ipynb","content":{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[]}}"#, "/taskinfo/content", .conflictingFields),
        .invalid("path without repository", #"{"path":"a.ipynb"}"#, "/taskinfo/repository", .missingField),
        .invalid("path with notebook", #"{"notebook":"https://example.org/a.ipynb","path":"a.ipynb"}"#, "/taskinfo/path", .conflictingFields),
        .invalid("repository without path", #"{"repository":"https://github.com/org/repo","ref":"\#(sha)"}"#, "/taskinfo/path", .missingField),
        .invalid("repository URL of a GitHub file page", #"{"repository":"https://github.com/org/repo/blob/main/a.ipynb","path":"a.ipynb"}"#, "/taskinfo/repository", .invalidFormat),
        .invalid("repository URL in ssh form", #"{"repository":"git@github.com:org/repo.git","path":"a.ipynb"}"#, "/taskinfo/repository", .unsupportedScheme),
        .invalid("repository URL without a path", #"{"repository":"https://github.com","path":"a.ipynb"}"#, "/taskinfo/repository", .invalidFormat),
        .invalid("ref with a space", #"{"repository":"https://github.com/org/repo","ref":"my branch","path":"a.ipynb"}"#, "/taskinfo/ref", .invalidFormat),
        .invalid("path with a backslash", #"{"repository":"https://github.com/org/repo","path":"nb\\a.ipynb"}"#, "/taskinfo/path", .invalidFormat),
        .invalid("kernel with a space", #"{"notebook":"https://example.org/a.ipynb","kernel":"Python 3"}"#, "/taskinfo/kernel", .invalidFormat),
        .invalid("kernel too long", #"{"notebook":"https://example.org/a.ipynb","kernel":"\#(String(repeating: "k", count: 65))"}"#, "/taskinfo/kernel", .tooLong),
        .invalid("unknown field", #"{"notebook":"https://example.org/a.ipynb","parameters":{}}"#, "/taskinfo/parameters", .unknownField),
        .invalid("upper-case scheme", Fixture.urlTask("HTTPS://example.org/a.ipynb"), "/taskinfo/notebook", .unsupportedScheme),
        .invalid("host and port without a scheme", Fixture.urlTask("localhost:8888/a.ipynb"), "/taskinfo/notebook", .invalidFormat),
        .invalid("host without a scheme", Fixture.urlTask("example.org/a.ipynb"), "/taskinfo/notebook", .invalidFormat),
        .invalid("empty host", Fixture.urlTask("https:///example.org/a.ipynb"), "/taskinfo/notebook", .invalidFormat),
    ]

    @Test("vector", arguments: vectors)
    func vector(_ vector: Vector) { vector.check() }

    @Test("2: the blob hint names the raw URL and the repository form")
    func blobHint() throws {
        let problem = try #require(Fixture.probe(Fixture.urlTask("https://github.com/org/repo/blob/main/nb/a.ipynb")).report.problems.first)
        #expect(problem.hint?.contains("https://raw.githubusercontent.com/org/repo/main/nb/a.ipynb") == true)
        #expect(problem.hint?.contains(#""repository": "https://github.com/org/repo""#) == true)
    }

    @Test("6: credentials never appear in the answer")
    func credentialsNotEchoed() {
        for url in ["https://user:s3cret@example.org/a.ipynb", "ftp://user:s3cret@example.org/a.ipynb", "user:3s3cret@example.org/a.ipynb"] {
            let outcome = Fixture.probe(Fixture.urlTask(url))
            #expect(!outcome.report.problems.isEmpty)
            #expect(!outcome.report.problems.contains { $0.message.contains("s3cret") || ($0.hint ?? "").contains("s3cret") })
        }
    }

    @Test("1, 3, 9: pinned sources give no warning")
    func pinnedNoWarning() {
        #expect(Fixture.probe(Fixture.urlTask("https://raw.githubusercontent.com/org/repo/\(Self.sha)/nb/a.ipynb")).warningCodes.isEmpty)
        #expect(Fixture.probe(#"{"repository":"https://github.com/org/repo","ref":"\#(Self.sha)","path":"a.ipynb"}"#).warningCodes.isEmpty)
        #expect(Fixture.probe(#"{"repository":"https://github.com/org/repo","ref":"v1.2.0","path":"a.ipynb"}"#).warningCodes.isEmpty)
        #expect(Fixture.probe(#"{"repository":"https://github.com/org/repo","ref":"refs/tags/release-2","path":"a.ipynb"}"#).warningCodes.isEmpty)
    }

    @Test("8: .jpnb and other extensions warn", arguments: ["https://example.org/a.jpnb", "https://example.org/a.py", "https://example.org/nb/"])
    func extensionWarning(_ url: String) {
        let outcome = Fixture.probe(Fixture.urlTask(url))
        #expect(outcome.task != nil)
        #expect(outcome.warningCodes == [.unexpectedExtension])
    }

    @Test("10: a missing or branch ref warns at /taskinfo/ref", arguments: [nil, "main", "HEAD", "feature/x", "abc1234"] as [String?])
    func unpinnedRef(_ ref: String?) {
        let refMember = ref.map { #","ref":"\#($0)""# } ?? ""
        let outcome = Fixture.probe(#"{"repository":"https://github.com/org/repo","path":"a.ipynb"\#(refMember)}"#)
        #expect(outcome.task != nil)
        #expect(outcome.warningCodes == [.unpinnedRef])
        #expect(outcome.report.warnings.first?.path.description == "/taskinfo/ref")
    }

    @Test("a raw GitHub URL on a branch warns")
    func rawURLOnBranch() {
        #expect(Fixture.probe(Fixture.urlTask("https://raw.githubusercontent.com/Zarquan/binder-demo/main/02_dmhh.ipynb")).warningCodes == [.unpinnedRef])
    }

    @Test("every problem at once")
    func severalProblems() {
        let outcome = Fixture.probe(#"{"notebook":"ftp://example.org/a.ipynb","repository":"https://github.com/org/repo","path":"/x/../a.ipynb","ref":"a..b","kernel":"Python 3","extra":1}"#)
        #expect(Set(outcome.problemPaths) == ["/taskinfo/extra", "/taskinfo/repository", "/taskinfo/notebook", "/taskinfo/path", "/taskinfo/ref", "/taskinfo/kernel"])
        #expect(outcome.problemCodes.contains(.conflictingFields))
        #expect(outcome.problemCodes.contains(.unsupportedScheme))
        #expect(outcome.problemCodes.contains(.absolutePath))
    }

    @Test("the repository path is kept relative with '.' segments removed")
    func pathNormalised() {
        let info = Fixture.serviceInfo(#"{"repository":"https://github.com/org/repo","ref":"\#(Self.sha.uppercased())","path":"./nb/./a.ipynb"}"#)
        #expect(Fixture.sorted(info) == Fixture.sorted(["endpoint": "http://example.org/jupyter", "source": "repository",
            "notebook": ["repository": "https://github.com/org/repo", "ref": .string(Self.sha), "path": "nb/a.ipynb"], "kernel": "python3"]))
    }
}
