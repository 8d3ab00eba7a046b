import NotebookHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// Settings, policy refusals, serviceinfo, URIs and the kernel's conformance check.
@Suite("Notebook settings, policy and serviceinfo")
struct NotebookSettingsPolicyTests {
    let handler = NotebookTaskType()
    static let sha = "0123456789abcdef0123456789abcdef01234567"
    static let inline = #"{"nbformat":4,"nbformat_minor":5,"metadata":{"kernelspec":{"name":"ir","display_name":"R"}},"cells":[]}"#

    @Test("conformance")
    func conformance() {
        let valid: [JSONValue] = [
            ["notebook": "https://example.org/a.ipynb"],
            ["repository": "https://github.com/org/repo", "ref": .string(Self.sha), "path": "a.ipynb", "kernel": "python3"],
            ["content": ["nbformat": 4, "nbformat_minor": 5, "metadata": [:], "cells": []], "kernel": "python3"],
        ]
        let invalid: [JSONValue] = [
            [:], ["notebook": "ftp://example.org/a.ipynb"], ["repository": "https://github.com/org/repo", "ref": "main", "path": "../a.ipynb"],
            ["notebook": "https://example.org/a.ipynb", "kernel": ""], ["content": ["cells": "none"]],
        ]
        let violations = HandlerConformance.violations(of: handler, validTaskInfo: valid, invalidTaskInfo: invalid)
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
    }

    @Test("canonical URI and the ExecutionBroker aliases")
    func uris() {
        #expect(handler.name == "Notebook")
        #expect(handler.canonicalURI == "uri://jupyter-notebook")
        #expect(handler.aliases.count == 8)
        for alias in ["uri:jupyter-notebook-1.0", "urn:jupyter-notebook-0.1", "uri:jupyter-notebook-0.1",
            "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/jupyter-notebook-1.0",
            "https://www.purl.org/ivoa.net/EB/schema/types/executable/jupyter-notebook-1.0",
            "https://www.purl.org/ivoa.net/EB/schema/types/executables/jupyter-notebook-1.0",
            "https://www.purl.org/ivoa.net/executable-types/jupyter-notebook",
            "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml"]
        {
            #expect(handler.allURIs.contains(alias))
        }
    }

    @Test("no settings block gives the defaults")
    func defaults() throws {
        let settings = try #require(handler.probeSettings(nil).settings)
        #expect(settings == .defaults)
        #expect(settings.kernels == ["python3"])
        #expect(settings.hosts == nil && !settings.allowHTTP && !settings.allowPrivate)
    }

    @Test("a full settings block is read")
    func fullSettings() throws {
        let settings = try #require(handler.probeSettings(#"{"kernels":["ir","python3"],"hosts":["Raw.GitHubUserContent.com","*.example.org","::1"],"allowhttp":true,"allowprivate":true}"#).settings)
        #expect(settings.defaultKernel == "ir")
        #expect(settings.hosts == ["raw.githubusercontent.com", "*.example.org", "[::1]"])
        #expect(settings.allowHTTP && settings.allowPrivate)
    }

    @Test("bad settings are problems at their paths", arguments: [
        (#"{"kernels":[]}"#, "/services/0/settings/kernels"),
        (#"{"kernels":["Python 3"]}"#, "/services/0/settings/kernels/0"),
        (#"{"kernels":["python3","python3"]}"#, "/services/0/settings/kernels/1"),
        (#"{"kernels":"python3"}"#, "/services/0/settings/kernels"),
        (#"{"hosts":["https://example.org"]}"#, "/services/0/settings/hosts/0"),
        (#"{"hosts":["example.org:8443"]}"#, "/services/0/settings/hosts/0"),
        (#"{"allowhttp":"yes"}"#, "/services/0/settings/allowhttp"),
        (#"{"allowprivate":1}"#, "/services/0/settings/allowprivate"),
        (#"{"kernel":["python3"]}"#, "/services/0/settings/kernel"),
    ])
    func badSettings(_ json: String, _ path: String) {
        let (settings, report) = handler.probeSettings(json)
        #expect(settings == nil)
        #expect(report.problems.map(\.path.description) == [path])
    }

    @Test("4: plain http is refused unless allowhttp")
    func plainHTTP() {
        let task = Fixture.urlTask("http://example.org/a.ipynb")
        let reasons = Fixture.reasons(task)
        #expect(reasons.map(\.path.description) == ["/taskinfo/notebook"])
        #expect(reasons.map(\.code) == [.refusedByPolicy])
        #expect(reasons.map(\.reasonClass) == [.policy])
        #expect(Fixture.reasons(task, settings: #"{"allowhttp":true}"#).isEmpty)
    }

    @Test("7: local and private hosts are refused unless allowprivate", arguments: [
        "https://127.0.0.1/a.ipynb", "https://10.1.2.3/a.ipynb", "https://192.168.0.10/a.ipynb", "https://172.20.0.1/a.ipynb",
        "https://169.254.169.254/latest/a.ipynb", "https://[::1]/a.ipynb", "https://[::ffff:127.0.0.1]/a.ipynb",
        "https://[fd00::1]/a.ipynb", "https://localhost/a.ipynb", "https://LOCALHOST:8888/a.ipynb", "https://jupyter.localhost/a.ipynb",
        "https://nas.local/a.ipynb",
    ])
    func privateHosts(_ url: String) {
        let task = Fixture.urlTask(url)
        #expect(Fixture.probe(task).task != nil)
        #expect(Fixture.reasons(task).map(\.path.description) == ["/taskinfo/notebook"])
        #expect(Fixture.reasons(task, settings: #"{"allowprivate":true}"#).isEmpty)
    }

    @Test("7: the SSRF policy applies to repositories too")
    func privateRepository() {
        let task = #"{"repository":"https://10.0.0.5/org/repo","ref":"\#(Self.sha)","path":"a.ipynb"}"#
        #expect(Fixture.reasons(task).map(\.path.description) == ["/taskinfo/repository"])
    }

    @Test("hosts: only listed hosts (and subdomains of wildcards) are fetched")
    func allowedHosts() {
        let settings = #"{"hosts":["raw.githubusercontent.com","*.example.org"]}"#
        #expect(Fixture.reasons(Fixture.urlTask("https://raw.githubusercontent.com/o/r/\(Self.sha)/a.ipynb"), settings: settings).isEmpty)
        #expect(Fixture.reasons(Fixture.urlTask("https://data.example.org/a.ipynb"), settings: settings).isEmpty)
        #expect(Fixture.reasons(Fixture.urlTask("https://example.org/a.ipynb"), settings: settings).map(\.path.description) == ["/taskinfo/notebook"])
        #expect(Fixture.reasons(Fixture.urlTask("https://evil.org/a.ipynb"), settings: settings).map(\.code) == [.refusedByPolicy])
        let repository = #"{"repository":"https://github.com/org/repo","ref":"\#(Self.sha)","path":"a.ipynb"}"#
        #expect(Fixture.reasons(repository, settings: settings).map(\.path.description) == ["/taskinfo/repository"])
        #expect(Fixture.reasons(Fixture.contentTask(Self.inline, kernel: nil), settings: #"{"hosts":[],"kernels":["ir"]}"#).isEmpty)
    }

    @Test("kernels: a kernel not on offer is refused where it was named")
    func kernelsOnOffer() {
        #expect(Fixture.reasons(#"{"notebook":"https://example.org/a.ipynb","kernel":"julia-1.10"}"#).map(\.path.description) == ["/taskinfo/kernel"])
        #expect(Fixture.reasons(Fixture.contentTask(Self.inline, kernel: nil)).map(\.path.description) == ["/taskinfo/content/metadata/kernelspec/name"])
        #expect(Fixture.reasons(Fixture.contentTask(Self.inline, kernel: nil), settings: #"{"kernels":["python3","ir"]}"#).isEmpty)
        #expect(Fixture.reasons(Fixture.contentTask(Self.inline, kernel: "python3")).isEmpty)
        #expect(Fixture.reasons(Fixture.urlTask("https://example.org/a.ipynb"), settings: #"{"kernels":["ir"]}"#).isEmpty)
    }

    @Test("every refusal at once")
    func severalRefusals() {
        let reasons = Fixture.reasons(#"{"notebook":"http://127.0.0.1/a.ipynb","kernel":"ir"}"#, settings: #"{"hosts":["example.org"]}"#)
        #expect(reasons.map(\.path.description) == ["/taskinfo/notebook", "/taskinfo/notebook", "/taskinfo/notebook", "/taskinfo/kernel"])
    }

    @Test("serviceinfo for a URL: the URL and the default kernel")
    func serviceInfoURL() {
        let info = Fixture.serviceInfo(Fixture.urlTask("https://example.org/a.ipynb?download=1"), settings: #"{"kernels":["python3","ir"]}"#)
        #expect(Fixture.sorted(info) == Fixture.sorted(["endpoint": "http://example.org/jupyter", "source": "url",
            "notebook": "https://example.org/a.ipynb?download=1", "kernel": "python3"]))
    }

    @Test("serviceinfo for a repository without ref: ref HEAD")
    func serviceInfoRepository() {
        let info = Fixture.serviceInfo(#"{"repository":"https://github.com/org/repo","path":"nb/a.ipynb","kernel":"ir"}"#)
        #expect(Fixture.sorted(info) == Fixture.sorted(["endpoint": "http://example.org/jupyter", "source": "repository",
            "notebook": ["repository": "https://github.com/org/repo", "ref": "HEAD", "path": "nb/a.ipynb"], "kernel": "ir"]))
    }

    @Test("serviceinfo for inline content: no notebook, the notebook's kernel")
    func serviceInfoContent() {
        let info = Fixture.serviceInfo(Fixture.contentTask(Self.inline, kernel: nil))
        #expect(Fixture.sorted(info) == Fixture.sorted(["endpoint": "http://example.org/jupyter", "source": "content", "kernel": "ir"]))
    }
}
