import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerDaemon
import PlannerKernel
import Testing

/// formats.md §8.3's task-type vectors against the running daemon: every ExecutionBroker alias is
/// accepted exactly and echoed; near misses are an ordinary `NO`; malformed URIs are `422`
/// (API.md §2 says `422` where formats.md says `400`: the contract wins).
@Suite("Task-type aliases")
struct TaskTypeAliasEndToEndTests {
    static let docker = #""taskinfo": {"image": "docker.io/library/ubuntu:22.04"}"#
    static let notebook = #""taskinfo": {"notebook": "https://example.org/a.ipynb"}"#
    static let helm = #""taskinfo": {"chart": "https://charts.example.org/a-1.0.0.tgz"}"#

    static let accepted: [(String, String)] = [
        ("uri://docker-container", docker),
        ("https://www.purl.org/ivoa.net/EB/schema/types/executables/docker-container-1.0", docker),
        ("https://www.purl.org/ivoa.net/EB/schema/types/executable/docker-container-1.0", docker),
        ("https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0", docker),
        ("uri:docker-container-1.0", docker), ("uri:docker-container-0.1", docker), ("urn:docker-container-0.1", docker),
        ("https://www.purl.org/ivoa.net/executable-types/docker-container", docker),
        ("https://www.purl.org/ivoa.net/executable-types/oci-container", docker),
        ("https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml", docker),
        ("uri://jupyter-notebook", notebook), ("uri:jupyter-notebook-1.0", notebook), ("uri:jupyter-notebook-0.1", notebook),
        ("urn:jupyter-notebook-0.1", notebook),
        ("https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/jupyter-notebook-1.0", notebook),
        ("https://www.purl.org/ivoa.net/EB/schema/types/executable/jupyter-notebook-1.0", notebook),
        ("https://www.purl.org/ivoa.net/EB/schema/types/executables/jupyter-notebook-1.0", notebook),
        ("https://www.purl.org/ivoa.net/executable-types/jupyter-notebook", notebook),
        ("uri://kubernetes-helm", helm),
    ]

    static let unknown = [
        "URI://docker-container",
        "https://www.purl.org/ivoa.net/EB/schema/types/executable/docker-container-1.0/",
        "https://www.purl.org/ivoa.net/EB/schema/types/executable/docker-container-2.0",
        "uri://encabulator",
        "http://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0",
        "https://www.purl.org/ivoa.net/EB/schema/types/executables/singularity-container-1.0",
    ]

    static let malformed: [String] = [#""uri://docker-container ""#, #""docker-container""#, #""""#, "null", "5", "\"" + String(repeating: "a", count: 5000) + ":x\""]

    @Test("each alias is accepted exactly and echoed; near misses are NO; malformed URIs are 422")
    func vectors() async throws {
        try await LiveDaemon.run { client in
            for (tasktype, taskinfo) in Self.accepted {
                let answer = try #require(try await client.plan(#"{"tasktype": "\#(tasktype)", \#(taskinfo)}"#).json, "\(tasktype)")
                #expect(answer.string("/responseword") == "YES", "\(tasktype): \(answer.at("/reasons") ?? .null)")
                #expect(answer.string("/tasktype") == tasktype)
            }
            for tasktype in Self.unknown {
                let answer = try #require(try await client.plan(#"{"tasktype": "\#(tasktype)", \#(Self.docker)}"#).json, "\(tasktype)")
                #expect(answer.string("/responseword") == "NO", "\(tasktype)")
                #expect(answer.string("/reasons/0/code") == "unsupported-tasktype", "\(tasktype)")
                #expect(answer.string("/tasktype") == tasktype)
                #expect(answer.at("/supported")?.arrayValue?.contains("uri://docker-container") == true)
            }
            for tasktype in Self.malformed {
                let response = try await client.plan(#"{"tasktype": \#(tasktype), \#(Self.docker)}"#)
                let document = expectProblem(response, .unprocessableContent, String(tasktype.prefix(40)))
                #expect(problemEntries(document).contains { $0.path == "/tasktype" }, "\(tasktype.prefix(40))")
            }
        }
    }
}
