import PlannerKernel
import Testing

/// formats.md §8.3 (the URI-syntax part; which URIs are known is the registry's business).
@Suite("Task-type URIs")
struct TaskTypeURITests {
    @Test("absolute URIs are accepted", arguments: [
        "uri://docker-container", "uri:docker-container-1.0", "urn:jupyter-notebook-0.1", "URI://docker-container",
        "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0",
        "https://www.purl.org/ivoa.net/EB/schema/types/executable/docker-container-1.0/", "uri://encabulator",
        "http://example.org/a%20b?x=1",
    ])
    func valid(uri: String) {
        #expect(TaskTypeURI.problem(in: uri) == nil)
    }

    @Test("malformed URIs are refused", arguments: [
        "uri://docker-container ", "docker-container", "", String(repeating: "a", count: 5000),
        "uri://a#frag", "1uri://x", ":x", "uri://a b", "uri://a%2", "uri://é", "uri://a\u{0}",
    ])
    func invalid(uri: String) {
        #expect(TaskTypeURI.problem(in: uri) != nil)
    }
}
